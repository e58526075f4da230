// One process, one 100,000-task file: core/taskfile's index against a plain line-by-line JSON.parse
// pass (the same chunk reads, nothing else), alternating, then filter, sort and report times over
// the index, and the explorer's table over it (a filter + sort as the table asks, the first window
// of rows after the index, a row read back for the task view). Prints one JSON object of runs in
// milliseconds. `FILE RUNS [TASKS]`: with TASKS, generates the file first (emulator tasks, distinct
// seeds per thousand). Bundled by bench/explorer.mjs (esbuild, like the extension).
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { buildReport, filterRows, indexTaskFile, parseCondition, readTaskAt, sortRows } from '../src/core/taskfile';
import { TableModel, tableColumns } from '../src/core/taskfile/tableView';
import { generatedTasks } from '../test/unit/support/taskFiles';

const [file, runsArg, tasksArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 3);

if (tasksArg && !existsSync(file)) {
  const count = Number(tasksArg);
  const out = createWriteStream(file);
  for (let start = 0; start < count; start += 1000) {
    const tasks = generatedTasks(Math.min(1000, count - start), 7 + start / 1000);
    if (!out.write(`${tasks.map((t) => JSON.stringify(t)).join('\n')}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

/** What a user would write: read the file, split lines, JSON.parse each. */
async function parseLoop(path: string): Promise<number> {
  let carry = '';
  let lines = 0;
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 }) as AsyncIterable<string>) {
    const parts = (carry + chunk).split('\n');
    carry = parts.pop() ?? '';
    for (const line of parts) {
      if (!line.trim()) continue;
      JSON.parse(line);
      lines++;
    }
  }
  if (carry.trim()) {
    JSON.parse(carry);
    lines++;
  }
  return lines;
}

async function time<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

const bytes = (await stat(file)).size;
const out = {
  bytes,
  tasks: 0,
  indexMs: [] as number[],
  parseLoopMs: [] as number[],
  indexHeapMb: 0,
  filterMs: [] as number[],
  sortMs: [] as number[],
  reportMs: [] as number[],
  followMs: [] as number[],
  condition: '',
  tableFirstSortMs: 0,
  tableSelectMs: [] as number[],
  firstRowsMs: [] as number[],
  rowToTaskMs: [] as number[],
  rssMb: 0,
};
let index = await indexTaskFile(file);
for (let i = 0; i < runs; i++) {
  // Alternate which goes first, so neither always gets the warmer cache.
  const order = i % 2 === 0 ? ['index', 'loop'] : ['loop', 'index'];
  for (const which of order) {
    if (which === 'index') {
      const r = await time(() => indexTaskFile(file));
      out.indexMs.push(r.ms);
      index = r.value;
    } else out.parseLoopMs.push((await time(() => parseLoop(file))).ms);
  }
}
out.tasks = index.size;
// The index's columns are typed arrays, whose memory is outside the JS heap: count both.
const held = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};
index = undefined as unknown as Awaited<ReturnType<typeof indexTaskFile>>;
global.gc?.();
const before = held();
index = await indexTaskFile(file);
global.gc?.();
out.indexHeapMb = Math.max(0, held() - before) / 2 ** 20;

const numeric = index.annotationKeys().find((k) => k.type === 'integer');
out.condition = numeric ? `${numeric.key} >= 2` : 'no integer key';
const query = { where: numeric ? [parseCondition(out.condition)] : [], statuses: ['completed'] };
let rows = filterRows(index, query).rows;
for (let i = 0; i < runs; i++) {
  const f = await time(() => filterRows(index, query).rows);
  out.filterMs.push(f.ms);
  rows = f.value;
  out.sortMs.push((await time(() => sortRows(index, rows, 'completedAt', true))).ms);
  out.reportMs.push((await time(() => buildReport(index))).ms);
  out.followMs.push((await time(() => buildReport(index, { rows: [...rows] }))).ms);
}

// The explorer's table: what the host does for the page.
const table = new TableModel(index);
const where = numeric ? [parseCondition(out.condition)] : [];
const sort = { column: 'completedAt', descending: true };
out.tableFirstSortMs = table.select(where, { statuses: ['completed'] }, sort).ms; // builds the column's order
const visible = tableColumns(index)
  .slice(0, 14)
  .map((c) => c.id);
for (let i = 0; i < runs; i++) {
  out.tableSelectMs.push(table.select(where, { statuses: ['completed'] }, { ...sort, descending: i % 2 === 0 }).ms);
  const all = table.select([], {}, null).rows;
  out.firstRowsMs.push((await time(() => table.window(all, 0, 100, visible))).ms);
  const row = Math.floor((index.size * (i + 1)) / (runs + 1));
  out.rowToTaskMs.push((await time(() => readTaskAt(file, index.entry(row)))).ms);
}
out.rssMb = process.memoryUsage().rss / 2 ** 20;
process.stdout.write(`${JSON.stringify(out)}\n`);
