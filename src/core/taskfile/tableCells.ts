/**
 * What one cell of the explorer's table says: plain text plus a kind the page styles (a number, a
 * status, a category chip, a check, a rank). Cells are text only: the page never parses markup, and
 * the host never sends more than a window of them. The words a cell adds (yes, no, n/a…) go through
 * @vscode/l10n; dates are shown in the editor's locale (`shortDate`).
 */
import * as l10n from '@vscode/l10n';
import { shortDate } from '../../shared/format';
import { annotationCell, type AnnotationCellValue, type ColumnId } from './rowColumns';
import type { TaskIndex } from './taskIndex';

export type CellKind = 'text' | 'number' | 'status' | 'chip' | 'yes' | 'no' | 'rank' | 'muted';

export interface TableCell {
  readonly text: string;
  readonly kind?: CellKind;
}

/** Long texts (a rewrite, a JSON value) are cut for the table; the task view shows them whole. */
const MAX_CELL = 200;

export function cellOf(index: TaskIndex, row: number, column: ColumnId): TableCell {
  if (typeof column === 'object') return annotationCellOf(annotationCell(index, row, column.annotation));
  switch (column) {
    case 'taskId':
      return { text: index.taskId(row) || l10n.t('(no id)'), kind: index.taskId(row) ? 'text' : 'muted' };
    case 'status':
      return { text: index.status(row), kind: 'status' };
    case 'batch':
      return { text: index.batch(row) };
    case 'completedAt':
      return { text: shortDate(index.completedAt(row)) };
    case 'turns':
      return { text: String(index.turns(row)), kind: 'number' };
    case 'messages':
      return { text: String(index.messages(row)), kind: 'number' };
    case 'candidates':
      return { text: index.candidates(row).join(', ') };
    case 'preferred':
      return { text: index.preferred(row) };
  }
}

/** Every annotation with the key in the row, joined: "4 · 2", "Verbose, Unsafe", "a › b". */
function annotationCellOf(values: readonly AnnotationCellValue[]): TableCell {
  if (values.length === 0) return { text: '' };
  const parts: string[] = [];
  let kind: CellKind | undefined;
  for (const v of values) {
    if (v.notApplicable) parts.push(l10n.t('n/a'));
    else if (v.cannotAssess) parts.push(l10n.t('cannot assess'));
    else if (v.value === null) parts.push('—');
    else {
      const [text, k] = valueText(v);
      parts.push(text);
      kind ??= k;
    }
  }
  return { text: cut(parts.join(' · ')), kind: kind ?? 'muted' };
}

function valueText(v: AnnotationCellValue): [string, CellKind] {
  const value = v.value;
  if (typeof value === 'number') return [String(value), 'number'];
  if (typeof value === 'boolean') return [value ? l10n.t('yes') : l10n.t('no'), value ? 'yes' : 'no'];
  if (typeof value === 'string') return [value, v.type === 'category' ? 'chip' : 'text'];
  if (value === null) return ['—', 'muted'];
  if (v.type === 'category_multiple') return [(value as readonly string[]).join(', '), 'chip'];
  if (v.type === 'ranked_groups') return [(value as readonly (readonly string[])[]).map((g) => g.join(' = ')).join(' › '), 'rank'];
  return [(value as readonly string[]).join(' › '), 'rank'];
}

function cut(text: string): string {
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;
}
