import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { SCALE_FIXTURES as F } from '../emulator/scale/catalog';
import { setConnections, testApi } from './fixtures';
import { hasProbe } from './helpers';
import { RELOAD_CONNECTION, reloadRequest } from './reload';

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
});
