import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { SCALE_FIXTURES as F } from '../emulator/scale/catalog';
import { setConnections, testApi } from './fixtures';
import { evalInWebviews, screenshot, waitFor } from './helpers';

describe('Task view across a window reload (after)', function () {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setConnections([]);
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
});
