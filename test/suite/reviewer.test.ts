/**
 * The task view for reviewers (issue 18), in the real VS Code: big tasks stay light, the page
 * passes an accessibility check in three themes, two candidates diff, blind mode hides every name.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SCALE_FIXTURES as F } from '../emulator/scale/catalog';
import { HUGE_TASK_TURNS } from '../emulator/scale/bigTask';
import { childrenOf, isEntry, KEY_ENV, nodeAt, renderedText, SECRET_KEY, taskIdOf, testApi, useEmulator } from './fixtures';
import { evalInWebviews, extension, hasProbe, screenshot, waitFor } from './helpers';
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

describe('Task view: compare two candidates', function () {
  const emu = useEmulator();

  it('diffs the preferred candidate against the runner-up, and opens VS Code’s diff editor on the two texts', async function () {
    if (!hasProbe) this.skip();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const res = await fetch(`${emu.current.url}/v2/task?task_id=${F.tasks.sideBySide}`, {
      headers: { authorization: `Bearer ${SECRET_KEY}` },
    });
    const task = (await res.json()) as {
      threads: { turns: { messages: { role: string; source_id: string; content: { text: string } }[] }[] }[];
    };
    const byId = new Map(task.threads[0].turns[0].messages.map((m) => [m.source_id, m.content.text]));
    const batch = await nodeAt('Emu', F.projects.main.name, 'Batches', F.batches.showcase.name);
    const node = (await childrenOf(batch)).filter(isEntry).find((n) => taskIdOf(n) === F.tasks.sideBySide);
    await vscode.commands.executeCommand('taskLens.openTask', node);
    await renderedText(F.tasks.sideBySide);
    const frames = await evalInWebviews<{ a: string; b: string; del: string[]; ins: string[]; side: number } | null>(`(async () => {
      const box = document.querySelector('details.compare');
      if (!box) return null;
      box.querySelector('summary').click();
      // The diff is drawn on the fold's toggle event, which comes after the click.
      await new Promise((r) => setTimeout(r, 200));
      const [a, b] = [...box.querySelectorAll('select')].map((s) => s.selectedOptions[0].textContent);
      const del = [...box.querySelectorAll('del')].map((e) => e.textContent);
      const ins = [...box.querySelectorAll('ins')].map((e) => e.textContent);
      box.querySelector('[data-mode="side"]').click();
      const side = box.querySelectorAll('.diff-side').length;
      box.querySelector('.compare-editor').click();
      return { a, b, del, ins, side };
    })()`);
    const shown = frames.map((f) => f.value).find((v) => v);
    assert.ok(shown, 'the side-by-side task offers the comparison');
    // The turn's ranked_choices is model_c, model_a, model_b (the emulator's showcase): preferred vs runner-up.
    assert.deepEqual([shown.a, shown.b], ['model_c', 'model_a']);
    assert.notEqual(shown.a, shown.b);
    assert.ok(byId.has(shown.a) && byId.has(shown.b), `${shown.a} and ${shown.b} are candidates`);
    assert.ok(shown.del.length + shown.ins.length > 0, 'the diff marks removed and added words');
    for (const w of shown.del) assert.ok(byId.get(shown.a)!.includes(w.trim()), `removed “${w}” is in ${shown.a}`);
    for (const w of shown.ins) assert.ok(byId.get(shown.b)!.includes(w.trim()), `added “${w}” is in ${shown.b}`);
    assert.equal(shown.side, 2, 'side by side shows two columns');
    const diffTab = await waitFor('the diff editor', () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find((t) => t.input instanceof vscode.TabInputTextDiff && t.input.original.scheme === 'tasklens-compare'),
    );
    const input = diffTab.input as vscode.TabInputTextDiff;
    assert.equal((await vscode.workspace.openTextDocument(input.original)).getText(), byId.get(shown.a));
    assert.equal((await vscode.workspace.openTextDocument(input.modified)).getText(), byId.get(shown.b));
    assert.match(diffTab.label, new RegExp(`${shown.a}.*${shown.b}`));
    await screenshot('compare-diff-editor');
  });
});

describe('Task view: blind review', function () {
  useEmulator();

  it('blind mode shows no source id anywhere in the page text; a choice survives Reveal beside the ranking', async function () {
    if (!hasProbe) this.skip();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const batch = await nodeAt('Emu', F.projects.main.name, 'Batches', F.batches.showcase.name);
    const node = (await childrenOf(batch)).filter(isEntry).find((n) => taskIdOf(n) === F.tasks.sideBySide);
    await vscode.commands.executeCommand('taskLens.openTask', node);
    const before = await renderedText(F.tasks.sideBySide);
    const sources = ['model_a', 'model_b', 'model_c'];
    for (const s of sources) assert.ok(before.includes(s), `${s} is shown before blind mode`);
    await evalInWebviews(`document.querySelector('.review-toggle')?.click()`);
    const blindText = await waitFor('the blind view', async () => {
      const frames = await evalInWebviews<string>(`document.querySelector('.review-bar.blind') ? document.body.innerText : ''`);
      return frames.map((f) => f.value ?? '').find((t) => t.includes(F.tasks.sideBySide));
    });
    const leaked = sources.filter((s) => blindText.includes(s));
    assert.deepEqual(leaked, [], 'no source id in the blind page text');
    assert.match(blindText, /Candidate A/);
    await screenshot('blind-review');
    // Prefer the first column of the first turn, then reveal.
    const chosen = await evalInWebviews<string>(`(() => {
      const b = document.querySelector('.turn-card .choose');
      b?.click();
      return b?.getAttribute('aria-pressed') ?? '';
    })()`);
    assert.ok(
      chosen.some((f) => f.value === 'true'),
      'the choice is marked',
    );
    await evalInWebviews(`document.querySelector('.review-toggle')?.click()`);
    const revealed = await waitFor('the revealed view', async () => {
      const frames = await evalInWebviews<string>(`document.querySelector('.review-reveal')?.innerText ?? ''`);
      return frames.map((f) => f.value ?? '').find((t) => t.includes('Your choice'));
    });
    assert.match(revealed, /Your choice: model_[abc]/);
    assert.match(revealed, /annotators ranked model_c > model_a > model_b/);
    // Kept per task in the workspace: a fresh panel on the same task shows it again.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('taskLens.openTask', node);
    await renderedText(F.tasks.sideBySide);
    const again = await evalInWebviews<string>(`document.querySelector('.review-reveal')?.innerText ?? ''`);
    assert.ok(
      again.some((f) => f.value === revealed),
      'the stored choice is shown again',
    );
  });
});

describe('Task view accessibility and layout', function () {
  useEmulator();
  const themes = [
    ['Default Dark Modern', 'vscode-dark'],
    ['Default Light Modern', 'vscode-light'],
    ['Default High Contrast', 'vscode-high-contrast'],
  ] as const;

  after(async () => {
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
  });

  async function openShowcase(id: string): Promise<void> {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const batch = await nodeAt('Emu', F.projects.main.name, 'Batches', F.batches.showcase.name);
    const node = (await childrenOf(batch)).filter(isEntry).find((n) => taskIdOf(n) === id);
    assert.ok(node, `task ${id} is in the Showcase batch`);
    await vscode.commands.executeCommand('taskLens.openTask', node);
    await renderedText(id);
  }

  /**
   * axe-core (pinned devDependency) evaluated in the webview frame through the runner's probe
   * (the devtools protocol, so the page's strict CSP stays as shipped), then run on the document.
   */
  async function axeFindings(): Promise<string[]> {
    const source = readFileSync(path.join(extension().extensionPath, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
    await evalInWebviews(`${source};true`);
    const frames = await evalInWebviews<string[]>(`(async () => {
      if (!document.querySelector('.task-id')) return null;
      const r = await axe.run(document, { resultTypes: ['violations'] });
      return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .flatMap((v) => v.nodes.slice(0, 4).map((n) => v.id + ' (' + v.impact + '): ' + n.target.join(' ') + ' — ' + (n.failureSummary || '').split('\\n').slice(1, 2).join('')));
    })()`);
    const shown = frames.filter((f) => Array.isArray(f.value));
    assert.ok(shown.length > 0, `axe ran in a task view: ${JSON.stringify(frames.map((f) => f.error ?? typeof f.value))}`);
    return shown.flatMap((f) => f.value ?? []);
  }

  for (const task of ['kitchenSink', 'sideBySide'] as const) {
    it(`axe finds nothing serious or critical in the ${task} task, in dark, light and high-contrast themes`, async function () {
      if (!hasProbe) this.skip();
      await openShowcase(F.tasks[task]);
      const config = vscode.workspace.getConfiguration('workbench');
      const findings: string[] = [];
      for (const [theme, bodyClass] of themes) {
        await config.update('colorTheme', theme, vscode.ConfigurationTarget.Global);
        await waitFor(`the ${theme} theme in the webview`, async () =>
          (await evalInWebviews<string>(`document.body.className`)).some((f) => String(f.value).split(' ').includes(bodyClass)),
        );
        await new Promise((r) => setTimeout(r, 300)); // the theme's variables reach the page's styles
        await screenshot(`a11y-${task}-${bodyClass}`);
        findings.push(...(await axeFindings()).map((f) => `${theme}: ${f}`));
      }
      assert.deepEqual(findings, [], 'no serious or critical axe findings');
    });
  }

  it('nested annotations inside a candidate column stay inside it (nothing cut off)', async function () {
    if (!hasProbe) this.skip();
    await openShowcase(F.tasks.kitchenSink);
    const frames = await evalInWebviews<{ candidates: number; width: number; out: string[] }>(`({
      candidates: document.querySelectorAll('.candidate').length,
      width: window.innerWidth,
      out: [...document.querySelectorAll('.candidate')].flatMap((c) => {
        const r = c.getBoundingClientRect();
        return [...c.querySelectorAll('*')].filter((e) => {
          const q = e.getBoundingClientRect();
          // Code blocks scroll sideways by design; everything else must fit the column.
          return q.width > 0 && (q.right > r.right + 1 || q.left < r.left - 1) && !e.closest('pre');
        }).slice(0, 5).map((e) => e.tagName + '.' + e.className);
      }),
    })`);
    const shown = frames.map((f) => f.value).find((v) => v && v.candidates > 0);
    assert.ok(shown, 'the kitchen-sink task shows candidate columns');
    assert.deepEqual(shown.out, [], `at ${shown.width} px, every element of a candidate column fits it`);
  });
});
