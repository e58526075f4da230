import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExportFormat, ExportResult, TaskCondition } from '../../core/export';
import { isPathInside } from '../../core/fileNames';
import { formatNumber } from '../../shared/format';
import { withCancellableProgress } from '../cancellableProgress';

/** What the explorer hands over to export its filtered set instead of the whole file. */
export interface ExportSelection {
  readonly condition: TaskCondition;
  /** For the title and the summary, e.g. `1,204 of 100,000 tasks`. */
  readonly label: string;
}

interface FormatPick extends vscode.QuickPickItem {
  readonly format: ExportFormat;
  readonly shape?: 'sft' | 'dpo';
}

const FORMATS: readonly FormatPick[] = [
  { label: 'SFT (JSONL)', description: 'one chat record per thread, the preferred candidate kept', format: 'sft' },
  { label: 'DPO preference pairs (JSONL)', description: 'prompt / chosen / rejected, TRL’s conversational form', format: 'dpo' },
  { label: 'Parquet tables', description: 'tasks, messages and annotations, for DuckDB, pandas and Spark', format: 'parquet' },
  { label: 'Hugging Face dataset (SFT)', description: 'data/train-*.parquet and a dataset card', format: 'hf', shape: 'sft' },
  { label: 'Hugging Face dataset (DPO)', description: 'data/train-*.parquet and a dataset card', format: 'hf', shape: 'dpo' },
];

/**
 * Export… a task file (from the Explorer's context menu, the palette with the active file, or the
 * delivery explorer with its filtered set) to training data, into the workspace folder that holds
 * it, with a cancellable progress notification and the written / skipped summary.
 */
export async function exportTaskFile(uri?: vscode.Uri, selection?: ExportSelection): Promise<ExportResult | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Exports write files into the workspace, so they need a trusted workspace.'));
    return undefined;
  }
  const input = uri ?? (await pickInput());
  if (!input) return undefined;
  const folder = vscode.workspace.getWorkspaceFolder(input);
  if (!folder || folder.uri.scheme !== 'file') {
    void vscode.window.showErrorMessage(vscode.l10n.t('Export a task file that is inside a workspace folder on disk.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(FORMATS, {
    title: vscode.l10n.t('Export “{0}”', path.basename(input.fsPath)),
    placeHolder: selection ? selection.label : vscode.l10n.t('Which format?'),
  });
  if (!picked) return undefined;
  const out = await askOutput(folder.uri.fsPath, input.fsPath, picked);
  if (!out) return undefined;

  const title = vscode.l10n.t('Exporting “{0}” as {1}', path.basename(input.fsPath), picked.label);
  // Loaded on first use: a separate bundle in the release (exportBundle.ts).
  const { describeSkipped, ExportOutputError, isCancelledError, runExport, useEditorLanguage } = await import('../exportBundle');
  useEditorLanguage(vscode.env.language, vscode.l10n.bundle);
  try {
    const result = await withCancellableProgress(title, (progress, signal) => {
      let reported = 0;
      return runExport({
        input: input.fsPath,
        out,
        format: picked.format,
        shape: picked.shape,
        condition: selection?.condition,
        signal,
        onProgress: (p) => {
          const percent = p.totalBytes > 0 ? (p.bytesRead / p.totalBytes) * 100 : 0;
          progress.report({
            message: vscode.l10n.t('{0} tasks read, {1} written', formatNumber(p.tasks), formatNumber(p.written)),
            increment: percent - reported,
          });
          reported = percent;
        },
      });
    });
    void announce(result, describeSkipped(result.counts.skipped));
    return result;
  } catch (err) {
    if (isCancelledError(err)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0}: cancelled. Nothing was written.', title));
      return undefined;
    }
    if (err instanceof ExportOutputError) {
      void vscode.window.showErrorMessage(err.message);
      return undefined;
    }
    throw err;
  }
}

async function pickInput(): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file' && active.fsPath.endsWith('.jsonl')) return active;
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    filters: { [vscode.l10n.t('Task files')]: ['jsonl'] },
    openLabel: vscode.l10n.t('Export'),
  });
  return picked?.[0];
}

/** Beside the input by default (`x.sft.jsonl`, `x-parquet/`); anywhere inside the workspace folder. */
async function askOutput(folder: string, input: string, picked: FormatPick): Promise<string | undefined> {
  const base = input.replace(/\.jsonl$/i, '');
  const suggested =
    picked.format === 'sft' || picked.format === 'dpo'
      ? `${base}.${picked.format}.jsonl`
      : `${base}-${picked.format}${picked.shape ? `-${picked.shape}` : ''}`;
  const answer = await vscode.window.showInputBox({
    title: vscode.l10n.t('Export to (a path in the workspace folder)'),
    value: path.relative(folder, suggested),
    ignoreFocusOut: true,
    validateInput: (v) => {
      const target = path.resolve(folder, v.trim());
      if (!v.trim() || path.isAbsolute(v.trim()) || !isPathInside(folder, target) || target === folder)
        return vscode.l10n.t('Enter a path inside the workspace folder, such as “{0}”.', path.relative(folder, suggested));
      if (target === input) return vscode.l10n.t('The export cannot replace the file it reads.');
      return undefined;
    },
  });
  return answer ? path.resolve(folder, answer.trim()) : undefined;
}

async function announce(result: ExportResult, skipped: readonly string[]): Promise<void> {
  const text = vscode.l10n.t(
    'Exported {0} records to {1}.',
    formatNumber(result.counts.written),
    vscode.workspace.asRelativePath(vscode.Uri.file(result.output)),
  );
  const detail = skipped.length ? ` ${vscode.l10n.t('Skipped: {0}.', skipped.join(', '))}` : '';
  const unreadable = result.unreadableLines ? ` ${vscode.l10n.t('{0} unreadable lines.', formatNumber(result.unreadableLines))}` : '';
  const reveal = vscode.l10n.t('Reveal in Explorer');
  if ((await vscode.window.showInformationMessage(text + detail + unreadable, reveal)) === reveal)
    await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(result.output));
}
