/**
 * The `.partial` file a download appends to: one JSON document per line, each page written in one
 * go and fsynced before its checkpoint is recorded, so the manifest never claims bytes the disk
 * might not have.
 */
import { createHash } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/** Refuse to write through a symlink planted at the partial path (Linux, macOS; no flag on Windows). */
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

export class PartialFile {
  private constructor(
    private readonly handle: FileHandle,
    private position: number,
  ) {}

  /** A new, empty partial file (an existing one is truncated). */
  static async create(file: string): Promise<PartialFile> {
    const handle = await open(file, constants.O_RDWR | constants.O_CREAT | constants.O_TRUNC | NO_FOLLOW, 0o644);
    return new PartialFile(handle, 0);
  }

  /**
   * Reopens a partial file at its checkpoint, cutting off whatever was written after it (a page
   * that was being written when the process stopped, possibly a torn half line).
   * @returns null when the file is missing or shorter than the checkpoint (it cannot be resumed).
   */
  static async resume(file: string, checkpointBytes: number): Promise<PartialFile | null> {
    let handle: FileHandle;
    try {
      handle = await open(file, constants.O_RDWR | NO_FOLLOW);
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return null;
      throw error;
    }
    try {
      const { size } = await handle.stat();
      if (size < checkpointBytes) {
        await handle.close();
        return null;
      }
      if (size > checkpointBytes) {
        await handle.truncate(checkpointBytes);
        await handle.sync();
      }
      return new PartialFile(handle, checkpointBytes);
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
  }

  /** Bytes in the file so far. */
  get size(): number {
    return this.position;
  }

  /**
   * Appends one line per task (`JSON.stringify` of the object as received: same keys, same order)
   * and flushes it to disk. @returns the bytes written.
   */
  async appendLines(items: readonly unknown[]): Promise<number> {
    if (items.length === 0) return 0;
    const text = items.map((item) => `${JSON.stringify(item) ?? 'null'}\n`).join('');
    const buffer = Buffer.from(text, 'utf8');
    let offset = 0;
    while (offset < buffer.length) {
      // File writes may be partial in principle; keep going until the page is all there.
      const { bytesWritten } = await this.handle.write(buffer, offset, buffer.length - offset, this.position + offset);
      offset += bytesWritten;
    }
    await this.handle.sync();
    this.position += buffer.length;
    return buffer.length;
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
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
