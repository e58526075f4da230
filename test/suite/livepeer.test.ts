import { strict as assert } from 'node:assert';
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { LIVEPEER_FIXTURES as L } from '../emulator/livepeer/data';
import {
  childrenOf,
  contextOf,
  isEntry,
  isLoadMore,
  KEY_ENV,
  labelOf,
  loadAll,
  nodeAt,
  SECRET_KEY,
  useEmulator,
  renderedText,
} from './fixtures';
import { evalInWorkbench, hasProbe, pressKey, screenshot, typeText, waitFor } from './helpers';
import type { TreeNode } from '../../src/vscode/tree/node';

const NAME = 'Studio';

async function taskNode(id: string): Promise<TreeNode> {
  const tasks = await nodeAt(NAME, 'Tasks');
  const found = (await childrenOf(tasks)).find((n) => n.getTreeItem().id?.endsWith(id));
  assert.ok(found, `task ${id} is on the first page`);
  return found;
}

describe('Livepeer Studio connections', function () {
  const emu = useEmulator((url) => [{ name: NAME, kind: 'livepeer', baseUrl: `${url}/livepeer/api`, apiKeyEnv: KEY_ENV }]);

  it('shows Tasks, paged with “Load more…” and the total, with phase and type on each task', async () => {
    const tasks = await nodeAt(NAME, 'Tasks');
    const first = await childrenOf(tasks);
    const more = first.find(isLoadMore);
    assert.ok(more);
    assert.match(String(more.getTreeItem().description), new RegExp(`100 of ${L.totalTasks} loaded`));
    const all = await loadAll(tasks);
    assert.equal(all.entries.length, L.totalTasks);
    assert.equal(new Set(all.entries.map((e) => e.id)).size, L.totalTasks);
    const failed = await taskNode(L.tasks.failedUpload);
    assert.match(labelOf(failed), /upload/);
    assert.match(String(failed.getTreeItem().description), /failed/);
    const running = await taskNode(L.tasks.runningClip);
    assert.match(String(running.getTreeItem().description), /running.*70\s?%/);
    const legacy = await taskNode(L.tasks.legacyImport);
    assert.match(labelOf(legacy), /import/);
  });

  it('lists a task’s input and output assets, and says so when one is gone', async () => {
    const assets = (await childrenOf(await taskNode(L.tasks.completedExport))).filter(isEntry);
    assert.ok(assets.length >= 1);
    assert.ok(
      assets.some((a) => /\blink\b/.test(contextOf(a))),
      'an output asset links to its playback or download URL',
    );
    const missing = await childrenOf(await taskNode(L.tasks.missingOutputAsset));
    assert.ok(
      missing.some((a) => /not found/i.test(`${labelOf(a)} ${a.getTreeItem().description}`)),
      `a missing asset says so: ${missing.map(labelOf).join(', ')}`,
    );
  });

  it('filters by type and phase', async function () {
    if (!hasProbe) this.skip();
    const tasks = await nodeAt(NAME, 'Tasks');
    const filtering = vscode.commands.executeCommand('taskLens.filterByStatus', tasks);
    for (const value of ['upload', 'failed']) {
      await waitFor('a filter quick pick', () =>
        evalInWorkbench<boolean>(`!!document.querySelector('.quick-input-widget:not([style*="display: none"]) .quick-input-list')`),
      );
      await typeText(value);
      await pressKey('Enter');
      await new Promise((r) => setTimeout(r, 300));
    }
    await filtering;
    const filtered = await nodeAt(NAME, 'Tasks');
    assert.match(String(filtered.getTreeItem().description), /type: upload.*phase: failed/);
    const shown = (await loadAll(filtered)).entries;
    assert.ok(shown.length > 0);
    for (const t of shown) {
      assert.match(labelOf(t), /upload/);
      assert.match(String(t.getTreeItem().description), /failed/);
    }
    await vscode.commands.executeCommand('taskLens.clearFilter', filtered);
  });

  it('shows a failed task with its error and retries, and a completed one with its output', async function () {
    await vscode.commands.executeCommand('taskLens.openTask', await taskNode(L.tasks.failedRetriedExport));
    if (!hasProbe) this.skip();
    const failed = await renderedText('returned 503');
    assert.match(failed, /failed/i);
    assert.match(failed, /retr/i);
    await screenshot('livepeer-task-failed');
    await vscode.commands.executeCommand('taskLens.openTask', await taskNode(L.tasks.completedTranscode));
    const done = await renderedText(L.tasks.completedTranscode);
    assert.match(done, /completed/i);
    assert.match(done, /transcode-file/);
    assert.ok(!done.includes(SECRET_KEY));
    await screenshot('livepeer-task-completed');
  });

  it('opens a task’s JSON tab exactly as the API returned it', async () => {
    await vscode.commands.executeCommand('taskLens.openTaskJson', await taskNode(L.tasks.completedUpload));
    const editor = await waitFor('the JSON tab', () =>
      vscode.window.activeTextEditor?.document.uri.scheme === 'tasklens' ? vscode.window.activeTextEditor : undefined,
    );
    const res = await fetch(`${emu.current.url}/livepeer/api/task/${L.tasks.completedUpload}`, {
      headers: { authorization: `Bearer ${SECRET_KEY}` },
    });
    assert.equal(editor.document.getText(), `${JSON.stringify(await res.json(), null, 2)}\n`);
    assert.match(editor.document.uri.path, new RegExp(`^/${NAME}/tasks/upload/${L.tasks.completedUpload}\\.json$`));
  });

  it('“Download Task List” writes every task as JSONL through the download engine', async () => {
    const tasks = await nodeAt(NAME, 'Tasks');
    assert.match(contextOf(tasks), /download-livepeer-tasks/);
    const result = (await vscode.commands.executeCommand('taskLens.downloadTaskList', tasks)) as
      { file: string; count: number } | undefined;
    assert.ok(result);
    const lines = (await readFile(result.file, 'utf8')).split('\n').filter(Boolean);
    assert.equal(lines.length, L.totalTasks);
    assert.equal(new Set(lines.map((l) => (JSON.parse(l) as { id: string }).id)).size, L.totalTasks);
  });
});
