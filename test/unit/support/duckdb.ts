/** DuckDB as the independent Parquet reader of the export tests (a different implementation from the writer). */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export class Duck {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  static async open(): Promise<Duck> {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run("SET TimeZone = 'UTC'");
    return new Duck(instance, connection);
  }

  /** Rows as plain JSON-able objects (BIGINT as numbers where they fit, timestamps as text). */
  async rows(sql: string): Promise<Array<Record<string, unknown>>> {
    const reader = await this.connection.runAndReadAll(sql);
    return reader.getRowObjectsJson() as Array<Record<string, unknown>>;
  }

  /** `column → DuckDB type` of a query's result. */
  async types(sql: string): Promise<Record<string, string>> {
    const rows = await this.rows(`DESCRIBE ${sql}`);
    return Object.fromEntries(rows.map((r) => [String(r.column_name), String(r.column_type)]));
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/** A path as a DuckDB string literal. */
export function lit(path: string): string {
  return `'${path.replace(/'/g, "''")}'`;
}
