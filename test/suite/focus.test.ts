/**
 * Focus in the real workbench: what Task Lens does when an answer arrives after the user has
 * started something else (issue 20). A palette the user opened must stay open with its text.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { SCALE_FIXTURES as F } from '../emulator/scale/catalog';
import { childrenOf, nodeAt, testApi, useEmulator } from './fixtures';
import { evalInWorkbench, hasProbe, pressKey, sequenceResult, startSequence, typeText, waitFor } from './helpers';

const QUICK_INPUT_OPEN = `!!document.querySelector('.quick-input-widget:not([style*="display: none"]) input')`;
const QUICK_INPUT_STATE = `(() => {
  const widget = document.querySelector('.quick-input-widget');
  const open = !!widget && widget.style.display !== 'none';
  const input = widget?.querySelector('input.input, input');
  return { open, value: input?.value ?? '', focused: !!widget && widget.contains(document.activeElement) };
})()`;

/** Logs where focus goes in the workbench from now on (for the failure message). */
const LOG_FOCUS = `(() => {
  window.__tlFocus = [];
  const t0 = Date.now();
  const describe = (el) => el ? [el.tagName.toLowerCase(), el.id, String(el.className).slice(0, 40), el.closest('.sidebar') ? 'sidebar' : el.closest('.quick-input-widget') ? 'quick-input' : el.closest('.editor-group-container') ? 'editor' : ''].filter(Boolean).join(' ') : 'none';
  if (!window.__tlFocusHooked) {
    window.__tlFocusHooked = true;
    document.addEventListener('focusin', (e) => window.__tlFocus?.push((Date.now() - window.__tlFocusT0) + 'ms ' + describe(e.target)), true);
    document.addEventListener('focusout', (e) => { if (!e.relatedTarget) setTimeout(() => window.__tlFocus?.push((Date.now() - window.__tlFocusT0) + 'ms left ' + describe(e.target) + ' for ' + describe(document.activeElement)), 0); }, true);
  }
  window.__tlFocusT0 = t0;
  return true;
})()`;

interface QuickInputState {
  open: boolean;
  value: string;
  focused: boolean;
}

/**
 * Runs Go to Task by ID for `id`: the runner accepts the ID, waits `delayMs` after its input closed,
 * opens the palette and types `text`, on its own clock (a user does not wait for the extension
 * host either).
 */
async function goToTaskThenPalette(id: string, delayMs: number, text: string): Promise<Thenable<unknown>> {
  const going = vscode.commands.executeCommand('taskLens.goToTask');
  await waitFor('the task ID input', () => evalInWorkbench<boolean>(QUICK_INPUT_OPEN));
  await typeText(id);
  await startSequence([
    { label: 'ID accepted', press: 'Enter' },
    { label: 'ID input closed', until: `!(${QUICK_INPUT_OPEN})` },
    { label: 'F1 pressed', wait: delayMs, press: 'F1' },
    { label: 'palette shown', until: QUICK_INPUT_VISIBLE_EMPTY },
    { label: 'typed', type: text },
  ]);
  return going;
}

/** The palette is up with only its `>` in it (not the task ID input it replaces). */
const QUICK_INPUT_VISIBLE_EMPTY = `(() => { const i = document.querySelector('.quick-input-widget:not([style*="display: none"]) input'); return !!i && i.value === '>'; })()`;

async function sequenceDone(): Promise<Record<string, number>> {
  const result = await waitFor(
    'the key sequence',
    async () => {
      const r = await sequenceResult();
      return r.done ? r : undefined;
    },
    90_000,
  );
  const errors = result.log.filter((l) => l.error);
  assert.deepEqual(errors, [], 'the key sequence ran');
  return Object.fromEntries(result.log.map((l) => [l.step, l.at]));
}

describe('Focus: late answers leave the user where they are', function () {
  const emu = useEmulator();
  before(function () {
    if (!hasProbe) this.skip();
  });
  afterEach(async () => {
    emu.current.faults.clear();
    await pressKey('Escape');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Focus: the palette comes up, and stays, while a 2.1 MB task loads (measured)', async () => {
    const api = await testApi();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await evalInWorkbench(LOG_FOCUS);
    const going = await goToTaskThenPalette(F.tasks.big, 200, 'zq one');
    const times = await sequenceDone();
    await going;
    const panel = await waitFor('the big task view', () => api.panels.all().find((p) => p.target.taskId === F.tasks.big), 60_000);
    await waitFor('the big task rendered', () => panel.timing.complete !== undefined, 120_000);
    await new Promise((r) => setTimeout(r, 1000));
    const state = await evalInWorkbench<QuickInputState>(QUICK_INPUT_STATE);
    const focusLog = await evalInWorkbench<string[]>('window.__tlFocus');
    const shownMs = times['palette shown'] - times['F1 pressed'];
    console.log(`[task-lens-test]     key sequence: ${JSON.stringify(times)}`);
    console.log(
      `[task-lens-test]     palette while a 2.1 MB task loads: F1 → shown ${shownMs} ms (page render ${Math.round(panel.timing.complete ?? 0)} ms); focus went: ${focusLog.join(' | ')}`,
    );
    assert.deepEqual(
      state,
      { open: true, value: '>zq one', focused: true },
      `the palette stayed open; focus went: ${focusLog.join(' | ')}`,
    );
  });

  it('Focus: a task that arrives while the palette is open neither closes it nor takes its text', async () => {
    // The tree along the task's path is loaded already: only the task itself is slow.
    await childrenOf(await nodeAt('Emu', F.projects.main.name, 'Batches', F.batches.showcase.name));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    emu.current.faults.set({ pathPrefix: '/v2/task', latencyMs: 3000 });
    await evalInWorkbench(LOG_FOCUS);
    const going = await goToTaskThenPalette(F.tasks.sideBySide, 500, 'zq typed while loading');
    const times = await sequenceDone();
    const api = await testApi();
    await going;
    assert.ok(times.typed < 3000, `the palette was up and typed into before the task arrived: ${JSON.stringify(times)}`);
    await waitFor('the task view', () => api.panels.all().some((p) => p.target.taskId === F.tasks.sideBySide));
    // Anything that would move focus (panel, tree reveal and its retries, the page's first paint) has happened by now.
    await new Promise((r) => setTimeout(r, 3000));
    const state = await evalInWorkbench<QuickInputState>(QUICK_INPUT_STATE);
    const focusLog = await evalInWorkbench<string[]>('window.__tlFocus');
    console.log(`[task-lens-test]     focus went: ${focusLog.join(' | ')}`);
    assert.deepEqual(
      state,
      { open: true, value: '>zq typed while loading', focused: true },
      `the palette is still open, focused, with its text; focus went: ${focusLog.join(' | ')}`,
    );
    await pressKey('Escape');
    // The task is still selected in the tree (without focus): the user only kept their palette.
    await waitFor('the task selected in the tree', () => api.view.selection[0]?.id.endsWith(`task:${F.tasks.sideBySide}`));
  });
});
