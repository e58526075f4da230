/**
 * Messages between the delivery explorer's host (src/vscode/explorer) and its page
 * (src/webview/explorer). The host holds the index and does every filter and sort; the page asks
 * for the window of rows it shows and gets only those. Both sides validate what they receive.
 */
import { isRec, isStringsMessage, validatorFor, type StringsMessage } from './protocol';

export type CellKind = 'text' | 'number' | 'status' | 'chip' | 'yes' | 'no' | 'rank' | 'muted';

export interface ExplorerCell {
  text: string;
  kind?: CellKind;
}

export interface ExplorerColumn {
  id: string;
  label: string;
  type: string;
  numeric: boolean;
}

export interface ExplorerKeyFacet {
  key: string;
  type: string;
  min?: number;
  max?: number;
  values?: string[];
}

export interface ExplorerFacets {
  statuses: { status: string; tasks: number }[];
  keys: ExplorerKeyFacet[];
}

export interface ExplorerQuery {
  conditions: string[];
  statuses: string[];
  search: string;
}

export interface ExplorerSort {
  column: string;
  descending: boolean;
}

export interface ExplorerRow {
  row: number;
  line: number;
  cells: ExplorerCell[];
}

export type HostToExplorer =
  | { type: 'indexing'; fileName: string; bytesRead: number; totalBytes: number }
  | { type: 'failed'; message: string; canRetry: boolean }
  | {
      type: 'table';
      fileName: string;
      columns: ExplorerColumn[];
      visible: string[];
      facets: ExplorerFacets;
      unreadable: number;
    }
  | {
      /** A new set: the page drops the rows it has and asks again. */
      type: 'set';
      version: number;
      count: number;
      total: number;
      query: ExplorerQuery;
      sort: ExplorerSort | null;
      visible: string[];
      warnings: string[];
      /** Set when a condition does not parse (the previous set stays). */
      error: string | null;
      busy: boolean;
      ms: number;
    }
  | { type: 'rows'; version: number; start: number; rows: ExplorerRow[] }
  /** The task view moved (Next / Previous): the table follows with its selection. */
  | { type: 'select'; position: number }
  | StringsMessage;

export const EXPLORER_COMMANDS = ['save', 'report', 'export', 'reindex', 'openJson'] as const;
export type ExplorerCommand = (typeof EXPLORER_COMMANDS)[number];

export type ExplorerToHost =
  | { type: 'ready' }
  | { type: 'query'; query: ExplorerQuery }
  | { type: 'sort'; sort: ExplorerSort | null }
  | { type: 'columns'; visible: string[] }
  | { type: 'rows'; version: number; start: number; count: number }
  | { type: 'open'; position: number; pin: boolean }
  | { type: 'command'; name: ExplorerCommand; position?: number };

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

export function isExplorerQuery(v: unknown): v is ExplorerQuery {
  return isRec(v) && isStringArray(v.conditions) && isStringArray(v.statuses) && typeof v.search === 'string';
}

function isSort(v: unknown): v is ExplorerSort | null {
  return v === null || (isRec(v) && typeof v.column === 'string' && typeof v.descending === 'boolean');
}

function isCell(v: unknown): v is ExplorerCell {
  return isRec(v) && typeof v.text === 'string' && (v.kind === undefined || typeof v.kind === 'string');
}

function isRow(v: unknown): v is ExplorerRow {
  return isRec(v) && isCount(v.row) && isCount(v.line) && Array.isArray(v.cells) && v.cells.every(isCell);
}

function isColumn(v: unknown): v is ExplorerColumn {
  return (
    isRec(v) && typeof v.id === 'string' && typeof v.label === 'string' && typeof v.type === 'string' && typeof v.numeric === 'boolean'
  );
}

function isFacets(v: unknown): v is ExplorerFacets {
  return (
    isRec(v) &&
    Array.isArray(v.statuses) &&
    v.statuses.every((s) => isRec(s) && typeof s.status === 'string' && isCount(s.tasks)) &&
    Array.isArray(v.keys) &&
    v.keys.every(
      (k) =>
        isRec(k) &&
        typeof k.key === 'string' &&
        typeof k.type === 'string' &&
        (k.values === undefined || isStringArray(k.values)) &&
        (k.min === undefined || typeof k.min === 'number') &&
        (k.max === undefined || typeof k.max === 'number'),
    )
  );
}

export const isHostToExplorer = validatorFor<HostToExplorer>({
  indexing: (m) => typeof m.fileName === 'string' && isCount(m.bytesRead) && isCount(m.totalBytes),
  failed: (m) => typeof m.message === 'string' && typeof m.canRetry === 'boolean',
  table: (m) =>
    typeof m.fileName === 'string' &&
    Array.isArray(m.columns) &&
    m.columns.every(isColumn) &&
    isStringArray(m.visible) &&
    isFacets(m.facets) &&
    isCount(m.unreadable),
  set: (m) =>
    isCount(m.version) &&
    isCount(m.count) &&
    isCount(m.total) &&
    isExplorerQuery(m.query) &&
    isSort(m.sort) &&
    isStringArray(m.visible) &&
    isStringArray(m.warnings) &&
    (m.error === null || typeof m.error === 'string') &&
    typeof m.busy === 'boolean' &&
    typeof m.ms === 'number',
  rows: (m) => isCount(m.version) && isCount(m.start) && Array.isArray(m.rows) && m.rows.every(isRow),
  select: (m) => isCount(m.position),
  strings: isStringsMessage,
});

export function isExplorerCommand(v: unknown): v is ExplorerCommand {
  return typeof v === 'string' && (EXPLORER_COMMANDS as readonly string[]).includes(v);
}

export const isExplorerToHost = validatorFor<ExplorerToHost>({
  ready: () => true,
  query: (m) => isExplorerQuery(m.query),
  sort: (m) => isSort(m.sort),
  columns: (m) => isStringArray(m.visible),
  rows: (m) => isCount(m.version) && isCount(m.start) && isCount(m.count) && m.count <= 1000,
  open: (m) => isCount(m.position) && typeof m.pin === 'boolean',
  command: (m) => isExplorerCommand(m.name) && (m.position === undefined || isCount(m.position)),
});
