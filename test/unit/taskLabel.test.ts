import { strict as assert } from 'node:assert';
import { markdownText } from '../../src/core/platform/markdown';
import type { Children, Entry } from '../../src/core/platform/platform';
import { firstUserText } from '../../src/core/scale/looks';
import { ScalePlatform } from '../../src/core/scale/platform';
import { shortTaskId, taskLabel, taskTextLabel, TASK_TEXT_CHARS } from '../../src/shared/taskLabel';
import { SCALE_FIXTURES as F } from '../emulator/scale/catalog';
import { startEmulator, type Emulator } from '../emulator/server';
import { testScale } from './support/clients';

type TaskThreads = Array<{ turns?: Array<{ messages?: Array<{ role: string; content?: { text?: string } }> }> }>;

describe('task labels', () => {
  it('shows a long id by its last 8 characters and a short id whole', () => {
    assert.equal(shortTaskId('c3b12d030000000000000000000000a1'), '…000000a1');
    assert.equal(shortTaskId('abc'), 'abc');
    assert.equal(shortTaskId('123456789012'), '123456789012');
  });

  it('labels by the start of the text on one line, cut with …, else by the id', () => {
    assert.equal(taskLabel('c3b12d0300000000000000ff', '  Write a\n\tpoem  '), 'Write a poem · …000000ff');
    const long = 'x'.repeat(TASK_TEXT_CHARS + 10);
    assert.equal(taskLabel('id', long), `${'x'.repeat(TASK_TEXT_CHARS)}… · id`);
    assert.equal(taskLabel('c3b12d0300000000000000ff', ' \n '), '…000000ff');
    assert.equal(taskLabel('c3b12d0300000000000000ff'), '…000000ff');
    // A cut never splits a surrogate pair.
    const emoji = '😀'.repeat(TASK_TEXT_CHARS + 1);
    assert.equal(taskTextLabel(emoji), `${'😀'.repeat(TASK_TEXT_CHARS)}…`);
  });

  it('finds the first user message, tolerating any shape', () => {
    assert.equal(firstUserText({}), undefined);
    assert.equal(firstUserText({ threads: 'no' }), undefined);
    assert.equal(
      firstUserText({
        threads: [
          null,
          {
            turns: [
              {
                messages: [
                  { role: 'system', content: { text: 'sys' } },
                  { role: 'user', content: { text: '' } },
                ],
              },
            ],
          },
          {
            turns: [
              {
                messages: [
                  { role: 'user', content: 7 },
                  { role: 'user', content: { text: 'Hello there' } },
                ],
              },
            ],
          },
        ],
      }),
      'Hello there',
    );
  });

  describe('Scale task rows', () => {
    let emulator: Emulator;
    before(async () => {
      emulator = await startEmulator();
    });
    after(() => emulator.close());

    async function children(source: Children | undefined): Promise<Entry[]> {
      assert.ok(source);
      if (source.mode === 'list') return [...(await source.load({}))];
      return [...(await source.loadPage({ pageSize: 100, filters: {} })).entries];
    }

    it('label tasks by their first user message or their id end; status and full id beside it', async () => {
      const platform = new ScalePlatform(testScale(emulator));
      const project = (await children(platform.roots)).find((e) => e.key === `project:${F.projects.main.id}`);
      const batches = (await children(project?.children)).find((e) => e.key === 'batches');
      let withText = 0;
      let withId = 0;
      for (const batchId of [F.batches.batch250.id, F.batches.showcase.id]) {
        const batch = (await children(batches?.children)).find((e) => e.key === `batch:${batchId}`);
        const rows = await children(batch?.children);
        // What the server sent, walked here by hand.
        const res = await fetch(`${emulator.url}/v2/tasks?batch_id=${batchId}&limit=100`, {
          headers: { authorization: `Bearer ${emulator.apiKey}` },
        });
        const served = ((await res.json()) as { tasks: Array<{ task_id: string; status: string; threads?: TaskThreads }> }).tasks;
        assert.equal(rows.length, served.length);
        for (const [i, task] of served.entries()) {
          const row = rows[i];
          assert.ok(row);
          const first = task.threads?.[0]?.turns?.[0]?.messages?.find((m) => m.role === 'user')?.content?.text;
          if (first) withText++;
          else withId++;
          const tail = `…${task.task_id.slice(-8)}`;
          const expected = first ? first.replace(/\s+/g, ' ').trim().slice(0, TASK_TEXT_CHARS).trimEnd() : tail;
          assert.ok(row.look.label.startsWith(expected), `${row.look.label} starts with ${expected}`);
          assert.ok(row.look.label.endsWith(tail), `${row.look.label} ends with ${tail}`);
          assert.equal(row.look.description, `${task.status.replace(/_/g, ' ')} · ${task.task_id}`);
          assert.ok((row.look.tooltip ?? '').includes(markdownText(task.task_id)), 'the tooltip names the full id');
        }
        if (batchId === F.batches.batch250.id)
          assert.ok(
            new Set(rows.map((r) => r.look.label)).size > 90,
            `the labels tell the rows apart: ${new Set(rows.map((r) => r.look.label)).size}`,
          );
      }
      assert.ok(withText > 0 && withId > 0, `rows with text (${withText}) and rows by id (${withId})`);
    });
  });
});
