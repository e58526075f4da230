import * as vscode from 'vscode';
import { ConditionSyntaxError, type Condition } from '../../core/taskfile/conditions';
import { localizedConditionError } from './conditionText';
import { searchTaskFile } from '../../core/taskfile/search';
import { EMPTY_QUERY, parseConditions, TableModel, tableColumns, type TableQuery, type TableSort } from '../../core/taskfile/tableView';
import type { TaskIndex } from '../../core/taskfile/taskIndex';

/** What `onDidChangeSet` tells listeners (the report cross-filter, exports, the reviewer). */
export interface ExplorerSetChange {
  readonly uri: vscode.Uri;
  readonly conditions: readonly string[];
  readonly statuses: readonly string[];
  readonly search: string;
  readonly count: number;
  readonly total: number;
  /** 1-based line numbers of the set's tasks, in the table's order. */
  readonly rows: readonly number[];
  /** Index rows of the set, in the table's order (what the report's `follow` takes). */
  readonly indexRows: Uint32Array;
  readonly index: TaskIndex;
}

export type QueryOutcome = { readonly ok: true; readonly count: number } | { readonly ok: false; readonly error: string };

/**
 * The state of one task file's explorer: its index, the query and sort the user chose, and the set
 * they select (index rows in table order). Every page and the ExplorerHost API go through this, so
 * the table, the task view's Next / Previous, the report and "Save Filtered Set" see one set.
 */
export class ExplorerModel implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerSetChange>();
  readonly onDidChange = this.changed.event;
  index: TaskIndex | undefined;
  private table: TableModel | undefined;
  query: TableQuery = EMPTY_QUERY;
  sort: TableSort | null = null;
  rows: Uint32Array = new Uint32Array(0);
  warnings: readonly string[] = [];
  version = 0;
  lastMs = 0;
  private readonly searches = new Map<string, Uint8Array>();
  /** Position of each index row in `rows` (+1; 0 = not in the set), built on first use. */
  private positions: Uint32Array | undefined;

  constructor(readonly uri: vscode.Uri) {}

  /** A new index (first open, or the file changed): the query and sort carry over. */
  async setIndex(index: TaskIndex, signal?: AbortSignal): Promise<void> {
    this.index = index;
    this.table = new TableModel(index);
    this.searches.clear();
    const outcome = await this.apply(this.query, this.sort, signal);
    if (!outcome.ok) await this.apply(EMPTY_QUERY, this.sort, signal);
  }

  get columns() {
    return this.index ? tableColumns(this.index) : [];
  }

  /**
   * Applies a query and sort. A condition that does not parse leaves the set as it was and says
   * why (the page shows it inline). `--search` needs one streaming pass; its hits are kept per text.
   */
  async apply(query: TableQuery, sort: TableSort | null, signal?: AbortSignal): Promise<QueryOutcome> {
    if (!this.index || !this.table) return { ok: false, error: vscode.l10n.t('The task file is not indexed yet.') };
    let where: Condition[];
    try {
      where = parseConditions(query.conditions);
    } catch (error) {
      if (error instanceof ConditionSyntaxError) return { ok: false, error: localizedConditionError(error) };
      throw error;
    }
    const search = query.search.trim();
    let hits: Uint8Array | undefined;
    if (search !== '') {
      const key = search.toLowerCase();
      hits = this.searches.get(key);
      if (!hits) {
        hits = await searchTaskFile(this.uri.fsPath, this.index, search, { signal });
        this.searches.set(key, hits);
      }
    }
    const set = this.table.select(where, { statuses: query.statuses, ...(search ? { search } : {}) }, sort, hits);
    this.query = { conditions: [...query.conditions], statuses: [...query.statuses], search };
    this.sort = sort;
    this.rows = set.rows;
    this.warnings = set.warnings;
    this.lastMs = set.ms;
    this.positions = undefined;
    this.version++;
    this.changed.fire(this.change());
    return { ok: true, count: set.rows.length };
  }

  /** Whether `--search` for this text needs a pass over the file (its hits are not kept yet). */
  needsSearchPass(search: string): boolean {
    const text = search.trim();
    return text !== '' && !this.searches.has(text.toLowerCase());
  }

  window(start: number, count: number, columns: readonly string[]) {
    return this.table ? this.table.window(this.rows, start, count, columns) : [];
  }

  /** The 0-based place of an index row in the set, or -1. */
  positionOf(row: number): number {
    if (!this.index) return -1;
    if (!this.positions) {
      this.positions = new Uint32Array(this.index.size);
      this.rows.forEach((r, i) => ((this.positions as Uint32Array)[r] = i + 1));
    }
    return (this.positions[row] ?? 0) - 1;
  }

  change(): ExplorerSetChange {
    const index = this.index as TaskIndex;
    const lines = index ? Array.from(this.rows, (row) => index.tasks.line.get(row)) : [];
    return {
      uri: this.uri,
      conditions: this.query.conditions,
      statuses: this.query.statuses,
      search: this.query.search,
      count: this.rows.length,
      total: index?.size ?? 0,
      rows: lines,
      indexRows: this.rows,
      index,
    };
  }

  dispose(): void {
    this.changed.dispose();
  }
}
