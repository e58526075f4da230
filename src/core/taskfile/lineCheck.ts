/**
 * Whether a line of a task file still holds the task it held: a task view restored after a window
 * reload knows only where the line was (offset, length) and the task's id, and the file may have
 * been edited or downloaded again since.
 */
import { stat } from 'node:fs/promises';
import { readTaskAt } from './indexFile';
import { taskIdOf } from './indexBuilder';
import type { TaskEntry } from './taskIndex';
import type { JsonRecord } from './taskWalk';

export type TaskAtCheck =
  | { readonly ok: true; readonly task: JsonRecord }
  /** `missing`: no file at that path any more; `changed`: the bytes there are not that task. */
  | { readonly ok: false; readonly reason: 'missing' | 'changed' };

const GONE = new Set(['ENOENT', 'ENOTDIR']);

/** Reads the task at `entry` if it is still task `taskId`; other read errors (e.g. EACCES) are thrown. */
export async function checkTaskAt(path: string, entry: TaskEntry, taskId: string): Promise<TaskAtCheck> {
  let task: JsonRecord;
  try {
    const info = await stat(path);
    if (!info.isFile()) return { ok: false, reason: 'missing' };
    // Before reading: the length comes from the page's state, and a shorter file cannot hold the line.
    if (entry.offset + entry.length > info.size) return { ok: false, reason: 'changed' };
    task = await readTaskAt(path, entry);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) return { ok: false, reason: 'changed' }; // cut short, or not a task line
    if (GONE.has(code)) return { ok: false, reason: 'missing' };
    throw error;
  }
  return taskId !== '' && taskIdOf(task) === taskId ? { ok: true, task } : { ok: false, reason: 'changed' };
}
