import { strict as assert } from 'node:assert';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import { SCALE_FIXTURES as F } from '../emulator/scale/catalog';
import { setConnections, testApi } from './fixtures';
import { evalInWebviews, hasProbe, waitFor } from './helpers';
import { RELOAD_CONNECTION, RELOAD_FILE, reloadRequest } from './reload';

describe('Task view across a window reload (before)', function () {
  it('leaves a task view open, backed by an emulator outside the extension host', async function () {
    const url = process.env.TASKLENS_TEST_EMULATOR_URL;
    if (!hasProbe || !url) this.skip();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setConnections([{ name: RELOAD_CONNECTION, kind: 'scale', baseUrl: url as string, apiKeyEnv: 'TASKLENS_TEST_EMULATOR_KEY' }]);
    const api = await testApi();
    const connection = {
      name: RELOAD_CONNECTION,
      kind: 'scale' as const,
      baseUrl: url as string,
      apiKeyEnv: 'TASKLENS_TEST_EMULATOR_KEY',
      source: 'user' as const,
    };
    api.panels.open({ connection, taskId: F.tasks.sideBySide, pathSegments: [] }, { pin: true });
    // The page stores its state at once, but the web workbench persists editor state on a timer
    // (a few seconds), not on reload; a reload right after opening would restore nothing.
    await new Promise((r) => setTimeout(r, 6000));
    assert.equal(api.panels.all().length, 1);
    reloadRequest.pending = true;
  });

  it('leaves a task view of a delivery-explorer row open, read offline from its file', async function () {
    if (!hasProbe || !process.env.TASKLENS_TEST_EMULATOR_URL) this.skip();
    const api = await testApi();
    const file = vscode.Uri.file(path.join(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath as string, ...RELOAD_FILE));
    await mkdir(path.dirname(file.fsPath), { recursive: true });
    await copyFile((await api.explorers.sampleFile()).fsPath, file.fsPath);
    // Beside the other task view: a tab hidden behind another is revived only when shown.
    await api.explorers.open(file, vscode.ViewColumn.Beside);
    await waitFor('the table', async () =>
      (await evalInWebviews<number>(`document.querySelectorAll('tr.ex-row').length`)).some((f) => f.value),
    );
    await evalInWebviews(`document.querySelector('tr.ex-row[data-position="4"]')?.click()`);
    const view = await waitFor(
      'the task view',
      () => api.panels.all().find((p) => p.target.file && p.timing.complete !== undefined),
      50_000,
    );
    // Closed: the view comes back with no explorer open (no Previous / Next), read from the file alone.
    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputCustom);
    if (tab) await vscode.window.tabGroups.close(tab);
    // Behind the other task view, in its group: after a reload the web workbench loaded the page of
    // only one of two task views shown side by side (seen with two API task views too), and a tab
    // behind another is revived when it is shown, which the check after the reload does.
    view.panel.reveal(vscode.ViewColumn.One);
    await waitFor('the task view in the first group', () => view.panel.viewColumn === vscode.ViewColumn.One);
    api.panels
      .all()
      .find((p) => !p.target.file)
      ?.panel.reveal(vscode.ViewColumn.One);
    await new Promise((r) => setTimeout(r, 6000)); // the workbench persists the page's state on a timer
    assert.equal(api.panels.all().length, 2);
    reloadRequest.pending = true;
  });
});
