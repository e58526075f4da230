/**
 * The explorer's one streaming pass over a task file, and reading one row's line back by its
 * offset (the row → task view path). Nothing here keeps a line after it is indexed.
 */
import { open } from 'node:fs/promises';
import { addTask } from './indexBuilder';
import { forEachJsonObject, parseObjectLine, type ReadLinesOptions } from './lineReader';
import { TaskIndex, type TaskEntry } from './taskIndex';
import type { JsonRecord } from './taskWalk';

export interface IndexFileOptions extends ReadLinesOptions {
  /**
   * Sees each task right after its row is added, while the parsed object is still at hand: the
   * CLI matches `--search` or prints the line here, so a command needs only one pass. A returned
   * promise is awaited before the next line (backpressure).
   */
  readonly onTask?: (row: number, task: JsonRecord, line: Buffer, index: TaskIndex) => void | Promise<void>;
}

/** Indexes every readable task line of the file. Cancel with `signal` (rejects with CancelledError). */
export async function indexTaskFile(path: string, options: IndexFileOptions = {}): Promise<TaskIndex> {
  const index = new TaskIndex();
  const onTask = options.onTask;
  index.fileBytes = await forEachJsonObject(
    path,
    {
      object(task, line, place) {
        const row = addTask(index, task, place);
        return onTask?.(row, task, line, index);
      },
      unreadable(place, reason) {
        index.unreadable.push({ lineNumber: place.lineNumber, reason });
      },
    },
    options,
  );
  return index;
}

/** The exact bytes of one indexed line (without its newline). */
export async function readLineAt(path: string, entry: TaskEntry): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(entry.length);
    let filled = 0;
    while (filled < entry.length) {
      const { bytesRead } = await handle.read(buffer, filled, entry.length - filled, entry.offset + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled < entry.length) throw new Error(`The task file changed since it was indexed: line ${entry.lineNumber} is cut short.`);
    return buffer;
  } finally {
    await handle.close();
  }
}

/** One task, parsed from the file by its index entry (for the explorer's row → task view). */
export async function readTaskAt(path: string, entry: TaskEntry): Promise<JsonRecord> {
  const parsed = parseObjectLine(await readLineAt(path, entry));
  if (typeof parsed === 'string')
    throw new Error(`The task file changed since it was indexed: line ${entry.lineNumber} is no longer a task.`);
  return parsed;
}
