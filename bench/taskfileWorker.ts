// One process, one generated task file (default 100,000 tasks, written first): core/taskfile's index
// against a plain line-by-line JSON.parse pass (what a user would write), runs alternating; the
// index's retained heap; then filter, sort, report and follow times over the index. Prints one JSON
// object of runs in milliseconds. Bundled with esbuild by bench/taskfile.mjs and run with
// `--expose-gc` (the retained-heap figure needs collections on demand).
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { buildReport, filterRows, indexTaskFile, parseCondition, readTaskAt, sortRows } from '../src/core/taskfile';
import { TableModel, tableColumns } from '../src/core/taskfile/tableView';
import { generatedTasks } from '../test/unit/support/taskFiles';

const [file, runsArg, countArg] = process.argv.slice(2);
if (!file) throw new Error('usage: taskfileWorker <file> [runs] [tasks to generate]');
const runs = Number(runsArg ?? 3);
const generate = Number(countArg ?? 0);

/** Emulator-generated tasks in batches of distinct seeds, so the file is not one block repeated. */
async function writeFile(path: string, count: number): Promise<void> {
  const out = createWriteStream(path);
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

/**
 * CPU time (user + system) of this process: the bench machines are shared, and a busy neighbour
 * stretches wall time by whatever share of the cores it takes; the work is single-threaded, so on an
 * idle core its wall time is its CPU time. Wall time is kept beside it.
 */
async function time<T>(work: () => Promise<T> | T): Promise<{ ms: number; wallMs: number; value: T }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { ms: (used.user + used.system) / 1000, wallMs: performance.now() - started, value };
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
if (generate > 0) await writeFile(file, generate);
const bytes = (await stat(file)).size;
const out = {
  bytes,
  tasks: 0,
  indexMs: [] as number[],
  indexWallMs: [] as number[],
  parseLoopMs: [] as number[],
  parseLoopWallMs: [] as number[],
  indexHeapMb: 0,
  filterMs: [] as number[],
  sortMs: [] as number[],
  firstSortMs: 0,
  reportMs: [] as number[],
  followMs: [] as number[],
  condition: '',
  matched: 0,
  /** The explorer's table (core/taskfile/tableView.ts): filter + the cached column order, as the table asks. */
  tableSelectMs: [] as number[],
  /** The first window of rows the page asks for after the index (100 rows × 14 columns). */
  firstRowsMs: [] as number[],
  /** A row's line read back by its offset and parsed (the task view's input, no network). */
  rowReadMs: [] as number[],
};
// Heap plus the typed arrays' buffers (outside the heap): what the index holds.
const held = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
gc();
const before = held();
let index = await indexTaskFile(file);
gc();
// What the explorer keeps per open file, once the pass's garbage is gone.
out.indexHeapMb = Math.max(0, held() - before) / 2 ** 20;
for (let i = 0; i < runs; i++) {
  // Alternate which goes first, so neither always gets the warmer cache.
  const order = i % 2 === 0 ? ['index', 'loop'] : ['loop', 'index'];
  for (const which of order) {
    if (which === 'index') {
      const r = await time(() => indexTaskFile(file));
      out.indexMs.push(r.ms);
      out.indexWallMs.push(r.wallMs);
      index = r.value;
    } else {
      const r = await time(() => parseLoop(file));
      out.parseLoopMs.push(r.ms);
      out.parseLoopWallMs.push(r.wallMs);
    }
  }
}
out.tasks = index.size;

const numeric = index.annotationKeys().find((k) => k.type === 'integer');
out.condition = numeric ? `${numeric.key} >= 2` : 'status only';
const query = { where: numeric ? [parseCondition(out.condition)] : [], statuses: ['completed'] };
let rows = filterRows(index, query).rows;
out.matched = rows.length;
for (let i = 0; i < runs + 1; i++) {
  const f = await time(() => filterRows(index, query).rows);
  rows = f.value;
  const s = await time(() => sortRows(index, rows, 'completedAt', true));
  const r = await time(() => buildReport(index));
  const follow = await time(() => buildReport(index, { rows }));
  if (i === 0) {
    out.firstSortMs = s.ms; // builds the column's order over every row, once per index
    continue; // the first calls run interpreted; keep the compiled ones
  }
  out.filterMs.push(f.ms);
  out.sortMs.push(s.ms);
  out.reportMs.push(r.ms);
  out.followMs.push(follow.ms);
}

const table = new TableModel(index);
const where = query.where;
const visible = tableColumns(index)
  .slice(0, 14)
  .map((c) => c.id);
const everyRow = table.select([], {}, null).rows;
for (let i = 0; i < runs + 1; i++) {
  const s = await time(() => table.select(where, { statuses: ['completed'] }, { column: 'completedAt', descending: i % 2 === 0 }));
  const w = await time(() => table.window(everyRow, 0, 100, visible));
  const row = Math.floor((index.size * (i + 1)) / (runs + 2));
  const r = await time(() => readTaskAt(file, index.entry(row)));
  if (i === 0) continue;
  out.tableSelectMs.push(s.ms);
  out.firstRowsMs.push(w.ms);
  out.rowReadMs.push(r.wallMs);
}
process.stdout.write(`${JSON.stringify(out)}\n`);
