import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { CommandIds } from '../../src/vscode/commandIds';
import { evalInWorkbench, extension, hasProbe, screenshot, waitFor } from './helpers';
import { readExtensionLog } from './log';

describe('Activation and contributions', function () {
  before(async () => {
    await extension().activate();
  });

  it('activates with no error in the Task Lens log', async () => {
    assert.equal(extension().isActive, true);
    const log = await waitFor('the activation line in the Task Lens log', async () => {
      const text = await readExtensionLog();
      return text.includes('activated in') ? text : undefined;
    });
    assert.doesNotMatch(log, /\[error\]/i, `the log has errors:\n${log}`);
  });

  it('registers every declared command, and declares every registered one', async () => {
    const declared = (extension().packageJSON.contributes.commands as { command: string }[]).map((c) => c.command).sort();
    const registered = (await vscode.commands.getCommands(true))
      // Views get `<view id>.focus`-style commands of their own.
      .filter((c) => c.startsWith('taskLens.') && !c.startsWith('taskLens.connections.') && !c.startsWith('taskLens.deliveries.'))
      .sort();
    assert.deepEqual(registered, declared);
    assert.deepEqual(Object.values(CommandIds).sort(), declared);
  });

  it('contributes the Task Lens view container with the Connections tree', async function () {
    await vscode.commands.executeCommand('workbench.view.extension.taskLens');
    await vscode.commands.executeCommand('taskLens.connections.focus');
    if (!hasProbe) this.skip();
    const titles = await waitFor('the Task Lens sidebar', () =>
      evalInWorkbench<string[]>(
        `[...document.querySelectorAll('.sidebar .composite.title h2, .sidebar .pane-header h3.title')].map(e => e.textContent.trim())`,
      ).then((t) => (t.some((x) => /task lens/i.test(x)) && t.some((x) => /connections/i.test(x)) ? t : undefined)),
    );
    assert.ok(titles.length >= 2);
  });

  it('shows the welcome content when there is no connection', async function () {
    if (!hasProbe) this.skip();
    const text = await waitFor('the welcome view', () =>
      evalInWorkbench<string>(`document.querySelector('.sidebar .welcome-view-content')?.innerText ?? ''`).then((t) =>
        t.includes('Add Connection') ? t : undefined,
      ),
    );
    assert.match(text, /Connect to Demo/);
    await screenshot('workbench-task-lens-sidebar');
  });
});
