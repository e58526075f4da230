import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { runExport } from '../../src/core/export';
import { indexTaskFile } from '../../src/core/taskfile/indexFile';
import { parseConditions, TableModel } from '../../src/core/taskfile/tableView';
import { exportSelection } from '../../src/vscode/explorer/exportSet';
import { generatedTasks, TempFolder } from './support/taskFiles';

describe('exporting the explorer’s set', () => {
  const folder = new TempFolder();
  after(() => folder.remove());

  it('hands the export exactly the set’s tasks, duplicate task ids on other lines kept apart', async () => {
    const tasks = generatedTasks(60).filter((t) => t.status === 'completed');
    // The same 40 tasks twice, the second copy with a different status: a condition on status picks
    // one copy of each id, which a predicate by id alone could not.
    const lines = [...tasks.map((t) => JSON.stringify(t)), ...tasks.map((t) => JSON.stringify({ ...t, status: 'reviewed' }))];
    const file = folder.write(lines);
    const index = await indexTaskFile(file);
    const set = new TableModel(index).select(parseConditions([]), { statuses: ['reviewed'] }, null);
    assert.equal(set.rows.length, tasks.length);
    const selection = exportSelection({ index, rows: set.rows });
    assert.ok(selection);
    assert.equal(selection.label, `${tasks.length} of ${tasks.length * 2} tasks`);
    const seen: string[] = [];
    const result = await runExport({
      input: file,
      out: join(folder.path, 'out.sft.jsonl'),
      format: 'sft',
      condition: (task) => {
        const keep = selection.condition(task);
        if (keep) seen.push(`${task.task_id}:${task.status}`);
        return keep;
      },
    });
    assert.equal(result.counts.tasks, tasks.length * 2);
    assert.equal(result.counts.filteredOut, tasks.length);
    assert.deepEqual(
      seen,
      tasks.map((t) => `${t.task_id}:reviewed`),
    );
  });
});
