// Runs only with `node test/runner/run.mjs --locale qps-ploc` (the runner generates a pseudo
// bundle from l10n/bundle.l10n.json): every translatable string then reads “Ŏƥḗḗƞ ĴŜŎŃ”, so a
// plain English word left in the editor's own text on screen is a string that skipped translation.
// The task view, the tree, the delivery explorer and the quality report are checked.
import { strict as assert } from 'node:assert';
import path from 'node:path';
import * as vscode from 'vscode';
import { SCALE_FIXTURES as F } from '../emulator/scale/catalog';
import type { TaskFileReport } from '../../src/core/taskfile/reportTypes';
import { tableFacets } from '../../src/core/taskfile/tableFacets';
import { PAGE_STRING_TABLES } from '../../src/webview/pageStrings';
import type { TreeNode } from '../../src/vscode/tree/node';
import { childrenOf, nodeAt, renderedText, taskNodeIn, testApi, useEmulator } from './fixtures';
import { evalInWebviews, evalInWorkbench, hasProbe, waitFor } from './helpers';

/** Runs of three or more plain ASCII letters: English that was not pseudo-localised. */
const ENGLISH = /[A-Za-z]{3,}/;

describe('Translations (pseudo-locale qps-ploc)', function () {
  useEmulator();
  before(function () {
    if (!hasProbe) this.skip();
  });

  it('runs in the pseudo-locale and loads the generated bundle', () => {
    assert.equal(vscode.env.language, 'qps-ploc');
    const copied = vscode.l10n.t('Copied');
    assert.notEqual(copied, 'Copied', 'vscode.l10n.t finds the pseudo bundle');
    assert.doesNotMatch(copied, ENGLISH);
  });

  it('the task view shows no untranslated string of its own', async () => {
    const project = await childWithId(await nodeAt('Emu'), `/project:${F.projects.main.id}`);
    const batch = await childWithId(await childWithId(project, '/batches'), `/batch:${F.batches.showcase.id}`);
    await vscode.commands.executeCommand('taskLens.openTask', await taskNodeIn(batch, F.tasks.kitchenSink));
    const text = await renderedText(F.tasks.kitchenSink);
    // The toolbar holds only the page's own words.
    const toolbar = await waitFor('the toolbar', async () => {
      const frames = await evalInWebviews<string[]>(
        `[...document.querySelectorAll('.toolbar .tool')].map((b) => (b.getAttribute('aria-label') ?? '') + ' ' + b.textContent)`,
      );
      return frames.map((f) => f.value ?? []).find((v) => v.length > 0);
    });
    for (const label of toolbar) assert.doesNotMatch(label, ENGLISH, `untranslated toolbar label “${label}”`);
    // No English text of the page's tables is on screen (task data may hold any words; our strings may not).
    for (const table of PAGE_STRING_TABLES)
      for (const english of Object.values(table)) {
        const literal = english.split(/\{\d+\}/).find((part) => /[A-Za-z]{4,}.*\s.*[A-Za-z]{3,}/.test(part));
        if (literal) assert.ok(!text.includes(literal.trim()), `untranslated on screen: “${literal.trim()}”`);
      }
  });

  it('the tree shows no untranslated string of its own', async () => {
    const api = await testApi();
    await vscode.commands.executeCommand('workbench.view.extension.taskLens');
    // Walked by id: the group labels are translated.
    const project = await childWithId(await nodeAt('Emu'), `/project:${F.projects.main.id}`);
    const batches = await childWithId(project, '/batches');
    let seen: unknown;
    const rows = await waitFor('the rows', async () => {
      await api.view.reveal(batches, { expand: false, select: true });
      const all = await evalInWorkbench<{ label: string; description: string }[]>(
        `[...document.querySelectorAll('.sidebar .monaco-list-row')].map(r => ({
          label: r.querySelector('.label-name')?.textContent ?? '',
          description: r.querySelector('.label-description')?.textContent ?? '' }))`,
      );
      seen = all;
      return all.length >= 5 ? all : undefined;
    }).catch((err: unknown) => {
      throw new Error(`${String(err)}; rows: ${JSON.stringify(seen)}`);
    });
    // The editor's own rows: the groups under the project (Batches, Deliveries, All tasks). Connection, project,
    // batch and task rows show the API's data (names, texts, ids, status values).
    const data = new Set<string>(['Emu', ...Object.values(F.projects).map((p) => p.name), ...Object.values(F.batches).map((b) => b.name)]);
    const own = rows.filter((r) => !data.has(r.label) && !/ · [0-9a-f]{24}$/.test(r.description));
    const untranslated = own.filter((r) => ENGLISH.test(r.label) || ENGLISH.test(r.description));
    assert.ok(own.length >= 3, `the group and Load more rows: ${JSON.stringify(rows)}`);
    assert.deepEqual(untranslated, [], `untranslated rows: ${JSON.stringify(untranslated)}`);
  });

  it('the delivery explorer shows no untranslated string of its own', async () => {
    const api = await testApi();
    const sample = await api.explorers.sampleFile();
    const model = await api.explorers.open(sample);
    // The file's own words: annotation keys, their types and values (column labels, sort titles, the builder).
    assert.ok(model.index, 'the sample is indexed');
    const data = [
      path.basename(sample.fsPath),
      ...model.columns.filter((c) => c.id.startsWith('a:')).flatMap((c) => [c.label, c.type]),
      ...tableFacets(model.index).keys.flatMap((k) => k.values ?? []),
    ];
    const said = await waitFor(
      'the explorer’s table',
      async () => {
        const frames = await evalInWebviews<string[] | null>(`(() => {
        ${COLLECT}
        const root = document.getElementById('root');
        if (!root?.querySelector('.ex-summary')?.textContent || !root.querySelector('th[data-column]')) return null;
        // A typed condition that does not parse: its inline error is ours too.
        const box = root.querySelector('.ex-condition-input');
        if (box) { box.value = '= x'; box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })); }
        if (!root.querySelector('.ex-error')?.textContent) return null;
        // The table's rows and the status chips are the file's data, except the words the cells add (yes, no, n/a…).
        const out = [...collect(root, 'tbody, .ex-title, .ex-status-filter, code')];
        for (const cell of root.querySelectorAll('tbody .ex-yes, tbody .ex-no, tbody .muted')) out.push(cell.textContent.trim());
        // The filter builder draws a control per key type: each one in turn.
        const picker = root.querySelector('.ex-builder select');
        for (const option of [...(picker?.options ?? [])].slice(1)) {
          picker.value = option.value;
          picker.dispatchEvent(new Event('change'));
          out.push(...collect(root.querySelector('.ex-builder-control'), 'code'));
        }
        return out;
      })()`);
        return frames.map((f) => f.value).find((v) => Array.isArray(v) && v.length > 0);
      },
      50_000,
    );
    assertTranslated(said, data);
  });

  it('the quality report shows no untranslated string of its own', async () => {
    const api = await testApi();
    const sample = await api.explorers.sampleFile();
    await vscode.commands.executeCommand('taskLens.showReport', sample);
    const panel = await waitFor('the report panel', () => api.reports.get(sample));
    const report = await waitFor('the report', () => panel.report, 50_000);
    const words = (when: string) =>
      waitFor(
        `the report page${when}`,
        async () => {
          const frames = await evalInWebviews<string[] | null>(`(() => {
          ${COLLECT}
          const root = document.getElementById('root');
          if (!root?.querySelector('.report-count')${when ? ` || !root.querySelector(${JSON.stringify(when)})` : ''}) return null;
          // Axis ticks are the file's values and names; the filter label is the --where grammar.
          return collect(root, '.tick, code');
        })()`);
          return frames.map((f) => f.value).find((v) => Array.isArray(v) && v.length > 0);
        },
        50_000,
      );
    assertTranslated(await words(''), reportData(report, sample));
    // The per-contributor breakdown appears once a key is picked.
    const picked = await evalInWebviews<boolean>(`(() => {
      const picker = document.querySelector('select[data-command="contributor-key"]');
      if (!picker || picker.options.length < 2) return false;
      picker.value = picker.options[1].value;
      picker.dispatchEvent(new Event('change', { bubbles: true }));
      return true;
    })()`);
    assert.ok(
      picked.some((f) => f.value),
      'the sample offers a key to break down per contributor',
    );
    await waitFor('the breakdown', () => api.reports.get(sample)?.report?.annotators.values, 30_000);
    assertTranslated(await words('[data-figure="annotators-values"]'), reportData(panel.report ?? report, sample));
  });
});

/**
 * Page script: every text and every label (aria-label, title, placeholder) under an element,
 * hidden ones too, except inside \`skip\` (the file's data).
 */
const COLLECT = `const collect = (el, skip) => {
  const out = [];
  if (!el) return out;
  for (const node of [el, ...el.querySelectorAll('[aria-label],[title],[placeholder]')]) {
    if (node.closest(skip)) continue;
    for (const name of ['aria-label', 'title', 'placeholder']) { const v = node.getAttribute(name); if (v && v.trim()) out.push(v.trim()); }
  }
  const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const text = walk.currentNode.textContent.trim();
    if (text && !walk.currentNode.parentElement.closest(skip)) out.push(text);
  }
  return out;
};`;

/** The texts, with the file's own words taken out, hold no English (the pseudo-locale changed every word of ours). */
function assertTranslated(texts: readonly string[], data: readonly string[]): void {
  // Longest first, so a key that contains another key goes whole; `status` is the --where grammar's word.
  const tokens = [...new Set([...data, 'status'])].filter((d) => d !== '').sort((a, b) => b.length - a.length);
  const untranslated = [...new Set(texts)].filter((text) =>
    ENGLISH.test(tokens.reduce((rest, token) => rest.split(token).join(' '), text)),
  );
  assert.deepEqual(untranslated, [], `untranslated on screen: ${JSON.stringify(untranslated)}`);
}

/** The report's data: statuses, keys, types, values, candidates, criteria, contributors, the file name. */
function reportData(r: TaskFileReport, file: vscode.Uri): string[] {
  const words = [path.basename(file.fsPath), ...Object.keys(r.status), ...Object.keys(r.candidates), ...Object.keys(r.candidateMeans)];
  for (const [key, f] of Object.entries(r.annotations)) words.push(key, f.type, ...(f.types ?? []), ...Object.keys(f.values ?? {}));
  for (const [id, c] of Object.entries(r.rubrics.criteria)) words.push(id, c.criterion ?? '');
  for (const [who, values] of Object.entries(r.annotators.values ?? {})) words.push(who, ...Object.keys(values));
  return [...words, ...Object.keys(r.annotators.submissions)];
}

async function childWithId(parent: TreeNode, suffix: string): Promise<TreeNode> {
  const found = (await childrenOf(parent)).find((c) => (c.getTreeItem().id ?? '').endsWith(suffix));
  assert.ok(found, `no child ending ${suffix} under ${parent.id}`);
  return found;
}
