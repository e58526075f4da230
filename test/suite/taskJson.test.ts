import { strict as assert } from 'node:assert';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import type { Emulator } from '../emulator/server';
import { SCALE_FIXTURES as F } from '../emulator/scale/catalog';
import { redactTaskSecrets } from '../../src/core/secrets/taskSecrets';
import { childrenOf, isEntry, nodeAt, SECRET_KEY, taskIdOf, taskNodeIn, useEmulator } from './fixtures';
import { evalInWorkbench, hasProbe, screenshot, typeText, waitFor } from './helpers';

/** The task as the API serves it, fetched without the extension, with credentials redacted as the tab shows them. */
async function apiTask(emulator: Emulator, id: string): Promise<unknown> {
  const url = `${emulator.url}/v2/task?task_id=${id}&opts=annotation_details&opts=attachment_details&opts=model_parameters&opts=submissions`;
  const res = await fetch(url, { headers: { authorization: `Bearer ${SECRET_KEY}` } });
  return redactTaskSecrets(JSON.parse(await res.text()) as unknown);
}

describe('Task JSON tabs', function () {
  const emu = useEmulator();

  it('opens a task from the tree as JSON, as the API returned it (credentials redacted), at a readable path', async () => {
    const batch = await nodeAt('Emu', F.projects.main.name, 'Batches', F.batches.showcase.name);
    const task = await taskNodeIn(batch, F.tasks.kitchenSink);
    assert.ok(task, 'the kitchen-sink task is in the Showcase batch');
    await vscode.commands.executeCommand('taskLens.openTaskJson', task);
    const editor = await waitFor('the JSON tab', () =>
      vscode.window.activeTextEditor?.document.uri.scheme === 'tasklens' ? vscode.window.activeTextEditor : undefined,
    );
    const doc = editor.document;
    assert.equal(doc.languageId, 'json');
    assert.equal(doc.uri.path, `/Emu/${F.projects.main.name}/${F.batches.showcase.name}/${F.tasks.kitchenSink}.json`);
    const expected = await apiTask(emu.current, F.tasks.kitchenSink);
    assert.equal(doc.getText(), `${JSON.stringify(expected, null, 2)}\n`);
    assert.deepEqual(Object.keys(JSON.parse(doc.getText())), Object.keys(expected as object), 'field order kept');
    assert.ok(!doc.getText().includes(SECRET_KEY));
  });

  it('is read-only, and typing shows why', async function () {
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document.uri.scheme === 'tasklens');
    assert.equal(vscode.workspace.fs.isWritableFileSystem('tasklens'), false);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.writeFile(editor.document.uri, new TextEncoder().encode('{}'))));
    if (!hasProbe) this.skip();
    const before = editor.document.getText();
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await typeText('x');
    const message = await waitFor('the read-only message', () =>
      evalInWorkbench<string>(
        `[...document.querySelectorAll('.monaco-editor-overlaymessage, .monaco-editor .message')].map(e => e.textContent).join(' ')`,
      ).then((t) => (/read-only/i.test(t) ? t : undefined)),
    );
    assert.match(message, /API returned it/);
    assert.equal(editor.document.getText(), before, 'typing changed nothing');
    await screenshot('task-json-readonly');
  });

  it('reuses one preview tab for the next task, and opens by ID from the palette path', async () => {
    const batch = await nodeAt('Emu', F.projects.main.name, 'Batches', F.batches.showcase.name);
    const tasks = (await childrenOf(batch)).filter(isEntry);
    await vscode.commands.executeCommand('taskLens.openTaskJson', tasks[1]);
    await vscode.commands.executeCommand('taskLens.openTaskJson', tasks[2]);
    const taskTabs = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === 'tasklens');
    assert.equal(taskTabs.length, 1, `one preview tab, found ${taskTabs.map((t) => t.label).join(', ')}`);
    assert.equal(taskTabs[0].isPreview, true);
  });

  it('saves a copy into the workspace', async () => {
    const batch = await nodeAt('Emu', F.projects.main.name, 'Batches', F.batches.showcase.name);
    const task = (await childrenOf(batch)).filter(isEntry)[0];
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const target = vscode.Uri.joinPath(folder.uri, 'copies', `${taskIdOf(task)}.json`);
    await vscode.commands.executeCommand('taskLens.saveTaskJsonCopy', task, target);
    const written = JSON.parse(await readFile(path.join(folder.uri.fsPath, 'copies', `${taskIdOf(task)}.json`), 'utf8'));
    assert.deepEqual(written, await apiTask(emu.current, taskIdOf(task)));
  });
});
