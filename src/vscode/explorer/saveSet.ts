import * as path from 'node:path';
import * as vscode from 'vscode';
import { withCancellableProgress } from '../cancellableProgress';
import { isCancelledError } from '../../core/http/errors';
import { saveSubset, SubsetTargetError, type SubsetResult } from '../../core/taskfile/subset';
import { formatNumber } from '../../shared/format';
import type { ExplorerModel } from './explorerModel';

/**
 * "Save Filtered Set": the explorer's current set as a new task file (and its manifest), where the
 * user picks (beside the source by default) or at `target`, with a cancellable progress
 * notification. Never over the source (core/taskfile/subset.ts refuses).
 */
export async function saveSetAs(model: ExplorerModel, target?: vscode.Uri): Promise<SubsetResult | undefined> {
  const index = model.index;
  if (!index) return undefined;
  const source = model.uri.fsPath;
  const chosen =
    target ??
    (await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.file(source.replace(/\.jsonl$/i, '') + '.filtered.jsonl'),
      filters: { [vscode.l10n.t('Task files')]: ['jsonl'] },
      saveLabel: vscode.l10n.t('Save Filtered Set'),
      title: vscode.l10n.t('Save {0} of {1} tasks as a new task file', formatNumber(model.rows.length), formatNumber(index.size)),
    }));
  if (!chosen) return undefined;
  const rows = model.rows;
  const query = model.query;
  try {
    const result = await withCancellableProgress(
      vscode.l10n.t('Saving {0} tasks to “{1}”', formatNumber(rows.length), path.basename(chosen.fsPath)),
      (progress, signal) => {
        let reported = 0;
        return saveSubset({
          source,
          target: chosen.fsPath,
          index,
          rows,
          query,
          signal,
          onProgress: (read, total) => {
            const percent = total > 0 ? (read / total) * 100 : 100;
            progress.report({ increment: percent - reported });
            reported = percent;
          },
        });
      },
    );
    if (!target) void announce(result);
    return result;
  } catch (error) {
    if (isCancelledError(error)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Saving the filtered set was cancelled. Nothing was written.'));
      return undefined;
    }
    if (error instanceof SubsetTargetError) {
      void vscode.window.showErrorMessage(error.message);
      return undefined;
    }
    throw error;
  }
}

async function announce(result: SubsetResult): Promise<void> {
  const open = vscode.l10n.t('Open in Delivery Explorer');
  const answer = await vscode.window.showInformationMessage(
    vscode.l10n.t('Saved {0} tasks to {1}.', formatNumber(result.count), vscode.workspace.asRelativePath(vscode.Uri.file(result.file))),
    open,
  );
  if (answer === open) await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(result.file), 'taskLens.explorer');
}
