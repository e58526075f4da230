import { strict as assert } from 'node:assert';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import { isPageState, type PageState } from '../../src/shared/protocol';
import type { TaskPanel } from '../../src/vscode/panel/taskPanel';
import { setConnections, testApi } from './fixtures';
import { evalInWebviews, hasProbe, waitFor, webviewText } from './helpers';

/**
 * The state each webview frame was built with: VS Code writes what the page last kept with
 * `setState` into the script that defines `acquireVsCodeApi` when it builds the frame again (the
 * tab shown after being hidden), the same state it hands the serializer after a window reload.
 */
const FRAME_STATE = `(() => { const s = document.getElementById('_vscodeApiScript')?.textContent ?? '';
  const m = /decodeURIComponent\\("([^"]*)"\\)/.exec(s); return m ? JSON.parse(decodeURIComponent(m[1])) : null; })()`;

async function keptFileState(panel: TaskPanel): Promise<PageState> {
  for (let attempt = 0; ; attempt++) {
    // Hide the task view behind another tab, then show it: its page is built again with its state.
    const other = await vscode.workspace.openTextDocument({ content: 'hides the task view' });
    await vscode.window.showTextDocument(other, { viewColumn: panel.panel.viewColumn, preview: false });
    panel.panel.reveal(undefined, false);
    const frames = await waitFor('the task view built again', async () => {
      const all = await evalInWebviews<unknown>(FRAME_STATE);
      return all.some((f) => isPageState(f.value)) ? all : undefined;
    }).catch(() => []);
    const found = frames.map((f) => f.value).find((v): v is PageState => isPageState(v) && v.file !== undefined);
    if (found) return found;
    if (attempt >= 3) throw new Error(`no frame kept a file state: ${JSON.stringify(frames.map((f) => f.value))}`);
    await new Promise((r) => setTimeout(r, 2000)); // the page's setState reaches the workbench asynchronously
  }
}

/** The text of the message page that says `why`, from whichever frame shows it. */
const messagePageText = (why: RegExp) => async () =>
  (await evalInWebviews<string>(`document.body?.innerText ?? ''`))
    .map((f) => f.value ?? '')
    .find((t) => /could not be restored/.test(t) && why.test(t));

describe('Task view restore from a task file', function () {
  let file: vscode.Uri;
  let lines: string[];
  /** Where each line starts, counted here from the file's bytes. */
  let offsets: number[];

  before(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setConnections([]); // offline: no connection at all
    const api = await testApi();
    const folder = path.join(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath as string, 'restore');
    await mkdir(folder, { recursive: true });
    file = vscode.Uri.file(path.join(folder, 'restore sample #1.jsonl'));
    await copyFile((await api.explorers.sampleFile()).fsPath, file.fsPath);
    lines = (await readFile(file.fsPath, 'utf8')).split('\n');
    offsets = lines.map((_, i) => lines.slice(0, i).reduce((sum, l) => sum + Buffer.byteLength(l) + 1, 0));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await rm(path.dirname(file.fsPath), { recursive: true, force: true });
  });

  it('shows a task view opened from an explorer row again from the state its page kept, offline', async function () {
    if (!hasProbe) this.skip();
    const api = await testApi();
    const model = await api.explorers.open(file);
    await waitFor('the table', async () =>
      (await evalInWebviews<number>(`document.querySelectorAll('tr.ex-row').length`)).some((f) => f.value),
    );
    await evalInWebviews(`document.querySelector('tr.ex-row[data-position="2"]')?.click()`);
    const original = await waitFor(
      'the task view',
      () => api.panels.all().find((p) => p.target.file && p.timing.complete !== undefined),
      50_000,
    );
    const entry = original.target.file?.entry;
    assert.ok(entry && entry.offset > 0, 'a row past the first, so its offset matters');
    // The task on that line, read here from the file's text.
    const line = entry.lineNumber;
    const shownId = (JSON.parse(lines[line - 1] as string) as { task_id: string }).task_id;
    assert.equal(original.target.taskId, shownId);
    const title = original.panel.title;

    const state = await keptFileState(original);
    const length = Buffer.byteLength(lines[line - 1] as string);
    assert.deepEqual(state.file, { uri: file.toString(), offset: offsets[line - 1], length, line });
    assert.equal(state.taskId, shownId);
    assert.ok(!JSON.stringify(state).includes('"threads"'), 'no task data in the state');
    original.panel.dispose();

    const fresh = vscode.window.createWebviewPanel('taskLens.task', 'restoring', vscode.ViewColumn.Beside, { enableScripts: true });
    await api.panels.deserializeWebviewPanel(fresh, JSON.parse(JSON.stringify(state)));
    const restored = api.panels.all().find((p) => p.panel === fresh);
    assert.ok(restored, 'the fresh panel is a task view');
    assert.equal(restored.target.file?.entry.offset, entry.offset);
    assert.equal(fresh.title, title);
    const count = model.rows.length;
    const position = model.positionOf(original.target.file?.row ?? -1) + 1;
    const text = await webviewText(`${position} of ${count}`, () => restored.timing.complete !== undefined);
    assert.ok(text.includes(shownId), 'the restored view shows that task, and its place in the open explorer’s set');

    // Next still moves through the explorer's set (its row found again by offset).
    await evalInWebviews(`document.querySelector('.toolbar [data-command="next"]')?.click()`);
    const next = model.index?.taskId(model.rows[position] as number);
    await waitFor('the next task', () => restored.target.taskId === next && restored.timing.complete !== undefined);
    fresh.dispose();
  });

  /** What a page showing line 3 keeps (as the test above checks), counted here from the file. */
  function line3State(): { shownId: string; state: PageState } {
    const shownId = (JSON.parse(lines[2] as string) as { task_id: string }).task_id;
    const ref = { uri: file.toString(), offset: offsets[2] as number, length: Buffer.byteLength(lines[2] as string), line: 3 };
    return { shownId, state: { v: 1, taskId: shownId, connectionName: path.basename(file.fsPath), platform: 'scale', file: ref } };
  }

  it('with no explorer open, shows the task without Previous and Next', async function () {
    if (!hasProbe) this.skip();
    const api = await testApi();
    const { shownId, state } = line3State();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const lone = vscode.window.createWebviewPanel('taskLens.task', 'restoring', vscode.ViewColumn.One, { enableScripts: true });
    await api.panels.deserializeWebviewPanel(lone, state);
    const restored = api.panels.all().find((p) => p.panel === lone);
    assert.ok(restored);
    const text = await webviewText(shownId, () => restored.timing.complete !== undefined);
    assert.ok(text.includes('line 3'), text.slice(0, 300));
    const buttons = await evalInWebviews<number>(
      `document.querySelectorAll('.toolbar [data-command="next"], .toolbar [data-command="previous"]').length`,
    );
    assert.ok(
      buttons.every((f) => !f.value),
      JSON.stringify(buttons),
    );
    lone.dispose();
  });

  it('shows why instead when the file was written again with another task at that offset, or is gone', async function () {
    if (!hasProbe) this.skip();
    const api = await testApi();
    const { shownId, state } = line3State();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // The same tasks in reverse order: the kept offset now falls on other bytes.
    const tasks = lines.filter(Boolean);
    await writeFile(file.fsPath, [...tasks].reverse().join('\n') + '\n');
    const changed = vscode.window.createWebviewPanel('taskLens.task', 'restoring', vscode.ViewColumn.One, { enableScripts: true });
    await api.panels.deserializeWebviewPanel(changed, state);
    assert.equal(
      api.panels.all().find((p) => p.panel === changed),
      undefined,
      'no task view over the changed file',
    );
    const said = await waitFor('the message page', messagePageText(/changed since: line \d+ no longer holds task/), 30_000);
    assert.ok(said.includes(shownId) && said.includes('Delivery Explorer'), said);
    changed.dispose();

    await rm(file.fsPath);
    const gone = vscode.window.createWebviewPanel('taskLens.task', 'restoring', vscode.ViewColumn.One, { enableScripts: true });
    await api.panels.deserializeWebviewPanel(gone, state);
    const why = await waitFor('the message page', messagePageText(/is no longer there/), 30_000);
    assert.ok(why.includes('Delivery Explorer'), why);
    gone.dispose();
  });
});
