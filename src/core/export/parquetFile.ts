/**
 * One Parquet file written row by row with flat memory, over hyparquet-writer (pure JS, ~50 KB
 * bundled). Rows are buffered into column arrays until a row group is full (by rows or by an
 * estimate of its text), then encoded and appended to the file; only one row group is ever held.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { ByteWriter, ParquetWriter, type SchemaElement, type Writer } from 'hyparquet-writer';

export type ColumnKind = 'string' | 'int32' | 'double' | 'timestamp';

/** A flat column, or a nested one given as its schema elements (the first names the column). */
export type ColumnSpec =
  | { readonly name: string; readonly kind: ColumnKind }
  | { readonly name: string; readonly kind: 'nested'; readonly schema: readonly SchemaElement[] };

export interface RowGroupLimits {
  /** Rows per row group at most. */
  readonly rows: number;
  /** Estimated bytes (string lengths, 8 per other value) per row group at most. */
  readonly bytes: number;
}

/**
 * Bounded by an estimate of the text held, not the input's size: the writer encodes a whole row
 * group in memory (plain and dictionary attempts), so peak memory follows this. At 4 MB, 100,000
 * generated tasks measured 238 MB peak RSS over all three tables (24 MB: 500 MB) in ~12 s, with
 * row groups of ~1,600 tasks, ~14,000 messages, ~28,000 annotations.
 */
export const DEFAULT_ROW_GROUP: RowGroupLimits = { rows: 100_000, bytes: 4 * 1024 * 1024 };

export function schemaOf(columns: readonly ColumnSpec[]): SchemaElement[] {
  const schema: SchemaElement[] = [{ name: 'schema', num_children: columns.length }];
  for (const column of columns) {
    if (column.kind === 'nested') schema.push(...column.schema);
    else schema.push(flatElement(column.name, column.kind));
  }
  return schema;
}

export function flatElement(name: string, kind: ColumnKind): SchemaElement {
  switch (kind) {
    case 'string':
      return { name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' };
    case 'int32':
      return { name, type: 'INT32', repetition_type: 'OPTIONAL' };
    case 'double':
      return { name, type: 'DOUBLE', repetition_type: 'OPTIONAL' };
    case 'timestamp':
      return {
        name,
        type: 'INT64',
        converted_type: 'TIMESTAMP_MILLIS',
        logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' },
        repetition_type: 'OPTIONAL',
      };
  }
}

/** hyparquet-writer's byte writer, emptied into the file after every row group instead of growing. */
function fileByteWriter(handle: FileHandle): Writer {
  const writer: Writer = new ByteWriter(1 << 16);
  const bytes = writer as unknown as { index: number };
  const flush = (): Promise<void> => {
    const chunk = new Uint8Array(writer.buffer, 0, bytes.index);
    bytes.index = 0;
    return writeAll(handle, chunk);
  };
  writer.flush = flush;
  writer.finish = flush;
  return writer;
}

async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}

export class ParquetFileWriter {
  private columns: unknown[][];
  private estimate = 0;
  private rowsInFile = 0;

  private constructor(
    private readonly handle: FileHandle,
    private readonly writer: ParquetWriter,
    private readonly specs: readonly ColumnSpec[],
    private readonly limits: RowGroupLimits,
  ) {
    this.columns = specs.map(() => []);
  }

  static async create(file: string, specs: readonly ColumnSpec[], limits: RowGroupLimits = DEFAULT_ROW_GROUP): Promise<ParquetFileWriter> {
    const handle = await open(file, 'wx');
    const writer = new ParquetWriter({ writer: fileByteWriter(handle), schema: schemaOf(specs), createdBy: 'task-lens' });
    return new ParquetFileWriter(handle, writer, specs, limits);
  }

  get rows(): number {
    return this.rowsInFile + (this.columns[0]?.length ?? 0);
  }

  /** Appends one row (values in column order); writes a row group when the buffer is full. */
  async append(row: readonly unknown[]): Promise<void> {
    for (let i = 0; i < this.specs.length; i++) {
      const value = row[i] ?? null;
      this.columns[i]!.push(value);
      this.estimate += typeof value === 'string' ? value.length : 8;
    }
    if ((this.columns[0]?.length ?? 0) >= this.limits.rows || this.estimate >= this.limits.bytes) await this.flushGroup();
  }

  /** Writes the last row group and the footer, and closes the file. */
  async close(): Promise<void> {
    try {
      await this.flushGroup();
      await this.writer.finish();
    } finally {
      await this.handle.close();
    }
  }

  /** Closes the file without finishing it (the caller removes it). */
  async abandon(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }

  private async flushGroup(): Promise<void> {
    const count = this.columns[0]?.length ?? 0;
    if (count === 0) return;
    const columnData = this.specs.map((spec, i) => ({ name: spec.name, data: this.columns[i]! }));
    this.columns = this.specs.map(() => []);
    this.estimate = 0;
    this.rowsInFile += count;
    await this.writer.write({ columnData, rowGroupSize: count });
  }
}
