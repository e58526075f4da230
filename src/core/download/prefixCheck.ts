/**
 * After the server refused a page token (expired), the listing starts again from the first page.
 * The tasks already in the file must come back identical and in the same order — same id, same
 * bytes — before anything new is appended; duplicates the first pass skipped are skipped again.
 * Only a real divergence (the list changed underneath us) stops the download.
 */
import { formatNumber } from '../../shared/format';
import { DivergenceError, taskIdOf } from './guards';
import { IdSet } from './idSet';
import type { PartialFile } from './partialFile';

const READ_CHUNK = 1 << 20;

export class PrefixCheck {
  private offset = 0;
  private index = 0;
  private buffer: Buffer = Buffer.alloc(0);
  private bufferStart = 0;
  /** Ids seen in the verified part (the first pass wrote each of them once). */
  readonly seen = new IdSet();

  constructor(
    private readonly file: PartialFile,
    /** Lines and bytes of the file to verify (what the checkpoint holds). */
    private readonly lines: number,
    private readonly bytes: number,
  ) {}

  get done(): boolean {
    return this.index >= this.lines;
  }

  get verified(): number {
    return this.index;
  }

  /**
   * Checks the next task of the restarted listing against the file.
   * @returns false for a duplicate (skipped, as in the first pass), true for a verified line.
   */
  async expect(line: Buffer, id: string): Promise<boolean> {
    if (this.seen.has(id)) return false;
    const onDisk = await this.take(line.length);
    if (!onDisk.equals(line)) throw await this.divergence(onDisk, id);
    this.seen.add(id);
    this.index++;
    this.offset += line.length;
    return true;
  }

  private async take(length: number): Promise<Buffer> {
    const want = Math.min(length, this.bytes - this.offset);
    const end = this.offset + want;
    if (end > this.bufferStart + this.buffer.length) {
      const rest = this.buffer.subarray(this.offset - this.bufferStart);
      const more = await this.file.read(this.offset + rest.length, Math.max(READ_CHUNK, want - rest.length));
      this.buffer = Buffer.concat([rest, more]);
      this.bufferStart = this.offset;
    }
    return this.buffer.subarray(this.offset - this.bufferStart, this.offset - this.bufferStart + want);
  }

  private async divergence(onDisk: Buffer, id: string): Promise<DivergenceError> {
    const position = formatNumber(this.index + 1);
    let fileId: string | undefined;
    const newline = onDisk.indexOf(0x0a);
    try {
      fileId = taskIdOf(JSON.parse((newline === -1 ? onDisk : onDisk.subarray(0, newline)).toString('utf8')));
    } catch {
      // A partial line: the ids cannot be compared, the bytes already differ.
    }
    const what =
      fileId === undefined || fileId === id
        ? `task ${position} (${id}) is no longer byte-identical to the one in the file`
        : `the file has ${fileId} as task ${position} but the server now lists ${id} there`;
    return new DivergenceError(
      `The page token expired, and the list restarted from the first page no longer matches the tasks already written: ${what}. The list changed on the server while it was being downloaded, so the two parts cannot be joined`,
    );
  }
}
