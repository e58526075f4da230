import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeSource, findManifests, readDelivery, sortDeliveries } from '../../src/core/download/deliveries';
import { readManifest } from '../../src/core/download/manifest';
import { indexTaskFile } from '../../src/core/taskfile/indexFile';
import { searchTaskFile } from '../../src/core/taskfile/search';
import { saveSubset, SubsetTargetError } from '../../src/core/taskfile/subset';
import { tableFacets } from '../../src/core/taskfile/tableFacets';
import { parseConditions, TableModel, tableColumns, type TableQuery } from '../../src/core/taskfile/tableView';
import type { TaskIndex } from '../../src/core/taskfile/taskIndex';
import { everyAnnotation, messagesOf, usable } from './support/taskOracle';
import { generatedTasks, showcaseTasks, TempFolder } from './support/taskFiles';

type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('explorer table: set, order, window, saved subsets, delivery listing', () => {
  const folder = new TempFolder();
  after(() => folder.remove());
  let file: string;
  let tasks: Rec[];
  let index: TaskIndex;
  let model: TableModel;

  before(async () => {
    tasks = [...generatedTasks(300), ...showcaseTasks()] as unknown as Rec[];
    const lines: string[] = tasks.map((t) => JSON.stringify(t));
    // An unreadable line and a blank one in the middle: rows and lines part ways after them.
    lines.splice(5, 0, 'not json at all', '');
    file = folder.write(lines);
    index = await indexTaskFile(file);
    model = new TableModel(index);
  });

  const lineOfTask = (i: number): number => (i < 5 ? i + 1 : i + 3);
  const hasAnnotation = (t: Rec, key: string, test: (a: Rec) => boolean): boolean =>
    everyAnnotation(t).some(({ annotation }) => annotation.key === key && usable(annotation) && test(annotation));

  it('selects what the query says, in file order, with row and line numbers', () => {
    const where = parseConditions(['issues = Verbose']);
    const set = model.select(where, { statuses: ['completed'] }, null);
    const expected = tasks
      .map((t, i) => [t, i] as const)
      .filter(([t]) => t.status === 'completed' && hasAnnotation(t, 'issues', (a) => Array.isArray(a.value) && a.value.includes('Verbose')))
      .map(([, i]) => i);
    assert.ok(expected.length > 10, `enough tasks to mean something (${expected.length})`);
    assert.deepEqual([...set.rows], expected);
    const window = model.window(set.rows, 0, 3, ['taskId', 'status', 'a:issues']);
    assert.deepEqual(
      window.map((r) => [r.row, r.line, r.cells[0]?.text, r.cells[1]?.text]),
      expected.slice(0, 3).map((i) => [i, lineOfTask(i), tasks[i]?.task_id, 'completed']),
    );
    assert.match(window[0]?.cells[2]?.text ?? '', /Verbose/);
    assert.equal(window[0]?.cells[2]?.kind, 'chip');
    assert.equal(model.window(set.rows, set.rows.length - 1, 50, ['taskId']).length, 1, 'a window past the end is cut');
  });

  it('warns for a key nobody uses and matches nothing', () => {
    const set = model.select(parseConditions(['no_such_key = 1']), {}, null);
    assert.equal(set.rows.length, 0);
    assert.equal(set.warnings.length, 1);
  });

  it('orders by any column, numbers numerically, empty cells last, the filtered set in the full order', () => {
    const score = (t: Rec): number | undefined => {
      for (const { annotation } of everyAnnotation(t))
        if (annotation.type === 'integer' && usable(annotation) && annotation.key === firstIntegerKey) return annotation.value as number;
      return undefined;
    };
    const firstIntegerKey = tableColumns(index).find((c) => c.numeric && c.id.startsWith('a:'))?.label as string;
    assert.ok(firstIntegerKey, 'the file has an integer key');
    const all = model.select([], {}, { column: `a:${firstIntegerKey}`, descending: true });
    const keys = [...all.rows].map((row) => score(tasks[row] as Rec));
    const present = keys.filter((k) => k !== undefined) as number[];
    assert.deepEqual(
      present,
      [...present].sort((a, b) => b - a),
    );
    assert.ok(keys.indexOf(undefined) === -1 || keys.slice(keys.indexOf(undefined)).every((k) => k === undefined), 'empty cells last');

    const completed = model.select([], { statuses: ['completed'] }, { column: 'messages', descending: false });
    const messages = [...completed.rows].map((row) => messagesOf(tasks[row] as Rec).length);
    assert.deepEqual(
      messages,
      [...messages].sort((a, b) => a - b),
    );
    assert.equal(completed.rows.length, tasks.filter((t) => t.status === 'completed').length);
    // Ties keep file order.
    for (let i = 1; i < completed.rows.length; i++)
      if (messages[i] === messages[i - 1]) assert.ok((completed.rows[i] as number) > (completed.rows[i - 1] as number));
  });

  it('filters and sorts 100,000 rows within the budget', async () => {
    const base = generatedTasks(1000, 11).map((t) => JSON.stringify(t));
    const big = folder.write(Array.from({ length: 100_000 }, (_, i) => base[i % base.length] as string));
    const bigIndex = await indexTaskFile(big);
    const bigModel = new TableModel(bigIndex);
    const where = parseConditions(['issues = Verbose']);
    const first = bigModel.select(where, {}, { column: 'taskId', descending: false }); // the first sort of a column builds its order
    assert.ok(first.ms < 1000, `the first sort of a column took ${first.ms} ms`);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) times.push(bigModel.select(where, { statuses: ['completed'] }, { column: 'taskId', descending: false }).ms);
    times.sort((a, b) => a - b);
    assert.ok((times[2] as number) < 200, `filter + sort took ${times[2]} ms (median of 5)`);
  }).timeout(120_000);

  it('searches message texts with one more pass', async () => {
    const word = 'the';
    const hits = await searchTaskFile(file, index, word);
    const set = model.select([], { search: word }, null, hits);
    const expected = tasks
      .map((t, i) => [t, i] as const)
      .filter(([t]) => messagesOf(t).some((m) => typeof m.content?.text === 'string' && m.content.text.toLowerCase().includes(word)))
      .map(([, i]) => i);
    assert.deepEqual([...set.rows], expected);
  });

  it('offers type-aware controls: statuses with counts, number ranges, frequent values', () => {
    const facets = tableFacets(index);
    const completed = facets.statuses.find((s) => s.status === 'completed');
    assert.equal(completed?.tasks, tasks.filter((t) => t.status === 'completed').length);
    const issues = facets.keys.find((k) => k.key === 'issues');
    assert.ok(issues?.values?.includes('Verbose'));
    const numeric = facets.keys.find((k) => k.type === 'integer' && k.min !== undefined);
    assert.ok(numeric && (numeric.max as number) >= (numeric.min as number));
  });

  it('saves a set: exactly those lines, in file order, atomically, with a manifest naming source and query', async () => {
    const query: TableQuery = { conditions: ['issues = Verbose'], statuses: ['completed'], search: '' };
    const set = model.select(parseConditions(query.conditions), { statuses: query.statuses }, { column: 'taskId', descending: true });
    const target = join(folder.path, 'subset.jsonl');
    const result = await saveSubset({ source: file, target, index, rows: set.rows, query });
    const sourceLines = readFileSync(file, 'utf8').split('\n');
    const expected = [...set.rows].sort((a, b) => a - b).map((row) => sourceLines[lineOfTask(row) - 1]);
    assert.deepEqual(readFileSync(target, 'utf8').split('\n').slice(0, -1), expected);
    assert.equal(result.count, set.rows.length);
    const manifest = await readManifest(result.manifest);
    assert.equal(manifest.state, 'ok');
    if (manifest.state !== 'ok') return;
    assert.equal(manifest.manifest.status, 'complete');
    assert.equal(manifest.manifest.count, set.rows.length);
    assert.equal(manifest.manifest.source.sourceFile, 'tasks-0.jsonl');
    assert.equal(manifest.manifest.source.conditions, 'issues = Verbose');
    assert.deepEqual((manifest.manifest as unknown as Rec).subset.conditions, ['issues = Verbose']);

    const listed = await readDelivery(result.manifest);
    assert.equal(listed?.count, set.rows.length);
    assert.equal(listed?.status, 'complete');
    assert.equal(listed?.fileExists, true);
    assert.match(listed?.source ?? '', /filtered from tasks-0\.jsonl \(issues = Verbose, status completed\)/);
    assert.equal(listed?.changed, undefined);
    // The same file cut short: still listed, as not what its manifest records.
    writeFileSync(result.file, readFileSync(result.file).subarray(0, 10));
    const cut = await readDelivery(result.manifest);
    assert.match(cut?.changed ?? '', /holds 10 bytes where its manifest records/);
  });

  it('never writes over the source', async () => {
    const before = readFileSync(file);
    await assert.rejects(
      saveSubset({ source: file, target: file, index, rows: new Uint32Array([0]), query: { conditions: [], statuses: [], search: '' } }),
      SubsetTargetError,
    );
    assert.deepEqual(readFileSync(file), before);
  });

  it('lists deliveries from manifests, newest first, partial ones and unreadable ones too', async () => {
    const m = (name: string, status: string, completedAt: string | null, updatedAt: string) =>
      JSON.stringify({
        format: 'task-lens-download/1',
        source: { platform: 'scale', projectName: 'Proj', deliveryName: name },
        status,
        file: `${name}.jsonl`,
        count: 7,
        bytes: 0,
        pages: 1,
        nextToken: null,
        completedAt,
        updatedAt,
      });
    writeFileSync(join(folder.path, 'a.jsonl.manifest.json'), m('a', 'complete', '2025-01-02T00:00:00Z', '2025-01-02T00:00:00Z'));
    writeFileSync(join(folder.path, 'b.jsonl.manifest.json'), m('b', 'partial', null, '2025-03-01T00:00:00Z'));
    writeFileSync(join(folder.path, 'c.jsonl.manifest.json'), '{ torn');
    const listed = await Promise.all(['a', 'b', 'c'].map((n) => readDelivery(join(folder.path, `${n}.jsonl.manifest.json`))));
    const sorted = sortDeliveries(listed.filter((x) => x !== undefined));
    assert.deepEqual(
      sorted.map((d) => [d.name, d.status, d.count, d.fileExists]),
      [
        ['b', 'partial', 7, false],
        ['a', 'complete', 7, false],
        ['c', 'partial', 0, false],
      ],
    );
    assert.equal(sorted[0]?.source, 'scale · Proj · b');
    assert.ok(sorted[2]?.problem);
    assert.equal(await readDelivery(join(folder.path, 'nothing.jsonl.manifest.json')), undefined);
    mkdirSync(join(folder.path, 'deep', 'er'), { recursive: true });
    mkdirSync(join(folder.path, 'node_modules', 'x'), { recursive: true });
    writeFileSync(join(folder.path, 'deep', 'er', 'd.jsonl.manifest.json'), '{}');
    writeFileSync(join(folder.path, 'node_modules', 'x', 'e.jsonl.manifest.json'), '{}');
    const found = (await findManifests(folder.path)).map((f) => f.slice(folder.path.length + 1)).sort();
    assert.deepEqual(found, [
      'a.jsonl.manifest.json',
      'b.jsonl.manifest.json',
      'c.jsonl.manifest.json',
      join('deep', 'er', 'd.jsonl.manifest.json'),
      'subset.jsonl.manifest.json',
    ]);
    assert.equal(
      describeSource({ kind: 'subset', sourceFile: 'x.jsonl', conditions: null, statuses: null, search: null }),
      'filtered from x.jsonl',
    );
  });
});
