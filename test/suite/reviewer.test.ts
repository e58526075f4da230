/**
 * The task view for reviewers (issue 18), in the real VS Code: big tasks stay light, the page
 * passes an accessibility check in three themes, two candidates diff, blind mode hides every name.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { SCALE_FIXTURES as F } from '../emulator/scale/catalog';
import { HUGE_TASK_TURNS } from '../emulator/scale/bigTask';
import { KEY_ENV, testApi, useEmulator } from './fixtures';
import { evalInWebviews, hasProbe, screenshot, waitFor } from './helpers';
import type { TaskPanel } from '../../src/vscode/panel/taskPanel';

const DOM_BUDGET = 20_000;

describe('Task view for reviewers', function () {
  const emu = useEmulator();

  /** Opens a task in a pinned panel of its own and waits for its complete render. */
  async function openTask(taskId: string): Promise<TaskPanel> {
    const api = await testApi();
    const connection = { name: 'Emu', kind: 'scale' as const, baseUrl: emu.current.url, apiKeyEnv: KEY_ENV, source: 'user' as const };
    const panel = api.panels.open({ connection, taskId, pathSegments: [] }, { pin: true });
    await waitFor(`task ${taskId} rendered`, () => panel.timing.complete !== undefined, 90_000);
    return panel;
  }

  /** The value from the one webview frame showing `taskId`. */
  async function inTask<T>(taskId: string, expression: string): Promise<T> {
    const frames = await evalInWebviews<{ id: string; value: T }>(
      `(async () => ({ id: document.querySelector('.task-id')?.textContent ?? '', value: await (${expression}) }))()`,
    );
    const hit = frames.find((f) => f.value?.id === taskId);
    if (!hit?.value) throw new Error(`no task view showing ${taskId}: ${JSON.stringify(frames.map((f) => f.error ?? f.value?.id))}`);
    return hit.value.value;
  }

  it('the 10,000-turn task stays under the DOM budget while scrolled to the end, and its last turn is there', async function () {
    if (!hasProbe) this.skip();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const panel = await openTask(F.tasks.huge);
    assert.ok((panel.timing.complete ?? Infinity) < 60_000);
    const samples: number[] = [];
    const sample = async () => {
      const n = await inTask<number>(F.tasks.huge, `document.getElementsByTagName('*').length`);
      samples.push(n);
      return n;
    };
    await sample();
    // Scroll to the end in a few jumps (measured heights replace estimates as blocks are shown,
    // so the end moves), then through the middle.
    let last = false;
    for (let i = 0; i < 12 && !last; i++) {
      last = await inTask<boolean>(
        F.tasks.huge,
        `new Promise((r) => { window.scrollTo(0, document.documentElement.scrollHeight);
          setTimeout(() => r(!!document.querySelector('[data-turn-index="${HUGE_TASK_TURNS - 1}"]') &&
            window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2), 300); })`,
      );
      await sample();
    }
    assert.ok(last, 'scrolled to the end, the last turn card is in the DOM');
    const lastText = await inTask<string>(F.tasks.huge, `document.querySelector('[data-turn-index="${HUGE_TASK_TURNS - 1}"]').innerText`);
    assert.match(lastText, new RegExp(`Turn ${HUGE_TASK_TURNS.toLocaleString('en-US')}|Turn ${HUGE_TASK_TURNS}`));
    for (const fraction of [0.5, 0.25, 0.75]) {
      await inTask(
        F.tasks.huge,
        `new Promise((r) => { window.scrollTo(0, document.documentElement.scrollHeight * ${fraction}); setTimeout(r, 300); })`,
      );
      await sample();
    }
    await screenshot('task-view-10000-turns-end');
    const most = Math.max(...samples);
    assert.ok(most <= DOM_BUDGET, `DOM nodes at most ${most} (samples ${samples.join(', ')})`);
    const cards = await inTask<number>(F.tasks.huge, `document.querySelectorAll('.turn-card').length`);
    assert.ok(cards > 0 && cards < 200, `${cards} turn cards in the DOM`);
    panel.panel.dispose();
  });

  it('the page search reaches a turn that is not in the DOM', async function () {
    if (!hasProbe) this.skip();
    const panel = await openTask(F.tasks.huge);
    const found = await inTask<string>(
      F.tasks.huge,
      `new Promise((r) => {
        window.scrollTo(0, 0);
        const input = document.querySelector('.page-search-input');
        input.value = '(7777) ';
        input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        setTimeout(() => r((document.querySelector('[data-turn-index="7776"]')?.innerText ?? '') + ' | ' + document.querySelector('.page-search-status').textContent), 300);
      })`,
    );
    assert.match(found, /\(7777\)/, 'turn 7,777 is shown');
    assert.match(found, /1 of 1 turns/);
    panel.panel.dispose();
  });
});
