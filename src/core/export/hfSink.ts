/**
 * `hf`: a Hugging Face datasets folder, `data/train-0000K-of-0000N.parquet` in the sft or dpo
 * shape plus a README.md dataset card. Shards are cut by size and named once their number is known.
 */
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { readManifest } from '../download/manifest';
import type { Task } from '../scale/types';
import { datasetCard, type CardSource } from './datasetCard';
import { hfColumns, hfRow } from './hfSchema';
import { ParquetFileWriter, type RowGroupLimits } from './parquetFile';
import { recordsOf, relativeFiles, type ExportSink, type RecordOptions } from './sink';
import type { ExportCounts } from './summary';

/** Estimated bytes of records per shard (the Hub's own conversions aim for a few hundred MB). */
const SHARD_BYTES = 256 * 1024 * 1024;
const ROW_GROUP: RowGroupLimits = { rows: 10_000, bytes: 24 * 1024 * 1024 };

export function ownsHfEntry(entry: string): boolean {
  return entry === 'README.md' || entry === 'data';
}

export interface HfSinkOptions {
  readonly source: string;
  readonly shardBytes?: number;
}

export class HfSink implements ExportSink {
  private writer: ParquetFileWriter | undefined;
  private shardFiles: string[] = [];
  private shardEstimate = 0;
  private finalFiles: string[] = [];

  private constructor(
    private readonly folder: string,
    private readonly counts: ExportCounts,
    private readonly options: RecordOptions,
    private readonly source: CardSource,
    private readonly shardBytes: number,
  ) {}

  static async create(
    folder: string,
    counts: ExportCounts,
    options: RecordOptions,
    sink: HfSinkOptions & { input?: string },
  ): Promise<HfSink> {
    await mkdir(path.join(folder, 'data'));
    const manifest = sink.input ? await readManifest(`${sink.input}.manifest.json`).catch(() => undefined) : undefined;
    const source: CardSource = { file: sink.source, download: manifest?.state === 'ok' ? manifest.manifest.source : undefined };
    return new HfSink(folder, counts, options, source, sink.shardBytes ?? SHARD_BYTES);
  }

  async consume(task: Task): Promise<void> {
    for (const record of recordsOf(task, this.counts, this.options)) {
      const writer = await this.current();
      await writer.append(hfRow(this.options.shape, record as Record<string, unknown>));
      this.shardEstimate += JSON.stringify(record).length;
      this.counts.written++;
      if (this.shardEstimate >= this.shardBytes) await this.closeShard();
    }
  }

  async finish(): Promise<void> {
    if (this.shardFiles.length === 0 || this.writer) await this.current();
    await this.closeShard();
    const n = this.shardFiles.length;
    const width = Math.max(5, String(n).length);
    const pad = (i: number): string => String(i).padStart(width, '0');
    let bytes = 0;
    for (const [i, file] of this.shardFiles.entries()) {
      const named = path.join(this.folder, 'data', `train-${pad(i)}-of-${pad(n)}.parquet`);
      await rename(file, named);
      bytes += (await stat(named)).size;
      this.finalFiles.push(named);
    }
    const card = datasetCard({ ...this.options, source: this.source, counts: this.counts, shards: n, bytes });
    await writeFile(path.join(this.folder, 'README.md'), card, { flag: 'wx' });
  }

  async abandon(): Promise<void> {
    await this.writer?.abandon();
  }

  readonly files = (): string[] => ['README.md', ...relativeFiles(this.folder, this.finalFiles)];

  private async current(): Promise<ParquetFileWriter> {
    if (!this.writer) {
      const file = path.join(this.folder, 'data', `.shard-${this.shardFiles.length}.parquet`);
      this.writer = await ParquetFileWriter.create(file, hfColumns(this.options.shape), ROW_GROUP);
      this.shardFiles.push(file);
    }
    return this.writer;
  }

  private async closeShard(): Promise<void> {
    const writer = this.writer;
    this.writer = undefined;
    this.shardEstimate = 0;
    await writer?.close();
  }
}
