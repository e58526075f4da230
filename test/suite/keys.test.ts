import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { SCALE_FIXTURES as F } from '../emulator/scale/catalog';
import { nodeAt, taskNodeIn, testApi, useEmulator } from './fixtures';
import { evalInWorkbench, hasProbe, pressKey, waitFor } from './helpers';

/** Clicks the editor-title action whose label starts with `label` (and not with `unless`); false when there is none. */
function clickEditorAction(label: string, unless?: string): Promise<boolean> {
  return evalInWorkbench<boolean>(`(() => {
    const actions = [...document.querySelectorAll('.editor-group-container.active .editor-actions .action-label')];
    const a = actions.find((e) => (e.getAttribute('aria-label') ?? '').startsWith(${JSON.stringify(label)})
      && !(${JSON.stringify(unless ?? '')} && (e.getAttribute('aria-label') ?? '').startsWith(${JSON.stringify(unless ?? '')})));
    if (!a) return false;
    a.click();
    return true;
  })()`);
}

async function taskRow() {
  const batch = await nodeAt('Emu', F.projects.main.name, 'Batches', F.batches.showcase.name);
  const task = await taskNodeIn(batch, F.tasks.kitchenSink);
  assert.ok(task);
  return task;
}

describe('Keys, enablement and editor-title buttons', function () {
  const emu = useEmulator();
  beforeEach(function () {
    if (!hasProbe) this.skip();
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('F5 in the Task Lens view refreshes it', async () => {
    const api = await testApi();
    await vscode.commands.executeCommand('workbench.view.extension.taskLens');
    await api.view.reveal(await taskRow(), { select: true, focus: true });
    emu.current.stats.reset();
    await pressKey('F5');
    await waitFor('the projects fetched again', () => emu.current.stats.hits('/v2/projects') > 0);
  });

  it('Ctrl+C copies the selected row’s id, and does nothing on a row without one (enablement)', async () => {
    const api = await testApi();
    await vscode.commands.executeCommand('workbench.view.extension.taskLens');
    await api.view.reveal(await taskRow(), { select: true, focus: true });
    await vscode.env.clipboard.writeText('before');
    await pressKey('Control+C');
    await waitFor('the id in the clipboard', async () => (await vscode.env.clipboard.readText()) === F.tasks.kitchenSink);
    const group = await nodeAt('Emu', F.projects.main.name, 'Batches');
    await api.view.reveal(group, { select: true, focus: true });
    await waitFor('the group selected', () => api.view.selection[0]?.id === group.id);
    await vscode.env.clipboard.writeText('before');
    await pressKey('Control+C');
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(await vscode.env.clipboard.readText(), 'before', 'a row without an id copies nothing');
    const toasts = await evalInWorkbench<string>(
      `[...document.querySelectorAll('.notification-list-item-message')].map(e => e.textContent).join(' | ')`,
    );
    assert.doesNotMatch(toasts, /Select a project/, 'the disabled command did not run');
  });

  it('Ctrl+Alt+G asks for a task ID (Go to Task by ID)', async () => {
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await pressKey('Control+Alt+G');
    await waitFor('the task ID prompt', () =>
      evalInWorkbench<boolean>(
        `(() => { const w = document.querySelector('.quick-input-widget'); return !!w && w.style.display !== 'none' && /Task ID on/.test(w.textContent ?? ''); })()`,
      ),
    );
    await pressKey('Escape');
  });

  it('a task JSON tab has an “Open Task” title button, and a task view an “Open Task JSON” one', async () => {
    const api = await testApi();
    await vscode.commands.executeCommand('taskLens.openTaskJson', await taskRow());
    await waitFor('the task JSON tab', () => vscode.window.activeTextEditor?.document.uri.scheme === 'tasklens');
    await waitFor('the Open Task button on the JSON tab', () => clickEditorAction('Open Task…'));
    const panel = await waitFor('the task view it opened', () => api.panels.all().find((p) => p.target.taskId === F.tasks.kitchenSink));
    await waitFor('the task view active', () => panel.panel.active);
    await vscode.commands.executeCommand('workbench.action.closeEditorsInOtherGroups');
    const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    for (const t of tabs().filter((t) => t.input instanceof vscode.TabInputText)) await vscode.window.tabGroups.close(t);
    await waitFor('the JSON tab closed', () => !tabs().some((t) => t.input instanceof vscode.TabInputText));
    await waitFor('the Open Task JSON button on the task view', () => clickEditorAction('Open Task JSON…'));
    await waitFor('the task JSON tab again', () =>
      tabs().some(
        (t) =>
          t.input instanceof vscode.TabInputText &&
          t.input.uri.scheme === 'tasklens' &&
          t.input.uri.path.endsWith(`${F.tasks.kitchenSink}.json`),
      ),
    );
  });
});
