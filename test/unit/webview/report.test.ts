/**
 * The quality report page in jsdom: rendered from a report built (through core/taskfile) over a
 * generated file whose answers are counted here the plain way, clicked like a user clicks, and
 * exported to Markdown + SVG on disk.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { parseCondition } from '../../../src/core/taskfile/conditions';
import { indexTaskFile } from '../../../src/core/taskfile/indexFile';
import { filterRows } from '../../../src/core/taskfile/matcher';
import { buildReport } from '../../../src/core/taskfile/report';
import { chartProblem, writeReportExport } from '../../../src/core/taskfile/reportExport';
import type { TaskIndex } from '../../../src/core/taskfile/taskIndex';
import type { ReportFilter, ReportScope, ReportToHost } from '../../../src/shared/reportProtocol';
import { isReportToHost } from '../../../src/shared/reportProtocol';
import { createReportView, type ReportView } from '../../../src/webview/report/reportView';
import { ann, handTask } from '../support/handTasks';
import { TempFolder } from '../support/taskFiles';
import { all, click, key } from './helpers';

type Rec = Record<string, unknown>;

const QUALITY = [1, 2, 2, 3, 3, 3, 4, 4, 4, 4];
const TOPICS = ['Math', 'Code', 'Prose'];
const N = 60;

/** Task i's annotations, chosen so that each figure has a different, known answer. */
function generated(): Rec[] {
  const tasks: Rec[] = [];
  for (let i = 0; i < N; i++) {
    const issues = i % 5 === 0 ? [] : i % 2 ? ['Verbose'] : ['Verbose', 'Unsafe'];
    const preference = i % 3 === 0 ? ['model_b', 'model_a'] : ['model_a', 'model_b'];
    tasks.push(
      handTask(
        `task_${i}`,
        [
          ['message', ann('quality', 'integer', QUALITY[i % 10])],
          ['message', ann('correct', 'boolean', i % 4 !== 0)],
          ['thread', ann('topic', 'category', TOPICS[i % 3])],
          ['thread', ann('issues', 'category_multiple', issues)],
          ['thread', ann('preference', 'ranked_choices', preference)],
        ],
        { status: i % 6 === 5 ? 'error' : 'completed' },
      ),
    );
  }
  return tasks;
}

/** The answers, counted from the task objects without the index. */
function expected(tasks: Rec[]) {
  const counts = { quality: {} as Record<string, number>, topic: {} as Record<string, number>, correct: {} as Record<string, number> };
  const status: Record<string, number> = {};
  let preferenceFirstA = 0;
  let issuesUnsafe = 0;
  for (const [i, t] of tasks.entries()) {
    status[t.status as string] = (status[t.status as string] ?? 0) + 1;
    const q = String(QUALITY[i % 10]);
    counts.quality[q] = (counts.quality[q] ?? 0) + 1;
    const topic = TOPICS[i % 3] as string;
    counts.topic[topic] = (counts.topic[topic] ?? 0) + 1;
    const c = String(i % 4 !== 0);
    counts.correct[c] = (counts.correct[c] ?? 0) + 1;
    if (i % 3 !== 0) preferenceFirstA++;
    if (i % 5 !== 0 && i % 2 === 0) issuesUnsafe++;
  }
  return { counts, status, preferenceFirstA, issuesUnsafe };
}

interface ReportPage {
  document: Document;
  root: HTMLElement;
  posted: ReportToHost[];
  view: ReportView;
  window: JSDOM['window'];
}

function openReportPage(): ReportPage {
  const dom = new JSDOM('<!doctype html><html><head></head><body class="vscode-dark"><div id="root"></div></body></html>', {
    url: 'https://webview.test/index.html',
  });
  const root = dom.window.document.getElementById('root') as HTMLElement;
  const posted: ReportToHost[] = [];
  const view = createReportView(root, { post: (m) => posted.push(m) });
  return { document: dom.window.document, root, posted, view, window: dom.window };
}

function figure(root: ParentNode, key: string): Element {
  const found = all(root, 'section.figure').find((s) => s.querySelector('h3')?.textContent === key);
  assert.ok(found, `a figure for ${key}`);
  return found;
}

/** Table rows of a figure as [label, ...cells] text. */
function tableRows(section: Element): string[][] {
  return all(section, 'tbody tr').map((tr) => all(tr, 'th, td').map((c) => c.textContent ?? ''));
}

describe('quality report page', () => {
  const folder = new TempFolder();
  const tasks = generated();
  const answers = expected(tasks);
  let file: string;
  let index: TaskIndex;
  before(async () => {
    file = folder.write(tasks.map((t) => JSON.stringify(t)));
    index = await indexTaskFile(file);
  });
  after(() => folder.remove());

  const scope = (over: Partial<ReportScope> = {}): ReportScope => ({ fileName: 'tasks.jsonl', total: N, ...over });

  it('renders a chart and a table per key, with the counts of the file', () => {
    const page = openReportPage();
    page.view.show(buildReport(index), scope());
    for (const k of ['quality', 'correct', 'topic', 'issues', 'preference']) {
      const section = figure(page.root, k);
      assert.ok(section.querySelector('table tbody tr'), `${k} has its table`);
      if (k !== 'preference') assert.ok(section.querySelector('svg.chart-svg rect.bar'), `${k} has a chart with bars`);
    }
    const quality = Object.fromEntries(tableRows(figure(page.root, 'quality')).map(([v, n]) => [v, Number(n)]));
    assert.deepEqual(quality, answers.counts.quality);
    const topic = Object.fromEntries(tableRows(figure(page.root, 'topic')).map(([v, n]) => [v, Number(n)]));
    assert.deepEqual(topic, answers.counts.topic);
    const correct = Object.fromEntries(tableRows(figure(page.root, 'correct')).map(([v, n]) => [v, Number(n)]));
    assert.deepEqual(correct, answers.counts.correct);
    const unsafe = tableRows(figure(page.root, 'issues')).find(([v]) => v === 'Unsafe');
    assert.equal(Number(unsafe?.[1]), answers.issuesUnsafe);
    // The histogram has one bar per integer value and a mean marker.
    const qualitySvg = figure(page.root, 'quality').querySelector('svg') as SVGSVGElement;
    assert.equal(all(qualitySvg, 'rect.bar').length, 4);
    assert.ok(qualitySvg.querySelector('line.mean'));
    assert.ok(qualitySvg.querySelector('.axis .tick'), 'the axis comes from d3-axis');
    // Status, candidates (first places, win rate, heat map), and the heat map's matrix.
    const status = Object.fromEntries(tableRows(figure(page.root, 'Tasks per status')).map(([v, n]) => [v, Number(n)]));
    assert.deepEqual(status, answers.status);
    const first = tableRows(figure(page.root, 'Ranked first')).find(([v]) => v === 'model_a');
    assert.equal(Number(first?.[1]), answers.preferenceFirstA);
    assert.equal(all(figure(page.root, 'Head to head'), 'svg rect.cell').length, 4);
    const rendered = page.posted.find((m) => m.type === 'rendered');
    assert.ok(rendered && isReportToHost(rendered));
  });

  it('puts no style attribute and no <style> element in the page', () => {
    const page = openReportPage();
    page.view.show(buildReport(index, { contributorKey: 'quality' }), scope({ contributorKey: 'quality' }));
    assert.ok(all(page.root, 'svg').length >= 8, 'many charts were drawn');
    assert.deepEqual(
      all(page.document, '[style]').map((e) => e.outerHTML.slice(0, 80)),
      [],
    );
    assert.equal(all(page.document, 'style').length, 0);
    page.view.progress(0.4, 'Reading…');
    assert.equal(all(page.document, '[style], style').length, 0);
  });

  it('a click on a bar posts the condition that selects its tasks, and the report narrows to them', () => {
    const page = openReportPage();
    page.view.show(buildReport(index), scope());
    const bar = all(figure(page.root, 'quality'), 'rect.bar').find((r) => r.getAttribute('aria-label')?.startsWith('3:'));
    assert.ok(bar, 'the bar of quality 3');
    click(bar);
    const filters = page.posted.filter((m): m is { type: 'filter'; filter: ReportFilter } => m.type === 'filter');
    assert.deepEqual(filters.at(-1)?.filter, { conditions: ['quality = 3'] });
    // Keyboard: Enter on a focused bar, and the table's button, post the same kind of message.
    const topicBar = all(figure(page.root, 'topic'), 'rect.bar').find((r) => r.getAttribute('aria-label')?.startsWith('Code:'));
    assert.equal(topicBar?.getAttribute('tabindex'), '0');
    key(topicBar as Element, 'Enter');
    assert.deepEqual((page.posted.at(-1) as { filter: ReportFilter }).filter, { conditions: ['topic = Code'] });
    click(all(figure(page.root, 'Tasks per status'), 'button').find((b) => b.textContent === 'error') as Element);
    assert.deepEqual((page.posted.at(-1) as { filter: ReportFilter }).filter, { conditions: [], statuses: ['error'] });
    const firstA = all(figure(page.root, 'Ranked first'), 'rect.bar').find((r) => r.getAttribute('aria-label')?.startsWith('model_a'));
    click(firstA as Element);
    assert.deepEqual((page.posted.at(-1) as { filter: ReportFilter }).filter, { conditions: ['preference = model_a'] });

    // What the host does with it: filter the index and show the subset's report.
    const { rows } = filterRows(index, { where: ['quality = 3'].map(parseCondition) });
    page.view.show(buildReport(index, { rows }), scope({ label: 'quality = 3', origin: 'report' }));
    assert.equal(rows.length, answers.counts.quality['3']);
    assert.match(page.root.querySelector('.report-count')?.textContent ?? '', new RegExp(`Report of ${rows.length} of ${N} tasks`));
    const subset = Object.fromEntries(tableRows(figure(page.root, 'quality')).map(([v, n]) => [v, Number(n)]));
    assert.deepEqual(subset, { '3': answers.counts.quality['3'] });
    click(page.root.querySelector('[data-command="clear"]') as Element);
    assert.deepEqual(page.posted.at(-1), { type: 'clearFilter' });
  });

  it('the key picker asks for that key per contributor', () => {
    const page = openReportPage();
    page.view.show(buildReport(index), scope());
    const select = page.root.querySelector('select[data-command="contributor-key"]') as HTMLSelectElement;
    assert.ok(select, 'a key picker in the Annotators section');
    select.value = 'topic';
    select.dispatchEvent(new page.window.Event('change', { bubbles: true }));
    assert.deepEqual(page.posted.at(-1), { type: 'contributorKey', key: 'topic' });
  });

  it('exports Markdown with the charts as SVG files beside it', async () => {
    const page = openReportPage();
    const report = buildReport(index);
    page.view.show(report, scope());
    click(page.root.querySelector('[data-command="export"]') as Element);
    const message = page.posted.at(-1);
    assert.ok(message?.type === 'export' && isReportToHost(message));
    const charts = message.charts;
    assert.ok(charts.length >= 8);
    for (const chart of charts) assert.equal(chartProblem(chart), undefined, `${chart.name} passes the host's check`);
    const written = await writeReportExport(folder.path, 'tasks-report', report, 'Quality report of tasks.jsonl', charts, file);
    const files = readdirSync(written.folder).sort();
    assert.ok(files.includes('report.md'));
    assert.equal(files.filter((f) => f.endsWith('.svg')).length, charts.length);
    const md = readFileSync(join(written.folder, 'report.md'), 'utf8');
    assert.match(md, /^# Quality report of tasks\.jsonl/);
    for (const chart of charts) assert.ok(md.includes(`](${chart.name}.svg)`), `the Markdown shows ${chart.name}`);
    const svg = readFileSync(join(written.folder, `${charts[0]?.name}.svg`), 'utf8');
    assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(svg, /<style>/);
    assert.doesNotMatch(svg, /data-filter|tabindex/);
    // Nothing but the finished folder is left behind, and a second export replaces the first.
    await writeReportExport(folder.path, 'tasks-report', report, 'again', charts, file);
    assert.deepEqual(
      readdirSync(folder.path).filter((f) => f.includes('report')),
      ['tasks-report'],
    );
    assert.ok(existsSync(join(written.folder, 'report.md')));
  });

  it('the host refuses SVG with active content or a name that is not a plain file name', async () => {
    assert.ok(chartProblem({ name: 'a', title: 'a', svg: '<svg><script>alert(1)</script></svg>' }));
    assert.ok(chartProblem({ name: 'a', title: 'a', svg: '<svg onload="alert(1)"></svg>' }));
    assert.ok(chartProblem({ name: 'a', title: 'a', svg: '<svg><image href="https://x.test/a.png"/></svg>' }));
    assert.ok(chartProblem({ name: '../x', title: 'a', svg: '<svg></svg>' }));
    assert.equal(chartProblem({ name: 'ok-1', title: 'a', svg: '<svg><text>done = yes onload=1</text></svg>' }), undefined);
    await assert.rejects(
      writeReportExport(folder.path, 'bad-report', buildReport(index), 't', [{ name: 'x', title: 'x', svg: '<svg onclick="x"/>' }], file),
    );
    assert.ok(!existsSync(join(folder.path, 'bad-report')));
  });
});
