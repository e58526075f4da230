import { rowsSelection } from '../../core/taskfile/selection';
import type { TaskIndex } from '../../core/taskfile/taskIndex';
import { formatNumber } from '../../shared/format';
import type { ExportSelection } from '../commands/exportFile';

/** The explorer's set as an export's condition (see core/taskfile/selection.ts). */
export function exportSelection(model: { readonly index: TaskIndex | undefined; readonly rows: Uint32Array }): ExportSelection | undefined {
  const index = model.index;
  if (!index) return undefined;
  return {
    condition: rowsSelection(index, model.rows),
    label: `${formatNumber(model.rows.length)} of ${formatNumber(index.size)} tasks`,
  };
}
