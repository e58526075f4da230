/**
 * Streams a JSONL file line by line without ever holding the whole file: chunks from
 * `fs.createReadStream` are split on `\n` as Buffers, so byte offsets are exact (the explorer reads
 * a row back by offset) and a line is decoded only once, for JSON.parse.
 */
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { CancelledError } from '../http/errors';

export interface LinePlace {
  /** Byte offset of the line's first byte in the file. */
  readonly offset: number;
  /** Bytes in the line, without its `\n`. */
  readonly length: number;
  /** 1-based, counting blank lines too (what an editor shows). */
  readonly lineNumber: number;
}

export type UnreadableReason = 'not_utf8' | 'not_json' | 'not_object';

export interface ReadLinesOptions {
  /** Called after each chunk with bytes read so far and the file's size. */
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
  readonly signal?: AbortSignal;
  /** Read size; 1 MiB keeps syscalls rare without a noticeable memory cost. */
  readonly chunkBytes?: number;
}

/**
 * A per-line callback may return a promise (e.g. to wait for stdout to drain); the reader then
 * waits before the next line, which gives the caller backpressure at no cost to the sync path.
 */
export type LineVisitor = (line: Buffer, place: LinePlace) => void | Promise<void>;

const NEWLINE = 0x0a;

/** Visits every non-blank line in file order. Resolves with the file's size in bytes. */
export async function forEachLine(path: string, visit: LineVisitor, options: ReadLinesOptions = {}): Promise<number> {
  const { size } = await stat(path);
  const signal = options.signal;
  throwIfAborted(signal);
  const stream = createReadStream(path, { highWaterMark: options.chunkBytes ?? 1 << 20 });
  let carry: Buffer[] = []; // Pieces of a line that started in an earlier chunk.
  let carryStart = 0;
  let chunkStart = 0;
  let lineNumber = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      throwIfAborted(signal);
      let position = 0;
      let newline = chunk.indexOf(NEWLINE, 0);
      if (carry.length > 0 && newline >= 0) {
        carry.push(chunk.subarray(0, newline));
        const line = Buffer.concat(carry);
        carry = [];
        lineNumber++;
        if (!isBlank(line, 0, line.length)) {
          const pending = visit(line, { offset: carryStart, length: line.length, lineNumber });
          if (pending) await pending;
        }
        position = newline + 1;
        newline = chunk.indexOf(NEWLINE, position);
      }
      while (newline >= 0) {
        lineNumber++;
        if (!isBlank(chunk, position, newline)) {
          const pending = visit(chunk.subarray(position, newline), {
            offset: chunkStart + position,
            length: newline - position,
            lineNumber,
          });
          if (pending) await pending;
        }
        position = newline + 1;
        newline = chunk.indexOf(NEWLINE, position);
      }
      if (position < chunk.length) {
        if (carry.length === 0) carryStart = chunkStart + position;
        // Copy: the stream may reuse its buffers, and the piece must outlive this chunk.
        carry.push(Buffer.from(chunk.subarray(position)));
      }
      chunkStart += chunk.length;
      options.onProgress?.(chunkStart, size);
    }
    if (carry.length > 0) {
      // The last line has no `\n`.
      const line = Buffer.concat(carry);
      lineNumber++;
      if (!isBlank(line, 0, line.length)) {
        const pending = visit(line, { offset: carryStart, length: line.length, lineNumber });
        if (pending) await pending;
      }
    }
  } finally {
    stream.destroy();
  }
  return chunkStart;
}

export interface JsonLineVisitor {
  /** A line that holds a JSON object. */
  readonly object: (value: Record<string, unknown>, line: Buffer, place: LinePlace) => void | Promise<void>;
  readonly unreadable?: (place: LinePlace, reason: UnreadableReason) => void;
}

/** Like `forEachLine`, but parses each line; lines that are not UTF-8 JSON objects go to `unreadable`. */
export function forEachJsonObject(path: string, visitor: JsonLineVisitor, options: ReadLinesOptions = {}): Promise<number> {
  return forEachLine(
    path,
    (line, place) => {
      const parsed = parseObjectLine(line);
      if (typeof parsed === 'string') {
        visitor.unreadable?.(place, parsed);
        return undefined;
      }
      return visitor.object(parsed, line, place);
    },
    options,
  );
}

/** The object a line holds, or why it holds none. */
export function parseObjectLine(line: Buffer): Record<string, unknown> | UnreadableReason {
  // Files saved by some Windows tools start with a UTF-8 byte order mark, which JSON.parse rejects.
  if (line[0] === 0xef && line[1] === 0xbb && line[2] === 0xbf) line = line.subarray(3);
  // Cheap pre-check: an object line starts with `{` after optional whitespace; anything else is
  // not an object even if it is valid JSON, so most junk is rejected without decoding.
  let first = 0;
  while (first < line.length && isSpace(line[first] as number)) first++;
  if (!isUtf8(line)) return 'not_utf8';
  if (line[first] !== 0x7b) return looksLikeJson(line) ? 'not_object' : 'not_json';
  try {
    const value: unknown = JSON.parse(line.toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    return 'not_object';
  } catch {
    return 'not_json';
  }
}

function looksLikeJson(line: Buffer): boolean {
  try {
    JSON.parse(line.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0d || byte === 0x0a;
}

function isBlank(buffer: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isSpace(buffer[i] as number)) return false;
  return true;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError('Reading the task file was cancelled.');
}
