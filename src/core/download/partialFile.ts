/**
 * The `.partial` file a download appends to: one JSON document per line, each page written in one
 * go and fsynced before its checkpoint is recorded, so the manifest never claims bytes the disk
 * might not have. It keeps a running SHA-256 and line count of what it holds, so a checkpoint can
 * record a proof of the prefix and the finished file needs no second read.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { createFresh, openExisting } from './safeOpen';

/** What the first `bytes` bytes of a partial file are, measured on disk. */
export interface PrefixProof {
  readonly bytes: number;
  readonly lines: number;
  readonly sha256: string;
  /** Whether the prefix is empty or ends with a newline (a torn last line does not). */
  readonly endsWithNewline: boolean;
}

/** Called with every complete line of the verified prefix (without its newline), in order. */
export type LineVisitor = (line: Buffer, index: number) => void;

const READ_CHUNK = 1 << 20;
const NEWLINE = 0x0a;

export class PartialFile {
  private constructor(
    private readonly handle: FileHandle,
    private position: number,
    private lineCount: number,
    private readonly hash: Hash,
  ) {}

  /** A new, empty partial file (an existing one is replaced, never written through). */
  static async create(file: string): Promise<PartialFile> {
    return new PartialFile(await createFresh(file), 0, 0, createHash('sha256'));
  }

  /**
   * Reopens a partial file at its checkpoint, measuring the first `checkpointBytes` bytes (hash,
   * lines, last byte) and cutting off whatever was written after them (a page that was being
   * written when the process stopped, possibly a torn half line). The caller compares the proof
   * with the manifest and discards the file if they differ.
   * @returns null when the file is missing or shorter than the checkpoint (it cannot be resumed).
   */
  static async resume(
    file: string,
    checkpointBytes: number,
    visit?: LineVisitor,
  ): Promise<{ file: PartialFile; proof: PrefixProof } | null> {
    const handle = await openExisting(file);
    if (!handle) return null;
    try {
      const { size } = await handle.stat();
      if (size < checkpointBytes) {
        await handle.close();
        return null;
      }
      const hash = createHash('sha256');
      const { lines, lastByte } = await readPrefix(handle, checkpointBytes, hash, visit);
      const proof: PrefixProof = {
        bytes: checkpointBytes,
        lines,
        sha256: hash.copy().digest('hex'),
        endsWithNewline: checkpointBytes === 0 || lastByte === NEWLINE,
      };
      if (size > checkpointBytes) {
        await handle.truncate(checkpointBytes);
        await handle.sync();
      }
      return { file: new PartialFile(handle, checkpointBytes, lines, hash), proof };
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
  }

  /** Bytes in the file so far. */
  get size(): number {
    return this.position;
  }

  /** Lines in the file so far. */
  get lines(): number {
    return this.lineCount;
  }

  /** SHA-256 (hex) of everything in the file so far. */
  digest(): string {
    return this.hash.copy().digest('hex');
  }

  /**
   * Appends complete lines given as buffers (together ending with a newline). Not yet durable:
   * `sync()` before recording a checkpoint that counts them.
   */
  async appendRaw(chunks: readonly Buffer[], lines: number): Promise<number> {
    let total = 0;
    for (const chunk of chunks) total += chunk.length;
    if (total === 0) return 0;
    // One vectored write, no copy; should it come back short, the rest goes in plain writes.
    let written = (await this.handle.writev(chunks as Buffer[], this.position)).bytesWritten;
    if (written < total) {
      const rest = Buffer.concat(chunks as Buffer[], total).subarray(written);
      for (let offset = 0; offset < rest.length;) {
        const { bytesWritten } = await this.handle.write(rest, offset, rest.length - offset, this.position + written + offset);
        offset += bytesWritten;
      }
      written = total;
    }
    for (const chunk of chunks) this.hash.update(chunk);
    this.position += total;
    this.lineCount += lines;
    return total;
  }

  /** Flushes everything appended so far to disk. */
  async sync(): Promise<void> {
    await this.handle.sync();
  }

  /** Reads up to `length` bytes from `start` (for verifying a restarted listing against the file). */
  async read(start: number, length: number): Promise<Buffer> {
    const buffer = Buffer.alloc(length);
    let got = 0;
    while (got < length) {
      const { bytesRead } = await this.handle.read(buffer, got, length - got, start + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return buffer.subarray(0, got);
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

async function readPrefix(
  handle: FileHandle,
  bytes: number,
  hash: Hash,
  visit: LineVisitor | undefined,
): Promise<{ lines: number; lastByte: number | undefined }> {
  let lines = 0;
  let lastByte: number | undefined;
  let carry: Buffer[] = [];
  const buffer = Buffer.alloc(Math.min(READ_CHUNK, Math.max(1, bytes)));
  for (let position = 0; position < bytes;) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, bytes - position), position);
    if (bytesRead === 0) break;
    const chunk = buffer.subarray(0, bytesRead);
    hash.update(chunk);
    lastByte = chunk[bytesRead - 1];
    let from = 0;
    for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, at + 1)) {
      if (visit) {
        const piece = chunk.subarray(from, at);
        visit(carry.length > 0 ? Buffer.concat([...carry, piece]) : Buffer.from(piece), lines);
        carry = [];
      }
      lines++;
      from = at + 1;
    }
    if (visit && from < bytesRead) carry.push(Buffer.from(chunk.subarray(from)));
    position += bytesRead;
  }
  return { lines, lastByte };
}

/** sha256 (hex) and size of a file, streamed so a large download is never held in memory. */
export async function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file)) {
    const bytes = chunk as Buffer;
    hash.update(bytes);
    size += bytes.length;
  }
  return { sha256: hash.digest('hex'), size };
}
