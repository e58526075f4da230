import { strict as assert } from 'node:assert';
import { indexTaskFile } from '../../src/core/taskfile/indexFile';
import { annotationCell, sortRows } from '../../src/core/taskfile/rowColumns';
import type { TaskIndex } from '../../src/core/taskfile/taskIndex';
import { ann, handTask } from './support/handTasks';
import { TempFolder } from './support/taskFiles';

describe('explorer columns over the index', () => {
  const folder = new TempFolder();
  after(() => folder.remove());
  let index: TaskIndex;

  before(async () => {
    const tasks = [
      handTask('b', [
        ['message', ann('score', 'integer', 10)],
        ['thread', ann('rank', 'ranked_groups', [['m2', 'm1'], ['m3']])],
      ]),
      handTask('a', [
        ['message', ann('score', 'integer', 2)],
        ['turn', ann('ok', 'boolean', false)],
      ]),
      handTask('c', [
        ['message', ann('score', 'integer', 2, { not_applicable: true })],
        ['turn', ann('tags', 'category_multiple', ['x'])],
      ]),
      handTask('d', [['thread', ann('rank', 'ranked_choices', ['m3', 'm1'])]]),
    ];
    index = await indexTaskFile(folder.write(tasks.map((t) => JSON.stringify(t))));
  });

  const ids = (rows: Uint32Array): string[] => [...rows].map((row) => index.taskId(row));
  const all = (): Uint32Array => Uint32Array.from({ length: index.size }, (_, i) => i);

  it('gives each annotation cell its compact value by type', () => {
    assert.deepEqual(annotationCell(index, 0, 'score'), [{ type: 'integer', value: 10, notApplicable: false, cannotAssess: false }]);
    assert.deepEqual(annotationCell(index, 0, 'rank')[0]?.value, [['m2', 'm1'], ['m3']]);
    assert.deepEqual(annotationCell(index, 3, 'rank')[0]?.value, ['m3', 'm1']);
    assert.equal(annotationCell(index, 1, 'ok')[0]?.value, false);
    assert.deepEqual(annotationCell(index, 2, 'tags')[0]?.value, ['x']);
    assert.equal(annotationCell(index, 2, 'score')[0]?.notApplicable, true);
    assert.deepEqual(annotationCell(index, 1, 'nope'), []);
    assert.equal(index.preferred(0), 'm2 = m1');
  });

  it('sorts numerically, stably, empty and not-applicable cells last, either direction', () => {
    assert.deepEqual(ids(sortRows(index, all(), { annotation: 'score' })), ['a', 'b', 'c', 'd']);
    assert.deepEqual(ids(sortRows(index, all(), { annotation: 'score' }, true)), ['b', 'a', 'c', 'd']);
    assert.deepEqual(ids(sortRows(index, all(), 'taskId')), ['a', 'b', 'c', 'd']);
    assert.deepEqual(ids(sortRows(index, all(), 'taskId', true)), ['d', 'c', 'b', 'a']);
    assert.deepEqual(ids(sortRows(index, all(), 'preferred')), ['b', 'd', 'a', 'c']);
    assert.deepEqual(ids(sortRows(index, all(), 'messages')), ['b', 'a', 'c', 'd']);
  });

  it('sorts text naturally and sorts any subset the same way as the whole (the order is cached per column)', async () => {
    // Text values from a category annotation: natural order puts "item 9" before "item 10".
    const labels = ['item 10', 'item 9', 'Item 1', 'item 100', 'item 9'];
    const tasks = labels.map((label, i) => handTask(`t${i}`, [['thread', ann('label', 'category', label)]]));
    const mixed = await indexTaskFile(folder.write(tasks.map((t) => JSON.stringify(t))));
    const label = (rows: Uint32Array): string[] => [...rows].map((row) => labels[row] as string);
    const every = Uint32Array.from({ length: mixed.size }, (_, i) => i);
    const collator = new Intl.Collator('en', { numeric: true });
    // Expected order computed with a plain sort of the values, ties by position.
    const expected = [...every].sort((x, y) => collator.compare(labels[x] as string, labels[y] as string) || x - y);
    assert.deepEqual([...sortRows(mixed, every, { annotation: 'label' })], expected);
    const subset = Uint32Array.from([4, 0, 3]);
    assert.deepEqual(label(sortRows(mixed, subset, { annotation: 'label' })), ['item 9', 'item 10', 'item 100']);
    assert.deepEqual(label(sortRows(mixed, subset, { annotation: 'label' }, true)), ['item 100', 'item 10', 'item 9']);
  });
});
