import type { TaskIndex } from './taskIndex';

/**
 * A set of index rows as a predicate over the tasks of a second pass through the same file (an
 * export reads the file again and hands each task to its condition in file order). A task is known
 * by its id and how many times that id came before it, so duplicate ids on several lines stay
 * apart. The predicate counts as it goes: it serves one pass.
 */
export function rowsSelection(index: TaskIndex, rows: ArrayLike<number>): (task: { readonly task_id?: unknown }) => boolean {
  const member = new Uint8Array(index.size);
  for (let i = 0; i < rows.length; i++) member[rows[i] as number] = 1;
  const kept = new Set<string>();
  const before = new Map<string, number>();
  for (let row = 0; row < index.size; row++) {
    const id = index.taskId(row);
    const n = before.get(id) ?? 0;
    before.set(id, n + 1);
    if (member[row] === 1) kept.add(`${n}:${id}`);
  }
  const seen = new Map<string, number>();
  return (task) => {
    const id = typeof task.task_id === 'string' ? task.task_id : '';
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    return kept.has(`${n}:${id}`);
  };
}
