/**
 * The explorer's table over an index, without any editor code: which columns a file has, the set a
 * query selects (filter, then order), and the cells of a window of that set. Filtering walks the
 * compact index (matcher.ts); ordering sorts every row of the file once per column and direction
 * and keeps that order, so a later sort of any filtered set is one pass over it (a filter or sort
 * over 100,000 rows stays well inside the 200 ms the explorer promises, see `npm run bench`).
 */
import * as l10n from '@vscode/l10n';
import { parseCondition, type Condition, type TaskQuery } from './conditions';
import { filterRows } from './matcher';
import { FIXED_COLUMNS, sortRows, type ColumnId, type FixedColumn } from './rowColumns';
import { cellOf, type TableCell } from './tableCells';
import type { TaskIndex } from './taskIndex';

export type { TableCell } from './tableCells';

/** A column as the page lists it: `id` is the fixed column's name or `a:` + the annotation key. */
export interface TableColumn {
  readonly id: string;
  readonly label: string;
  /** The annotation's type for annotation columns; '' for fixed ones. */
  readonly type: string;
  /** Numbers sort and align as numbers. */
  readonly numeric: boolean;
}

export interface TableSort {
  readonly column: string;
  readonly descending: boolean;
}

/** The query as the explorer keeps it: conditions as text (what the user typed). */
export interface TableQuery {
  readonly conditions: readonly string[];
  readonly statuses: readonly string[];
  readonly search: string;
}

export const EMPTY_QUERY: TableQuery = { conditions: [], statuses: [], search: '' };

export interface TableRow {
  /** The index row. */
  readonly row: number;
  /** 1-based line in the file. */
  readonly line: number;
  readonly cells: readonly TableCell[];
}

/** The fixed columns' headers, through @vscode/l10n when asked (a bundle may load after this module). */
function fixedLabel(id: FixedColumn): string {
  switch (id) {
    case 'taskId':
      return l10n.t('Task ID');
    case 'status':
      return l10n.t('Status');
    case 'batch':
      return l10n.t('Batch');
    case 'completedAt':
      return l10n.t('Completed');
    case 'turns':
      return l10n.t('Turns');
    case 'messages':
      return l10n.t('Messages');
    case 'candidates':
      return l10n.t('Candidates');
    case 'preferred':
      return l10n.t('Preferred');
  }
}

const NUMERIC_TYPES = new Set(['integer', 'rubric_rating']);
const ANNOTATION_PREFIX = 'a:';

/** Every column of the file: the fixed ones, then one per annotation key (first-seen order). */
export function tableColumns(index: TaskIndex): TableColumn[] {
  const fixed = FIXED_COLUMNS.map((id) => ({ id, label: fixedLabel(id), type: '', numeric: id === 'turns' || id === 'messages' }));
  const annotations = index
    .annotationKeys()
    .map((k) => ({ id: ANNOTATION_PREFIX + k.key, label: k.key, type: k.type, numeric: NUMERIC_TYPES.has(k.type) }));
  return [...fixed, ...annotations];
}

/** The column id the page uses → the id rowColumns.ts sorts by; undefined for an unknown id. */
export function columnIdOf(id: string): ColumnId | undefined {
  if (id.startsWith(ANNOTATION_PREFIX)) return { annotation: id.slice(ANNOTATION_PREFIX.length) };
  return (FIXED_COLUMNS as readonly string[]).includes(id) ? (id as FixedColumn) : undefined;
}

/** Parses the query's condition texts; throws ConditionSyntaxError for the first that does not parse. */
export function parseConditions(texts: readonly string[]): Condition[] {
  return texts.map((text) => parseCondition(text));
}

export interface TableSet {
  /** Index rows, in the order the table shows them. */
  readonly rows: Uint32Array;
  /** Conditions whose key no annotation has (they match nothing). */
  readonly warnings: readonly string[];
  /** Time to filter and order, in ms. */
  readonly ms: number;
}

/** One file's table: the set a query selects, in the order asked for, and windows of its cells. */
export class TableModel {
  /** Every row of the file, ordered by a column (key: `id|asc` or `id|desc`). */
  private readonly orders = new Map<string, Uint32Array>();

  constructor(readonly index: TaskIndex) {}

  /**
   * The rows that satisfy the query (conditions already parsed), ordered by `sort` (file order
   * without). `searchHits` holds 1 for each row whose messages hold the search text (search.ts).
   */
  select(where: readonly Condition[], query: Omit<TaskQuery, 'where'>, sort: TableSort | null, searchHits?: Uint8Array): TableSet {
    const started = performance.now();
    const full: TaskQuery = { where, ...query };
    const filtered = filterRows(this.index, full, searchHits ? { searchHit: (row) => searchHits[row] === 1 } : {});
    const rows = sort ? this.order(filtered.rows, sort) : filtered.rows;
    return { rows, warnings: filtered.warnings, ms: performance.now() - started };
  }

  /** `rows` (a subset of the file's rows) in the order of `sort`; ties keep file order. */
  order(rows: Uint32Array, sort: TableSort): Uint32Array {
    const all = this.fullOrder(sort);
    if (!all) return rows;
    if (rows.length === this.index.size) return all;
    const member = new Uint8Array(this.index.size);
    for (const row of rows) member[row] = 1;
    const out = new Uint32Array(rows.length);
    let n = 0;
    for (const row of all) if (member[row] === 1) out[n++] = row;
    return out;
  }

  /** The cells of `rows[start .. start + count)` for the given columns. */
  window(rows: Uint32Array, start: number, count: number, columns: readonly string[]): TableRow[] {
    const ids = columns.map(columnIdOf);
    const end = Math.min(rows.length, Math.max(0, start) + Math.max(0, count));
    const out: TableRow[] = [];
    for (let i = Math.max(0, start); i < end; i++) {
      const row = rows[i] as number;
      out.push({
        row,
        line: this.index.tasks.line.get(row),
        cells: ids.map((id) => (id === undefined ? { text: '' } : cellOf(this.index, row, id))),
      });
    }
    return out;
  }

  private fullOrder(sort: TableSort): Uint32Array | undefined {
    const column = columnIdOf(sort.column);
    if (column === undefined) return undefined;
    const key = `${sort.column}|${sort.descending ? 'desc' : 'asc'}`;
    let order = this.orders.get(key);
    if (!order) {
      const all = Uint32Array.from({ length: this.index.size }, (_, i) => i);
      order = sortRows(this.index, all, column, sort.descending);
      this.orders.set(key, order);
    }
    return order;
  }
}
