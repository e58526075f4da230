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
 * The rows ordered by the column (stable: ties keep file order); empty cells last, numbers before
 * strings for a mixed-type key, strings in natural order (`task 9` before `task 10`, case folded).
 * Each distinct value is ranked once, then the rows are placed by a counting sort: 100,000 rows sort
 * in tens of milliseconds (`Intl.Collator` took seconds on the same rows).
 */
export function sortRows(index: TaskIndex, rows: Uint32Array, column: ColumnId, descending = false): Uint32Array {
  const keys: (number | string | undefined)[] = new Array(rows.length);
  const distinct = new Map<number | string, number>();
  for (let i = 0; i < rows.length; i++) {
    const key = sortKey(index, rows[i] as number, column);
    keys[i] = key;
    if (key !== undefined && !distinct.has(key)) distinct.set(key, 0);
  }
  const values = [...distinct.keys()].sort(compareValues);
  const last = values.length; // the rank of empty cells, whichever the direction
  values.forEach((value, rank) => distinct.set(value, descending ? last - 1 - rank : rank));
  const ranks = new Uint32Array(rows.length);
  const counts = new Uint32Array(last + 2);
  for (let i = 0; i < rows.length; i++) {
    const key = keys[i];
    const rank = key === undefined ? last : (distinct.get(key) as number);
    ranks[i] = rank;
    counts[rank + 1]++;
  }
  for (let r = 1; r < counts.length; r++) (counts[r] as number) += counts[r - 1] as number;
  const out = new Uint32Array(rows.length);
  // Rows arrive in the caller's order (file order for the explorer): placing them in that order keeps ties stable.
  for (let i = 0; i < rows.length; i++) out[(counts[ranks[i] as number] as number)++] = rows[i] as number;
  return out;
}

function compareValues(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return compareNatural(a, b);
}

/** Case-folded, with digit runs compared as numbers; exact code-unit order breaks ties. */
export function compareNatural(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const cx = x.charCodeAt(i);
    const cy = y.charCodeAt(j);
    if (isDigit(cx) && isDigit(cy)) {
      let ei = i;
      let ej = j;
      while (ei < x.length && x.charCodeAt(ei) === 48) ei++; // leading zeros
      while (ej < y.length && y.charCodeAt(ej) === 48) ej++;
      let ni = ei;
      let nj = ej;
      while (ni < x.length && isDigit(x.charCodeAt(ni))) ni++;
      while (nj < y.length && isDigit(y.charCodeAt(nj))) nj++;
      if (ni - ei !== nj - ej) return ni - ei - (nj - ej);
      for (let k = 0; k < ni - ei; k++) {
        const d = x.charCodeAt(ei + k) - y.charCodeAt(ej + k);
        if (d !== 0) return d;
      }
      i = ni;
      j = nj;
      continue;
    }
    if (cx !== cy) return cx - cy;
    i++;
    j++;
  }
  if (x.length - i !== y.length - j) return x.length - i - (y.length - j);
  return a < b ? -1 : a > b ? 1 : 0;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
