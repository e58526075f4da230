/**
 * JSON to stdout. Lists are JSON Lines (one compact object per line) written as pages arrive, with
 * backpressure, so `task-lens tasks … | head` and multi-gigabyte outputs both behave. With
 * `--format table` (the default when stdout is a terminal) lists are aligned columns instead
 * (table.ts); single documents stay JSON.
 */
import type { Writable } from 'node:stream';
import { escapeJsonText } from '../shared/displayText';
import { columnsOf, SAMPLE_ROWS, TableWriter, type Column, type TableSettings } from './table';
import { NO_PAINT } from './color';

export type OutputFormat = 'json' | 'table';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['json', 'table'];

export class JsonOutput {
  private table: TableSettings | undefined;

  constructor(private readonly stream: Writable) {}

  /** Lists from now on as a table (`settings`) or as JSON Lines (`undefined`). */
  useTable(settings: TableSettings | undefined): void {
    this.table = settings;
  }

  /** One pretty-printed document. */
  async document(value: unknown): Promise<void> {
    await this.write(`${escapeJsonText(JSON.stringify(value, null, 2))}\n`);
  }

  /** One compact line (NDJSON), e.g. an event as it happens. */
  async line(value: unknown): Promise<void> {
    await this.write(`${escapeJsonText(JSON.stringify(value))}\n`);
  }

  /**
   * One compact line per item (or one table row, with `columns` or columns read off the first
   * item); stops after `max` items. Returns how many were written.
   */
  async lines<T>(items: AsyncIterable<T> | Iterable<T>, max = Number.POSITIVE_INFINITY, columns?: readonly Column<T>[]): Promise<number> {
    if (max <= 0) return 0;
    if (this.table) return this.tableRows(items, max, columns, this.table);
    let written = 0;
    for await (const item of items) {
      // Server text often reaches a terminal: C1, bidi and zero-width characters go out escaped.
      await this.write(`${escapeJsonText(JSON.stringify(item))}\n`);
      if (++written >= max) break; // Leaving the loop closes the iterator: no further pages fetched.
    }
    return written;
  }

  private async tableRows<T>(
    items: AsyncIterable<T> | Iterable<T>,
    max: number,
    columns: readonly Column<T>[] | undefined,
    settings: TableSettings,
  ): Promise<number> {
    const sample: T[] = [];
    let writer: TableWriter<T> | undefined;
    let written = 0;
    const begin = async (): Promise<void> => {
      writer = new TableWriter(columns ?? (columnsOf(sample[0]) as Column<T>[]), settings);
      await this.write(writer.start(sample));
    };
    try {
      for await (const item of items) {
        written++;
        if (writer) await this.write(`${writer.row(item)}\n`);
        else {
          sample.push(item);
          if (sample.length >= SAMPLE_ROWS || written >= max) await begin();
        }
        if (written >= max) break;
      }
    } finally {
      // Rows already received are shown even when a later page fails.
      if (!writer && sample.length > 0) await begin();
    }
    // An empty list still says so on a terminal (JSON Lines stay empty: no line is no item).
    if (written === 0) {
      const header = columns ? new TableWriter(columns, settings).start([]) : '';
      await this.write(`${header}${(settings.paint ?? NO_PAINT)('(none)', 'dim')}\n`);
    }
    return written;
  }

  private write(text: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      this.stream.once('error', onError);
      const flushed = this.stream.write(text, (error) => {
        if (error) reject(error);
      });
      const done = (): void => {
        this.stream.off('error', onError);
        resolve();
      };
      if (flushed) done();
      else this.stream.once('drain', done);
    });
  }
}
