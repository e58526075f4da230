import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { SCALE_FIXTURES as F } from '../emulator/scale/catalog';
import { buildHostileTask, hostileMarker, hostilePayloads } from '../fixtures/hostile';
import type { Task } from '../../src/core/scale/types';
import { KEY_ENV, nodeAt, SECRET_KEY, taskNodeIn, testApi, useEmulator, renderedText } from './fixtures';
import { evalInWebviews, evalInWorkbench, hasProbe, pressKey, screenshot, typeText, waitFor } from './helpers';

async function openedPanels(): Promise<number> {
  return (await testApi()).panels.all().length;
}

describe('Task view', function () {
  const emu = useEmulator();

  async function showcaseTask(id: string) {
    const batch = await nodeAt('Emu', F.projects.main.name, 'Batches', F.batches.showcase.name);
    const node = await taskNodeIn(batch, id);
    assert.ok(node, `task ${id} is in the Showcase batch`);
    return node;
  }

  it('opens a task from the tree and shows its turns, roles and annotations', async function () {
    const node = await showcaseTask(F.tasks.kitchenSink);
    assert.equal(node.getTreeItem().command?.command, 'taskLens.openTask', 'a click on a task opens the task view');
    await vscode.commands.executeCommand('taskLens.openTask', node);
    if (!hasProbe) this.skip();
    const text = await renderedText(F.tasks.kitchenSink);
    for (const expected of ['user', 'assistant', 'system', F.projects.main.name, F.batches.showcase.name, 'Instruction following']) {
      assert.ok(text.toLowerCase().includes(expected.toLowerCase()), `the view shows “${expected}”`);
    }
    const counts = await evalInWebviews<{ turns: number; messages: number; annotations: number }>(`({
      turns: document.querySelectorAll('.turn-card').length,
      messages: document.querySelectorAll('[data-role], .message').length,
      annotations: document.querySelectorAll('[data-annotation-type], .annotation').length,
    })`);
    const shown = counts.find((c) => c.value && c.value.turns > 0)?.value;
    assert.ok(
      shown && shown.messages > 0 && shown.annotations > 0,
      `turns, messages and annotations are rendered: ${JSON.stringify(counts)}`,
    );
    assert.ok(!text.includes(SECRET_KEY));
  });

  it('toolbar: “Reveal in Tree” selects the task in the tree, “Open JSON” opens its tab', async function () {
    if (!hasProbe) this.skip();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('taskLens.openTask', await showcaseTask(F.tasks.error));
    await renderedText(F.tasks.error);
    await evalInWebviews(`document.querySelector('[data-command="revealInTree"]')?.click()`);
    const { view } = await testApi();
    await waitFor('the task selected in the tree', () => view.selection[0]?.id.endsWith(`task:${F.tasks.error}`));
    await evalInWebviews(`document.querySelector('[data-command="openJson"]')?.click()`);
    const editor = await waitFor('the JSON tab', () =>
      vscode.window.visibleTextEditors.find((e) => e.document.uri.path.endsWith(`/${F.tasks.error}.json`)),
    );
    assert.equal((JSON.parse(editor.document.getText()) as { task_id: string }).task_id, F.tasks.error);
  });

  it('“Go to Task by ID…” from the palette opens the task view and selects the task in the tree', async function () {
    if (!hasProbe) this.skip();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const going = vscode.commands.executeCommand('taskLens.goToTask');
    await waitFor('the task ID input', () =>
      evalInWorkbench<boolean>(`!!document.querySelector('.quick-input-widget:not([style*="display: none"]) input')`),
    );
    emu.current.stats.reset();
    await typeText(F.tasks.sideBySide);
    await pressKey('Enter');
    await going;
    await renderedText(F.tasks.sideBySide);
    assert.equal(emu.current.stats.hits('/v2/task'), 1, 'the task was fetched once, to name the tab and to show it');
    const { view } = await testApi();
    await waitFor('the task selected in the tree', () => view.selection[0]?.id.endsWith(`task:${F.tasks.sideBySide}`));
  });

  it('reuses one preview panel for single clicks, and Pin keeps a panel of its own', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('taskLens.openTask', await showcaseTask(F.tasks.sideBySide));
    await vscode.commands.executeCommand('taskLens.openTask', await showcaseTask(F.tasks.error));
    assert.equal(await openedPanels(), 1, 'the second click reused the preview panel');
    await vscode.commands.executeCommand('taskLens.openTaskPinned', await showcaseTask(F.tasks.pending));
    assert.equal(await openedPanels(), 2);
    await vscode.commands.executeCommand('taskLens.openTask', await showcaseTask(F.tasks.attachments));
    assert.equal(await openedPanels(), 2, 'the pinned panel is left alone');
  });

  it('showing a hidden task view tab again hands back its task: no request, same content', async function () {
    if (!hasProbe) this.skip();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const id = F.tasks.attachments;
    await vscode.commands.executeCommand('taskLens.openTask', await showcaseTask(id));
    await renderedText(id);
    const panel = (await testApi()).panels.all().find((p) => p.target.taskId === id && p.panel.visible);
    assert.ok(panel, 'the task view is open and visible');
    // Another editor in the same group hides the tab; VS Code then tears down the page.
    const other = await vscode.workspace.openTextDocument({ content: 'another editor' });
    await vscode.window.showTextDocument(other, { viewColumn: panel.panel.viewColumn, preview: false });
    await waitFor('the task tab hidden', () => !panel.panel.visible);
    emu.current.stats.reset();
    panel.timing = {};
    panel.panel.reveal(panel.panel.viewColumn, false);
    // The rebuilt page reports a new complete render, so this is not a page that was kept alive.
    await waitFor('the page rendered again', () => panel.timing.complete !== undefined, 50_000);
    assert.ok((await renderedText(id)).includes(id));
    assert.deepEqual(emu.current.stats.snapshot(), { total: 0, hits: {} }, 'showing the tab again made no request');
  });

  it('renders the error and reported tasks with their callouts and empty states', async function () {
    if (!hasProbe) this.skip();
    await vscode.commands.executeCommand('taskLens.openTask', await showcaseTask(F.tasks.sensitive));
    const text = await renderedText(F.tasks.sensitive);
    assert.match(text, /sensitive content/i);
  });

  it('follows the theme: screenshots in dark, light and high contrast', async function () {
    if (!hasProbe) this.skip();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('taskLens.openTask', await showcaseTask(F.tasks.sideBySide));
    await renderedText(F.tasks.sideBySide);
    const config = vscode.workspace.getConfiguration('workbench');
    await config.update('colorTheme', 'Default Dark Modern', vscode.ConfigurationTarget.Global);
    await waitFor('the dark theme in the webview', async () =>
      (await evalInWebviews<string>(`document.body.className`)).some((f) => String(f.value).includes('vscode-dark')),
    );
    await screenshot('task-view-dark');
    await config.update('colorTheme', 'Default Light Modern', vscode.ConfigurationTarget.Global);
    await waitFor('the light theme in the webview', async () =>
      (await evalInWebviews<string>(`document.body.className`)).some((f) => String(f.value).includes('vscode-light')),
    );
    await screenshot('task-view-light');
    await config.update('colorTheme', 'Default High Contrast', vscode.ConfigurationTarget.Global);
    await waitFor('the high-contrast theme in the webview', async () =>
      (await evalInWebviews<string>(`document.body.className`)).some((f) => String(f.value).includes('vscode-high-contrast')),
    );
    await screenshot('task-view-high-contrast');
    await config.update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
  });
});

describe('Task view safety: a hostile corpus in every rendered field', function () {
  const emu = useEmulator();
  const hostileId = 'hostile-task-0001';
  before(function () {
    if (!hasProbe) this.skip();
    const task = { ...buildHostileTask(hostilePayloads, emu.current.url), task_id: hostileId } as unknown as Task;
    emu.current.scale.registerExtraTask(task);
  });

  it(`runs none of ${hostilePayloads.length} payloads and still shows them as text`, async () => {
    assert.ok(hostilePayloads.length >= 40);
    const api = await testApi();
    const connection = { name: 'Emu', kind: 'scale' as const, baseUrl: emu.current.url, apiKeyEnv: KEY_ENV, source: 'user' as const };
    api.panels.open({ connection, taskId: hostileId, pathSegments: [] }, { pin: true });
    const text = await renderedText(hostileMarker(hostilePayloads[0]));
    // Let anything that could run, run (timers, image loads, CSS), then look for its traces.
    await new Promise((r) => setTimeout(r, 1500));
    await screenshot('task-view-hostile');
    const pwned = await evalInWebviews<boolean>(`Boolean(window.__pwned || (window.top && window.top.__pwned))`);
    assert.ok(
      pwned.every((f) => f.value === false || f.error),
      `a payload ran in a webview: ${JSON.stringify(pwned)}`,
    );
    assert.equal(await evalInWorkbench<boolean>('Boolean(window.__pwned)'), false, 'a payload reached the workbench');
    assert.equal(emu.current.stats.hitsUnder('/__hostile'), 0, 'a payload made a network request');
    const missing = hostilePayloads.map(hostileMarker).filter((m) => !text.includes(m));
    assert.deepEqual(missing, [], 'every payload is still visible as text');
    const dangerous = await evalInWebviews<string[]>(`[...document.querySelectorAll('#root *')].flatMap(el => {
      const bad = [];
      if (/^(script|iframe|object|embed|svg|math|form|meta|base|style|link)$/i.test(el.tagName)) bad.push(el.tagName);
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) bad.push(el.tagName + '@' + a.name);
        if (/^(href|src|action|formaction|xlink:href)$/i.test(a.name) && !/^(https?:|mailto:|#|data:image\\/(png|jpeg|gif|webp);base64,)/i.test(a.value)) bad.push(el.tagName + '@' + a.name + '=' + a.value.slice(0, 40));
      }
      return bad;
    })`);
    const found = dangerous.flatMap((f) => f.value ?? []);
    assert.deepEqual(found, [], 'no active element or attribute in the rendered page');
  });
});
