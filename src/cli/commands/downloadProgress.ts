/**
 * Download progress on stderr: a single `\r`-redrawn bar on a terminal, plain periodic lines when
 * stderr is a file or pipe (CI logs, `2> log`), where carriage returns would turn into noise.
 */
import type { Writable } from 'node:stream';
import type { DownloadProgress } from '../../core/download';

/** stderr as Node types it when it is a terminal. */
type MaybeTty = Writable & { readonly isTTY?: boolean; readonly columns?: number };

export interface ProgressDisplayOptions {
  /** Minimum time between redraws of the bar. */
  readonly ttyIntervalMs?: number;
  /** Minimum time between plain lines. */
  readonly lineIntervalMs?: number;
  readonly now?: () => number;
}

const BAR_WIDTH = 24;

export class ProgressDisplay {
  private readonly tty: boolean;
  private readonly now: () => number;
  private lastDraw = Number.NEGATIVE_INFINITY;
  private drawn = false;
  private last: DownloadProgress | undefined;

  constructor(
    private readonly stream: MaybeTty,
    private readonly label: string,
    private readonly options: ProgressDisplayOptions = {},
  ) {
    this.tty = stream.isTTY === true;
    this.now = options.now ?? Date.now;
  }

  update(progress: DownloadProgress): void {
    const first = this.last === undefined;
    this.last = progress;
    const interval = this.tty ? (this.options.ttyIntervalMs ?? 100) : (this.options.lineIntervalMs ?? 2_000);
    const finished = progress.total !== null && progress.written >= progress.total;
    if (!first && !finished && this.now() - this.lastDraw < interval) return;
    this.lastDraw = this.now();
    if (this.tty) {
      this.stream.write(`\r${this.fit(this.bar(progress))}\x1b[K`);
      this.drawn = true;
    } else {
      this.stream.write(`${this.label}: ${counts(progress)}\n`);
    }
  }

  /** Ends the bar's line, so whatever is printed next starts on a fresh one. */
  finish(): void {
    if (this.tty && this.drawn) this.stream.write('\n');
    this.drawn = false;
  }

  private bar(progress: DownloadProgress): string {
    if (progress.total === null || progress.total <= 0) return `${this.label} ${counts(progress)}`;
    const ratio = Math.min(1, progress.written / progress.total);
    const filled = Math.round(ratio * BAR_WIDTH);
    return `${this.label} [${'='.repeat(filled)}${' '.repeat(BAR_WIDTH - filled)}] ${counts(progress)}`;
  }

  /** A line longer than the terminal wraps, and `\r` then redraws only its last part. */
  private fit(line: string): string {
    const columns = this.stream.columns ?? 80;
    return line.length < columns ? line : `${line.slice(0, Math.max(0, columns - 2))}…`;
  }
}

function counts(progress: DownloadProgress): string {
  const written = progress.written.toLocaleString('en-US');
  const parts = [progress.total === null ? `${written} tasks` : `${written}/${progress.total.toLocaleString('en-US')} tasks`];
  if (progress.total !== null && progress.total > 0) parts.push(`${Math.floor((100 * progress.written) / progress.total)}%`);
  parts.push(`${Math.round(progress.tasksPerSecond).toLocaleString('en-US')} tasks/s`);
  if (progress.resumedFrom > 0) parts.push(`resumed at ${progress.resumedFrom.toLocaleString('en-US')}`);
  return parts.join(', ');
}
