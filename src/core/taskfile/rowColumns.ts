/**
 * The explorer's columns over the index: what a cell shows and how a column sorts. Fixed columns
 * read the task columns; an annotation column shows the compact value(s) of the row's annotations
 * with that key (its type decides the form: a number, a category, a check, a rank).
 */
import { BOOLEAN, CANNOT_ASSESS, HAS_VALUE, LIST, NOT_APPLICABLE, TRUE } from './annotationFacts';
import type { TaskIndex } from './taskIndex';

export type FixedColumn = 'taskId' | 'status' | 'batch' | 'completedAt' | 'turns' | 'messages' | 'candidates' | 'preferred';
export type ColumnId = FixedColumn | { readonly annotation: string };

export const FIXED_COLUMNS: readonly FixedColumn[] = [
  'taskId',
  'status',
  'batch',
  'completedAt',
  'turns',
  'messages',
  'candidates',
  'preferred',
];

/** One annotation's compact value, as a cell renders it. */
export interface AnnotationCellValue {
  readonly type: string;
  /** integer value or rubric_rating score; boolean; category / text; list (choices, first rank group first). */
  readonly value: number | boolean | string | readonly string[] | readonly (readonly string[])[] | null;
  readonly notApplicable: boolean;
  readonly cannotAssess: boolean;
}

/** Every annotation of the row with the key, in walk order (thread first). */
export function annotationCell(index: TaskIndex, row: number, key: string): AnnotationCellValue[] {
  const keyId = index.strings.lookup(key);
  if (keyId === undefined) return [];
  const a = index.annotations;
  const out: AnnotationCellValue[] = [];
  const [start, end] = index.annotationRange(row);
  for (let j = start; j < end; j++) {
    if (a.key.get(j) !== keyId) continue;
    const flags = a.flags.get(j);
    const type = index.strings.get(a.type.get(j));
    out.push({
      type,
      value: compactValue(index, j, type, flags),
      notApplicable: (flags & NOT_APPLICABLE) !== 0,
      cannotAssess: (flags & CANNOT_ASSESS) !== 0,
    });
  }
  return out;
}

function compactValue(index: TaskIndex, j: number, type: string, flags: number): AnnotationCellValue['value'] {
  const a = index.annotations;
  if ((flags & HAS_VALUE) === 0) return null;
  if (flags & BOOLEAN) return (flags & TRUE) !== 0;
  if (!Number.isNaN(a.num.get(j))) return a.num.get(j);
  if (flags & LIST) {
    const start = a.listStart.get(j);
    const count = a.listCount.get(j);
    if (type === 'category_multiple') return index.listStrings(start, count);
    const groups: string[][] = [];
    for (let i = start; i < start + count; i++) (groups[index.lists.group.get(i)] ??= []).push(index.strings.get(index.lists.item.get(i)));
    return type === 'ranked_choices' ? groups.map((g) => g[0] ?? '') : groups.map((g) => g ?? []);
  }
  return a.str.get(j) === 0 ? null : index.strings.get(a.str.get(j));
}

/**
 * A sortable key for a cell: a number for counts and numeric annotations, otherwise a string
 * (the first value). Undefined for an empty cell, which sorts last either way.
 */
export function sortKey(index: TaskIndex, row: number, column: ColumnId): number | string | undefined {
  if (typeof column === 'object') {
    for (const cell of annotationCell(index, row, column.annotation)) {
      if (cell.notApplicable || cell.cannotAssess || cell.value === null) continue;
      const v = cell.value;
      if (typeof v === 'number') return v;
      if (typeof v === 'boolean') return v ? 1 : 0;
      if (typeof v === 'string') return v;
      const first = v[0];
      return Array.isArray(first) ? first.join(', ') : (first as string | undefined);
    }
    return undefined;
  }
  switch (column) {
    case 'turns':
      return index.turns(row);
    case 'messages':
      return index.messages(row);
    case 'candidates':
      return index.candidates(row).join(', ') || undefined;
    default: {
      const text = {
        taskId: index.taskId,
        status: index.status,
        batch: index.batch,
        completedAt: index.completedAt,
        preferred: index.preferred,
      }[column].call(index, row);
      return text === '' ? undefined : text;
    }
  }
}

/**
 * A column's order over every row of an index, computed once: numbers by value, then strings in
 * natural order (`Intl.Collator`, numeric), then empty cells. Sorting any filtered set afterwards
 * compares two numbers per pair instead of collating strings, which is what keeps a sort over
 * 100,000 rows within a frame budget after the first one.
 */
interface ColumnOrder {
  /** 0 number, 1 string, 2 empty (sorted last in both directions). */
  readonly kind: Uint8Array;
  /** The number itself, or the string's rank among the column's distinct strings. */
  readonly value: Float64Array;
}

const STRING = 1;
const EMPTY = 2;
const orders = new WeakMap<TaskIndex, Map<string, ColumnOrder>>();

function columnOrder(index: TaskIndex, column: ColumnId): ColumnOrder {
  const id = typeof column === 'object' ? `a:${column.annotation}` : column;
  let perIndex = orders.get(index);
  if (!perIndex) orders.set(index, (perIndex = new Map()));
  const known = perIndex.get(id);
  if (known) return known;
  const kind = new Uint8Array(index.size);
  const value = new Float64Array(index.size);
  const strings: (string | undefined)[] = new Array<string | undefined>(index.size);
  const distinct = new Set<string>();
  for (let row = 0; row < index.size; row++) {
    const key = sortKey(index, row, column);
    if (key === undefined) kind[row] = EMPTY;
    else if (typeof key === 'number') value[row] = key;
    else {
      kind[row] = STRING;
      strings[row] = key;
      distinct.add(key);
    }
  }
  const collator = new Intl.Collator('en', { numeric: true });
  const rank = new Map<string, number>();
  [...distinct].sort(collator.compare).forEach((text, i) => rank.set(text, i));
  for (let row = 0; row < index.size; row++) if (kind[row] === STRING) value[row] = rank.get(strings[row] as string) ?? 0;
  const order = { kind, value };
  perIndex.set(id, order);
  return order;
}

/** The rows ordered by the column (stable: ties keep file order); empty cells last either way. */
export function sortRows(index: TaskIndex, rows: Uint32Array, column: ColumnId, descending = false): Uint32Array {
  const { kind, value } = columnOrder(index, column);
  const sign = descending ? -1 : 1;
  return Uint32Array.from(rows).sort((x, y) => {
    const kx = kind[x] as number;
    const ky = kind[y] as number;
    if (kx === EMPTY || ky === EMPTY) return kx === ky ? x - y : kx === EMPTY ? 1 : -1;
    // Numbers before strings for a mixed-type key; descending reverses that too.
    const order = kx !== ky ? kx - ky : (value[x] as number) - (value[y] as number);
    return order === 0 ? x - y : sign * order;
  });
}
