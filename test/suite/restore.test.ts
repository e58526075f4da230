import { strict as assert } from 'node:assert';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import { SCALE_FIXTURES as F } from '../emulator/scale/catalog';
import { setConnections, testApi } from './fixtures';
import { evalInWebviews, screenshot, waitFor, webviewText } from './helpers';
import { RELOAD_FILE } from './reload';

describe('Task view across a window reload (after)', function () {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setConnections([]);
    await rm(path.dirname(reloadFile().fsPath), { recursive: true, force: true });
  });

  it('restores the task view panel and fetches its task again', async () => {
    const api = await testApi();
    const panel = await waitFor('the restored panel', () => api.panels.all().find((p) => p.target.taskId === F.tasks.sideBySide), 30_000);
    assert.ok(panel);
    const text = await waitFor(
      'the restored task in the page',
      async () => {
        const frames = await evalInWebviews<string>(`document.getElementById('root')?.innerText ?? ''`);
        // The header (with the id) renders before the turns: wait for the turns too.
        return frames.map((f) => f.value ?? '').find((t) => t.includes(F.tasks.sideBySide) && /assistant/i.test(t));
      },
      30_000,
    );
    assert.match(text, /assistant/i);
    await screenshot('task-view-restored-after-reload');
  });

  it('restores the task view of a delivery-explorer row from its file, offline', async () => {
    const api = await testApi();
    // Its tab is behind the other task view: shown, it is revived.
    await vscode.commands.executeCommand('workbench.action.nextEditorInGroup');
    const panel = await waitFor('the restored file task view', () => api.panels.all().find((p) => p.target.file), 30_000);
    const entry = panel.target.file?.entry;
    assert.ok(entry);
    // The task on that line, read here from the file.
    const lines = (await readFile(reloadFile().fsPath, 'utf8')).split('\n');
    const id = (JSON.parse(lines[entry.lineNumber - 1] as string) as { task_id: string }).task_id;
    assert.equal(panel.target.taskId, id);
    const text = await webviewText(id, () => panel.timing.complete !== undefined);
    assert.ok(text.includes(`line ${entry.lineNumber}`), text.slice(0, 300));
  });
});

function reloadFile(): vscode.Uri {
  return vscode.Uri.file(path.join(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath as string, ...RELOAD_FILE));
}
