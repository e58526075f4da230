import { strict as assert } from 'node:assert';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import { LIVEPEER_FIXTURES as L } from '../emulator/livepeer/data';
import { childrenOf, contextOf, KEY_ENV, nodeAt, SECRET_KEY, testApi, useEmulator, waitFor } from './fixtures';
import { evalInWebviews, hasProbe, screenshot } from './helpers';
import type { TreeNode } from '../../src/vscode/tree/node';
import { expectedOutputBytes } from '../unit/support/livepeerOutput';

const NAME = 'Studio Live';

async function taskNode(id: string): Promise<TreeNode> {
  const tasks = await nodeAt(NAME, 'Tasks');
  const found = (await childrenOf(tasks)).find((n) => n.getTreeItem().id?.endsWith(id));
  assert.ok(found, `task ${id} is on the first page`);
  return found;
}

const description = async (id: string): Promise<string> => String((await taskNode(id)).getTreeItem().description ?? '');

/** Text of the task view showing `marker` (undefined while none does). */
async function viewText(marker: string): Promise<string | undefined> {
  const frames = await evalInWebviews<string>(`document.getElementById('root')?.innerText ?? ''`);
  return frames.map((f) => f.value ?? '').find((t) => t.includes(marker));
}

describe('Livepeer live updates, retry and outputs', function () {
  const emu = useEmulator((url) => [{ name: NAME, kind: 'livepeer', baseUrl: `${url}/livepeer/api`, apiKeyEnv: KEY_ENV }]);
  const config = () => vscode.workspace.getConfiguration('taskLens');

  before(async () => {
    await config().update('livepeer.pollSeconds', 1, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.view.extension.taskLens');
  });
  after(async () => {
    await config().update('livepeer.pollSeconds', undefined, vscode.ConfigurationTarget.Global);
    const api = await testApi();
    api.confirmations.answer = undefined;
  });

  it('updates a running task in the tree without a click, and clears its stuck flag', async () => {
    const api = await testApi();
    await nodeAt(NAME, 'Tasks');
    // Seeded in 2024: waiting or running since then is far beyond the 60-minute default.
    assert.match(contextOf(await taskNode(L.tasks.runningUpload)), /\bstuck\b/);
    assert.match(await description(L.tasks.runningUpload), /running 42\s?%.*stuck\?/);
    await waitFor('polling to start', () => api.live.polling.includes(NAME));
    emu.current.livepeerLive.step();
    await waitFor('the row to show the new progress', async () => /running 72\s?%/.test(await description(L.tasks.runningUpload)), 20_000);
    assert.doesNotMatch(contextOf(await taskNode(L.tasks.runningUpload)), /\bstuck\b/);
  });

  it('updates the task view in place as progress rises, then shows the completed task and announces it', async function () {
    const api = await testApi();
    const id = L.tasks.runningTranscodeFile;
    const progressNow = (): number => Number(emu.current.livepeer.findTask(id)?.status?.progress);
    const shownPercent = (): string => `${Math.floor(progressNow() * 100)}%`;
    await vscode.commands.executeCommand('taskLens.openTask', await taskNode(id));
    if (!hasProbe) this.skip();
    const before = shownPercent();
    await waitFor(`the task view at ${before}`, () => viewText(before), 50_000);
    const renders = api.panels.all().find((p) => p.target.taskId === id);
    assert.ok(renders);
    emu.current.livepeerLive.step();
    const after = shownPercent();
    assert.notEqual(after, before);
    // A progress change arrives as a `live` message: redrawn in place, no loading state.
    await waitFor(`the task view at ${after} without a click`, () => viewText(after), 20_000);
    while (emu.current.livepeer.findTask(id)?.status?.phase === 'running') emu.current.livepeerLive.step();
    const done = await waitFor(
      'the task view to show the completed task',
      async () => {
        const text = await viewText(id);
        return text && /completed/i.test(text) && !text.includes(after) ? text : undefined;
      },
      20_000,
    );
    assert.ok(!done.includes(SECRET_KEY));
    await waitFor('the completion notice', () => api.live.notifications.find((n) => n.startsWith('completed: transcode-file')));
    assert.match(await description(id), /^completed/);
    await screenshot('livepeer-live-completed');
  });

  it('stops polling when the list and the task views are hidden, and starts again when shown', async () => {
    const api = await testApi();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.view.explorer');
    await waitFor('polling to stop', () => api.live.polling.length === 0);
    await new Promise((r) => setTimeout(r, 300));
    emu.current.stats.reset();
    await new Promise((r) => setTimeout(r, 3_000));
    assert.equal(emu.current.stats.hitsUnder('/livepeer/api/task/'), 0, 'no task polled while hidden');
    await vscode.commands.executeCommand('workbench.view.extension.taskLens');
    await waitFor('polling to resume', () => emu.current.stats.hitsUnder('/livepeer/api/task/') > 0, 10_000);
  });

  it('“Retry Task” on a failed task asks first, then shows it waiting; a completed task’s refusal changes nothing', async () => {
    const api = await testApi();
    const asked: string[] = [];
    api.confirmations.answer = (message, detail) => {
      asked.push(`${message}\n${detail}`);
      return true;
    };
    assert.match(contextOf(await taskNode(L.tasks.failedUpload)), /\bretryable\b/);
    const phase = await vscode.commands.executeCommand('taskLens.retryTask', await taskNode(L.tasks.failedUpload));
    assert.equal(phase, 'waiting');
    assert.match(asked[0] ?? '', /not in Livepeer’s published API/);
    assert.equal(emu.current.livepeer.findTask(L.tasks.failedUpload)?.status?.phase, 'waiting');
    assert.match(await description(L.tasks.failedUpload), /^waiting/);
    assert.doesNotMatch(contextOf(await taskNode(L.tasks.failedUpload)), /\bretryable\b/);
    // Declined: nothing is sent.
    api.confirmations.answer = () => false;
    const retryPath = `/livepeer/api/task/${L.tasks.cancelledClip}/retry`;
    assert.equal(await vscode.commands.executeCommand('taskLens.retryTask', await taskNode(L.tasks.cancelledClip)), undefined);
    assert.equal(emu.current.stats.hits(retryPath), 0);
    // The server refuses a completed task (called directly: its row offers no retry).
    api.confirmations.answer = () => true;
    const refused = await vscode.commands.executeCommand('taskLens.retryTask', {
      connection: (await taskNode(L.tasks.completedUpload)).connection,
      taskId: L.tasks.completedUpload,
    });
    assert.equal(refused, undefined);
    assert.equal(emu.current.livepeer.findTask(L.tasks.completedUpload)?.status?.phase, 'completed');
  });

  it('“Download Output” writes the exact file into the download folder, never sending the key to the file host', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder);
    const node = await taskNode(L.tasks.completedUpload);
    assert.match(contextOf(node), /\bhasOutput\b/);
    emu.current.livepeerOutput.resetLog();
    const result = (await vscode.commands.executeCommand('taskLens.downloadOutput', node)) as { file: string; bytes: number } | undefined;
    assert.ok(result, 'the download finished');
    const relative = path.relative(path.join(folder, 'deliveries', 'livepeer', 'outputs'), result.file);
    assert.ok(!relative.startsWith('..') && !path.isAbsolute(relative), result.file);
    const asset = emu.current.livepeer.findAsset(String(emu.current.livepeer.findTask(L.tasks.completedUpload)?.outputAssetId));
    const expected = expectedOutputBytes(String(asset?.playbackId));
    assert.ok((await readFile(result.file)).equals(expected), 'byte-exact');
    assert.ok(emu.current.livepeerOutput.log.length >= 1);
    assert.ok(emu.current.livepeerOutput.log.every((r) => !r.authorized));
  });
});
