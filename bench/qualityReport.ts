/**
 * `node bench/qualityReport.mjs [tasks]` (bundles this file with esbuild, as the extension is, then
 * runs it): the quality report's speed on a generated task file (default 100,000 tasks): indexing (once), the report of the whole file, following a new filter
 * (filterRows + buildReport, as a click or the explorer does), and drawing the page (jsdom).
 * Targets (issue 15): ≤ 1 s for the report after the index, ≤ 200 ms to follow a new filter.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { parseCondition } from '../src/core/taskfile/conditions';
import { indexTaskFile } from '../src/core/taskfile/indexFile';
import { filterRows } from '../src/core/taskfile/matcher';
import { buildReport } from '../src/core/taskfile/report';
import { createReportView } from '../src/webview/report/reportView';
import { generatedTasks } from '../test/unit/support/taskFiles';

const count = Number(process.argv[2] ?? 100_000);
const runs = 5;

function median(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

/** Median of `runs` after two warm-up runs (the first calls of a function are interpreted, then compiled). */
function timed(work: () => void): number {
  work();
  work();
  return median(Array.from({ length: runs }, () => time(work)));
}

/**
 * CPU time (user + system) of this process, not wall time: the bench machines are shared, and a
 * busy neighbour stretches wall time by whatever share of the cores it takes; the work is
 * single-threaded, so on an idle core its wall time is its CPU time.
 */
function time(work: () => void): number {
  const started = process.cpuUsage();
  work();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'task-lens-bench-report-'));
  const file = join(folder, 'tasks.jsonl');
  try {
    const out = createWriteStream(file);
    for (let start = 0; start < count; start += 1000) {
      // Batches of distinct seeds so the file is not one block repeated.
      const tasks = generatedTasks(Math.min(1000, count - start), 7 + start / 1000);
      out.write(`${tasks.map((t) => JSON.stringify(t)).join('\n')}\n`);
    }
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    const bytes = statSync(file).size;
    const indexStarted = process.cpuUsage();
    const index = await indexTaskFile(file);
    const indexCpu = process.cpuUsage(indexStarted);
    const indexMs = (indexCpu.user + indexCpu.system) / 1000;
    const whole = timed(() => buildReport(index));
    const withKey = timed(() => buildReport(index, { contributorKey: 'overall_quality' }));
    const filters = ['instruction_following = 3', 'prompt_category = Math', 'issues = Verbose', 'overall_preference = model_a'];
    const follow = filters.map((c) => {
      let tasks = 0;
      const ms = timed(() => {
        const { rows } = filterRows(index, { where: [parseCondition(c)] });
        tasks = buildReport(index, { rows }).tasks;
      });
      return { condition: c, tasks, ms };
    });
    const report = buildReport(index, { contributorKey: 'instruction_following' });
    const dom = new JSDOM('<!doctype html><html><body><div id="root"></div></body></html>');
    const root = dom.window.document.getElementById('root') as HTMLElement;
    const view = createReportView(root, { post: () => undefined });
    const draw = timed(() => view.show(report, { fileName: 'tasks.jsonl', total: index.size }));
    const rows: [string, string][] = [
      ['Task file', `${index.size.toLocaleString('en-US')} tasks, ${(bytes / 1e6).toFixed(0)} MB`],
      ['Index (one streaming pass)', `${indexMs.toFixed(0)} ms`],
      ['Report of the whole file (target ≤ 1,000 ms)', `${whole.toFixed(0)} ms`],
      ['… with a per-contributor key', `${withKey.toFixed(0)} ms`],
      ...follow.map(({ condition, tasks, ms }): [string, string] => [
        `Follow \`${condition}\` (${tasks.toLocaleString('en-US')} tasks; target ≤ 200 ms)`,
        `${ms.toFixed(0)} ms`,
      ]),
      ['Draw the page (jsdom, every chart and table)', `${draw.toFixed(0)} ms`],
    ];
    // The page's own draw time in a real browser is measured by qualityReport.mjs from this report.
    if (process.env.TASKLENS_REPORT_JSON) writeFileSync(process.env.TASKLENS_REPORT_JSON, JSON.stringify(report));
    console.log(
      `| Quality report (CPU ms, median of ${runs}; load ${loadavg()[0]?.toFixed(1)}) | |\n| --- | --- |\n${rows.map(([a, b]) => `| ${a} | ${b} |`).join('\n')}`,
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

void main();
