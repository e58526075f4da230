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

/** The rows ordered by the column (stable: ties keep file order); empty cells last. */
export function sortRows(index: TaskIndex, rows: Uint32Array, column: ColumnId, descending = false): Uint32Array {
  const keys = new Map<number, number | string | undefined>();
  for (const row of rows) keys.set(row, sortKey(index, row, column));
  const sign = descending ? -1 : 1;
  const collator = new Intl.Collator('en', { numeric: true });
  return Uint32Array.from(rows).sort((x, y) => {
    const a = keys.get(x);
    const b = keys.get(y);
    if (a === undefined || b === undefined) return a === b ? x - y : a === undefined ? 1 : -1;
    let order: number;
    if (typeof a === 'number' && typeof b === 'number') order = a - b;
    else if (typeof a === 'number')
      order = -1; // numbers before strings for a mixed-type key
    else if (typeof b === 'number') order = 1;
    else order = collator.compare(a, b);
    return order === 0 ? x - y : sign * order;
  });
}
