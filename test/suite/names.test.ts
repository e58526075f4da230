/**
 * Names from the API as the workbench shows them (issue 20): hovers that show a name exactly as
 * written and inert, labels that cannot mislead (empty names, bidi overrides, zero-width characters).
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { Project } from '../../src/core/scale/types';
import type { ProjectDef } from '../emulator/scale/catalog';
import { childrenOf, labelOf, nodeAt, testApi, useEmulator } from './fixtures';
import { evalInWorkbench, hasProbe, hover, waitFor } from './helpers';

const CREATED = '2026-01-05T10:00:00.000Z';
/** Markup, a link, bare URLs and an email address: none of it may act in a hover. */
const MARKUP_NAME = `<img src=x onerror=alert(1)> **bold** _it_ [link](http://127.0.0.1:9/x-name') http://127.0.0.1:9/raw-name www.example.com a@b.example \`tick & co`;
const RTL_NAME = '\u202etxt.exe';
const ZERO_WIDTH_NAME = 'pay\u200bpal \u2066isolate\u2069';
const HOSTILE_PROJECTS: Project[] = [
  { id: 'proj_markup_0001', name: MARKUP_NAME, created_at: CREATED, types: ['<b>type</b>'] },
  { id: 'proj_empty_0002', name: '', created_at: CREATED },
  { id: 'proj_rtl_0003', name: RTL_NAME, created_at: CREATED },
  { id: 'proj_zw_0004', name: ZERO_WIDTH_NAME, created_at: CREATED },
];

/** Counts the workbench's content-security-policy violations from now on. */
const COUNT_CSP = `(() => { window.__tlCsp = []; if (!window.__tlCspHooked) { window.__tlCspHooked = true; document.addEventListener('securitypolicyviolation', (e) => window.__tlCsp?.push(e.violatedDirective + ' ' + (e.sample || '').slice(0, 60))); } return true; })()`;

let marks = 0;

/** Marks the sidebar row whose label reads `label`, for the mouse to find it. */
async function markRow(label: string): Promise<string | undefined> {
  const mark = `tl-row-${++marks}`;
  const found = await evalInWorkbench<boolean>(`(() => {
    const rows = [...document.querySelectorAll('.sidebar .monaco-list-row')];
    const row = rows.find((r) => r.querySelector('.label-name')?.textContent === ${JSON.stringify(label)});
    if (row) row.setAttribute('data-tl-row', ${JSON.stringify(mark)});
    return !!row;
  })()`);
  return found ? `.sidebar .monaco-list-row[data-tl-row="${mark}"]` : undefined;
}

interface HoverSeen {
  text: string;
  links: string[];
  html: string;
}

/** Hovers the row labelled `label` and returns the hover that shows `expected` (the previous one may linger). */
async function hoverOf(label: string, expected = label): Promise<HoverSeen> {
  const selector = await waitFor(`the row “${label}”`, () => markRow(label));
  await hover(selector);
  return waitFor(`the hover of “${label}”`, () =>
    evalInWorkbench<HoverSeen | null>(`(() => {
      const h = [...document.querySelectorAll('.workbench-hover, .monaco-hover')].find((e) => e.offsetParent !== null && e.innerText.includes(${JSON.stringify(expected)}));
      return h ? { text: h.innerText, links: [...h.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? a.textContent), html: h.innerHTML } : null;
    })()`),
  );
}

describe('Names: tooltips and labels in the real tree', function () {
  const emu = useEmulator();
  before(async function () {
    if (!hasProbe) this.skip();
    const projects = emu.current.scale.catalog.projects as ProjectDef[];
    HOSTILE_PROJECTS.forEach((project, i) => projects.push({ index: 90 + i, project }));
    (await testApi()).tree.refresh();
  });

  async function projectNode(id: string) {
    const found = (await childrenOf(await nodeAt('Emu'))).find((n) => n.id.endsWith(`project:${id}`));
    assert.ok(found, `project ${id} is listed`);
    return found;
  }

  async function showProjects(): Promise<void> {
    await vscode.commands.executeCommand('workbench.view.extension.taskLens');
    const { view } = await testApi();
    await view.reveal(await projectNode('proj_zw_0004'), { select: false, focus: false });
  }

  it('Names: a hover shows a name exactly as written, with no link, escape or markup of it', async () => {
    await evalInWorkbench(COUNT_CSP);
    await showProjects();
    const seen = await hoverOf(MARKUP_NAME, 'proj_markup_0001');
    assert.ok(seen.text.includes(MARKUP_NAME), `the hover shows the name as written:\n${seen.text}\n---\n${seen.html.slice(0, 2000)}`);
    assert.ok(seen.text.includes('<b>type</b>'), 'the types are shown as written');
    assert.ok(!/\\[.\-()<>_*]/.test(seen.text), `no backslash escapes in the hover: ${seen.text}`);
    assert.deepEqual(seen.links, [], 'nothing in the hover is a link');
    const csp = await evalInWorkbench<string[]>('window.__tlCsp');
    assert.deepEqual(csp, [], 'the workbench logged no content-security-policy violation');
  });

  it('Names: an empty name shows “(no name)” with the id; bidi and zero-width characters are shown escaped', async () => {
    const empty = (await projectNode('proj_empty_0002')).getTreeItem();
    assert.equal(labelOf(await projectNode('proj_empty_0002')), '(no name)');
    assert.match(String(empty.description), /proj_empty_0002/);
    const rtl = labelOf(await projectNode('proj_rtl_0003'));
    assert.equal(rtl, '\\u202etxt.exe');
    const zw = labelOf(await projectNode('proj_zw_0004'));
    assert.equal(zw, 'pay\\u200bpal \\u2066isolate\\u2069');
    await showProjects();
    const rows = await evalInWorkbench<string[]>(
      `[...document.querySelectorAll('.sidebar .monaco-list-row')].map((r) => r.querySelector('.label-name')?.textContent ?? '')`,
    );
    assert.ok(rows.includes('(no name)'), `a row reads “(no name)”: ${JSON.stringify(rows)}`);
    assert.ok(
      rows.every((r) => !/[\u200b-\u200f\u202a-\u202e\u2066-\u2069]/.test(r)),
      `no bidi or zero-width character in a row: ${JSON.stringify(rows)}`,
    );
    const emptyHover = await hoverOf('(no name)', 'proj_empty_0002');
    assert.ok(emptyHover.html.includes('<em>(no name)</em>'), `the hover says “(no name)” in italics: ${emptyHover.html}`);
  });
});
