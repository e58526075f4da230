/** `parquet`: a folder with tasks.parquet, messages.parquet and annotations.parquet, written in one pass. */
import * as path from 'node:path';
import type { Task } from '../scale/types';
import { ParquetFileWriter } from './parquetFile';
import { ANNOTATION_COLUMNS, MESSAGE_COLUMNS, TASK_COLUMNS, taskRows } from './parquetTables';
import type { ExportSink } from './sink';
import type { ExportCounts } from './summary';

export const PARQUET_FILES = ['tasks.parquet', 'messages.parquet', 'annotations.parquet'] as const;

/** A previous export in the folder may be replaced; anything else in it is the user's. */
export function ownsParquetEntry(entry: string): boolean {
  return (PARQUET_FILES as readonly string[]).includes(entry);
}

export class ParquetSink implements ExportSink {
  private constructor(
    private readonly tasks: ParquetFileWriter,
    private readonly messages: ParquetFileWriter,
    private readonly annotations: ParquetFileWriter,
    private readonly counts: ExportCounts,
  ) {}

  static async create(folder: string, counts: ExportCounts): Promise<ParquetSink> {
    const [tasks, messages, annotations] = await Promise.all([
      ParquetFileWriter.create(path.join(folder, 'tasks.parquet'), TASK_COLUMNS),
      ParquetFileWriter.create(path.join(folder, 'messages.parquet'), MESSAGE_COLUMNS),
      ParquetFileWriter.create(path.join(folder, 'annotations.parquet'), ANNOTATION_COLUMNS),
    ]);
    return new ParquetSink(tasks, messages, annotations, counts);
  }

  async consume(task: Task): Promise<void> {
    const rows = taskRows(task);
    await this.tasks.append(rows.task);
    for (const row of rows.messages) await this.messages.append(row);
    for (const row of rows.annotations) await this.annotations.append(row);
    this.counts.written++;
  }

  async finish(): Promise<void> {
    await this.tasks.close();
    await this.messages.close();
    await this.annotations.close();
  }

  async abandon(): Promise<void> {
    await Promise.all([this.tasks.abandon(), this.messages.abandon(), this.annotations.abandon()]);
  }

  readonly files = (): string[] => [...PARQUET_FILES];

  readonly rows = (): Record<string, number> => ({
    tasks: this.tasks.rows,
    messages: this.messages.rows,
    annotations: this.annotations.rows,
  });
}
