import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { SCALE_FIXTURES as F } from '../emulator/scale/catalog';
import { nodeAt, SECRET_KEY, taskNodeIn, testApi, useEmulator } from './fixtures';
import { evalInWorkbench, hasProbe, screenshot, waitFor } from './helpers';

type Row = { label: string; description: string; tooltip: string };

/** The first user message of a task as the API serves it, walked here by hand. */
async function firstUserMessage(url: string, id: string): Promise<string> {
  const res = await fetch(`${url}/v2/task?task_id=${id}`, { headers: { authorization: `Bearer ${SECRET_KEY}` } });
  const task = (await res.json()) as { threads: { turns: { messages: { role: string; content: { text?: string } }[] }[] }[] };
  const text = task.threads[0]?.turns[0]?.messages.find((m) => m.role === 'user')?.content.text;
  assert.ok(text, 'the kitchen-sink task starts with a user message');
  return text;
}

describe('Task rows tell tasks apart', function () {
  const emu = useEmulator();

  it('labels a task by its first user message and the end of its id; status and full id beside it (sidebar rows)', async function () {
    if (!hasProbe) this.skip();
    const text = await firstUserMessage(emu.current.url, F.tasks.kitchenSink);
    const start = text.replace(/\s+/g, ' ').trim().slice(0, 20);
    const tail = F.tasks.kitchenSink.slice(-8);
    await vscode.commands.executeCommand('workbench.view.extension.taskLens');
    const batch = await nodeAt('Emu', F.projects.main.name, 'Batches', F.batches.showcase.name);
    await (await testApi()).view.reveal(batch, { expand: true, select: true });
    const task = await taskNodeIn(batch, F.tasks.kitchenSink);
    assert.ok(task);
    await (await testApi()).view.reveal(task, { select: true });
    const rows = await waitFor('task rows in the sidebar', () =>
      evalInWorkbench<Row[]>(
        `[...document.querySelectorAll('.sidebar .monaco-list-row')].map(r => ({
          label: r.querySelector('.label-name')?.textContent ?? '',
          description: r.querySelector('.label-description')?.textContent ?? '',
          tooltip: r.getAttribute('aria-label') ?? '' }))`,
      ).then((all) => (all.some((r) => r.description.includes(F.tasks.kitchenSink)) ? all : undefined)),
    );
    const row = rows.find((r) => r.description.includes(F.tasks.kitchenSink));
    assert.ok(row);
    assert.ok(row.label.startsWith(start), `the row “${row.label}” starts with the first message “${start}”`);
    assert.ok(row.label.endsWith(`…${tail}`), `the row “${row.label}” ends with the id's end`);
    assert.equal(row.description, `completed · ${F.tasks.kitchenSink}`);
    // Every task row of the batch reads differently.
    const taskRows = rows.filter((r) => / · [0-9a-f]{24}$/.test(r.description));
    assert.ok(taskRows.length >= 5, `task rows: ${JSON.stringify(rows)}`);
    assert.equal(new Set(taskRows.map((r) => r.label)).size, taskRows.length, 'no two task rows share a label');
    await screenshot('tree-task-rows');
  });
});
