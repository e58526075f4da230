import type { Task } from '../../core/scale/types';
import { formatNumber } from '../../shared/format';
import type { ExportSelection } from '../commands/exportFile';
import type { TaskIndex } from '../../core/taskfile/taskIndex';

/**
 * The explorer's set as an export's condition. The export reads the file again and hands each
 * Scale task (a line with a string `task_id`) to the condition in file order, so a task is known
 * by its id and how many times that id came before it: duplicate ids on several lines stay apart.
 * The predicate counts as it goes, so it serves one export run.
 */
export function exportSelection(model: { readonly index: TaskIndex | undefined; readonly rows: Uint32Array }): ExportSelection | undefined {
  const index = model.index;
  if (!index) return undefined;
  const member = new Uint8Array(index.size);
  for (const row of model.rows) member[row] = 1;
  const kept = new Set<string>();
  const before = new Map<string, number>();
  for (let row = 0; row < index.size; row++) {
    const id = index.taskId(row);
    const n = before.get(id) ?? 0;
    before.set(id, n + 1);
    if (member[row] === 1) kept.add(`${n}:${id}`);
  }
  const seen = new Map<string, number>();
  return {
    condition: (task: Task) => {
      const n = seen.get(task.task_id) ?? 0;
      seen.set(task.task_id, n + 1);
      return kept.has(`${n}:${task.task_id}`);
    },
    label: `${formatNumber(model.rows.length)} of ${formatNumber(index.size)} tasks`,
  };
}
