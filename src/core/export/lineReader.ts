/**
 * A task file read one line at a time: never the whole file in memory, unreadable lines counted
 * (not fatal), progress in bytes. Minimal on purpose; `core/taskfile/` will replace it.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { CancelledError } from '../http/errors';
import type { Task } from '../scale/types';

export interface TaskLine {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly task: Task;
  /** Bytes of the file consumed so far (for progress). */
  readonly bytesRead: number;
}

export interface ReadStats {
  /** Non-empty lines that were not JSON objects with a `task_id`. */
  unreadable: number;
  /** The first few unreadable line numbers, for the message. */
  readonly unreadableLines: number[];
  readonly totalBytes: number;
}

const NEWLINE = 0x0a;
const KEPT_LINE_NUMBERS = 10;

/** Yields every readable task in `file`; counts the rest into `stats`. Checks `signal` per line. */
export async function* readTaskLines(file: string, stats: ReadStats, signal?: AbortSignal): AsyncGenerator<TaskLine> {
  const stream = createReadStream(file, { highWaterMark: 1 << 16 });
  let pending: Buffer[] = [];
  let lineNumber = 0;
  let consumed = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let start = 0;
      let end = chunk.indexOf(NEWLINE, start);
      while (end !== -1) {
        const piece = chunk.subarray(start, end);
        const line = pending.length > 0 ? Buffer.concat([...pending, piece]) : piece;
        pending = [];
        consumed += line.length + 1;
        lineNumber++;
        if (signal?.aborted) throw new CancelledError('The export was cancelled.');
        const task = parseTask(line, lineNumber, stats);
        if (task) yield { line: lineNumber, task, bytesRead: consumed };
        start = end + 1;
        end = chunk.indexOf(NEWLINE, start);
      }
      if (start < chunk.length) pending.push(chunk.subarray(start));
    }
    if (pending.length > 0) {
      const line = Buffer.concat(pending);
      consumed += line.length;
      lineNumber++;
      const task = parseTask(line, lineNumber, stats);
      if (task) yield { line: lineNumber, task, bytesRead: consumed };
    }
  } finally {
    stream.destroy();
  }
}

export async function newReadStats(file: string): Promise<ReadStats> {
  return { unreadable: 0, unreadableLines: [], totalBytes: (await stat(file)).size };
}

function parseTask(line: Buffer, lineNumber: number, stats: ReadStats): Task | undefined {
  const text = line.toString('utf8').trim();
  if (text === '') return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as Task).task_id === 'string') {
      return value as Task;
    }
  } catch {
    // Counted below, like a line that parses to something other than a task.
  }
  stats.unreadable++;
  if (stats.unreadableLines.length < KEPT_LINE_NUMBERS) stats.unreadableLines.push(lineNumber);
  return undefined;
}
