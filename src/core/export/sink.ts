/**
 * Where exported tasks go. Each format is one sink: it takes tasks one at a time, writes into the
 * temporary output it was given, and counts what it wrote and skipped.
 */
import * as path from 'node:path';
import type { Task } from '../scale/types';
import { dpoRecords, type PairMode } from './dpo';
import { JsonlWriter } from './jsonlWriter';
import { sftRecords } from './sft';
import type { ExportCounts } from './summary';

export interface ExportSink {
  consume(task: Task): Promise<void>;
  /** Completes the files (footers, cards). */
  finish(): Promise<void>;
  /** Releases the files after a failure or cancel; the caller removes the temporary. */
  abandon(): Promise<void>;
  /** Output files relative to the output (for the summary); empty for a single file. */
  readonly files: () => string[];
  /** Rows per table, for formats with tables. */
  readonly rows?: () => Record<string, number>;
}

export type RecordShape = 'sft' | 'dpo';

export interface RecordOptions {
  readonly shape: RecordShape;
  readonly pairs?: PairMode | undefined;
  readonly rankingKey?: string | undefined;
}

/** The records of one task in the sft or dpo shape; counts skips into `counts`. */
export function recordsOf(task: Task, counts: ExportCounts, options: RecordOptions): object[] {
  const ranking = { rankingKey: options.rankingKey };
  return options.shape === 'sft'
    ? sftRecords(task, counts.skipped, ranking)
    : dpoRecords(task, counts.skipped, { ...ranking, pairs: options.pairs });
}

/** `sft` / `dpo`: one JSON line per record. */
export class JsonlSink implements ExportSink {
  private readonly writer: JsonlWriter;

  constructor(
    file: string,
    private readonly counts: ExportCounts,
    private readonly options: RecordOptions,
  ) {
    this.writer = new JsonlWriter(file);
  }

  async consume(task: Task): Promise<void> {
    for (const record of recordsOf(task, this.counts, this.options)) {
      await this.writer.write(record);
      this.counts.written++;
    }
  }

  finish(): Promise<void> {
    return this.writer.close();
  }

  abandon(): Promise<void> {
    this.writer.abandon();
    return Promise.resolve();
  }

  readonly files = (): string[] => [];
}

export function relativeFiles(root: string, files: readonly string[]): string[] {
  return files.map((f) => path.relative(root, f).split(path.sep).join('/'));
}
