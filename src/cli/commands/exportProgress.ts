/** Export progress on stderr: a `\r`-redrawn line on a terminal, a plain line every few seconds otherwise. */
import type { Writable } from 'node:stream';
import type { ExportProgress } from '../../core/export';

type MaybeTty = Writable & { readonly isTTY?: boolean; readonly columns?: number };

export class ExportProgressDisplay {
  private readonly tty: boolean;
  private lastDraw = Number.NEGATIVE_INFINITY;
  private drawn = false;

  constructor(
    private readonly stream: MaybeTty,
    private readonly label: string,
    private readonly now: () => number = Date.now,
  ) {
    this.tty = stream.isTTY === true;
  }

  update(progress: ExportProgress): void {
    const interval = this.tty ? 100 : 2_000;
    if (this.now() - this.lastDraw < interval) return;
    this.lastDraw = this.now();
    const percent = progress.totalBytes > 0 ? Math.floor((100 * progress.bytesRead) / progress.totalBytes) : 100;
    const text = `${this.label}: ${percent}%, ${progress.tasks.toLocaleString('en-US')} tasks read, ${progress.written.toLocaleString('en-US')} written`;
    if (this.tty) {
      const columns = this.stream.columns ?? 80;
      this.stream.write(`\r${text.length < columns ? text : `${text.slice(0, columns - 2)}…`}\x1b[K`);
      this.drawn = true;
    } else {
      this.stream.write(`${text}\n`);
    }
  }

  finish(): void {
    if (this.tty && this.drawn) this.stream.write('\n');
    this.drawn = false;
  }
}
