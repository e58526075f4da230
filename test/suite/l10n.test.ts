// Runs only with `node test/runner/run.mjs --locale qps-ploc` (the runner generates a pseudo
// bundle from l10n/bundle.l10n.json): every translatable string then reads “Ŏƥḗḗƞ ĴŜŎŃ”, so a
// plain English word left in the editor's own text on screen is a string that skipped translation.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { SCALE_FIXTURES as F } from '../emulator/scale/catalog';
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
});

async function childWithId(parent: TreeNode, suffix: string): Promise<TreeNode> {
  const found = (await childrenOf(parent)).find((c) => (c.getTreeItem().id ?? '').endsWith(suffix));
  assert.ok(found, `no child ending ${suffix} under ${parent.id}`);
  return found;
}
