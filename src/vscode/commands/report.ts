import * as vscode from 'vscode';
import type { CommandContext } from './context';
import { activeTaskFile, pickTaskFile } from './taskFilePick';

/**
 * "Task Lens: Show Quality Report": on the file the Explorer's context menu was opened on, else
 * the active editor's file when it is a task file, else one the user picks.
 */
export async function showReport(ctx: CommandContext, target?: unknown): Promise<void> {
  const file =
    target instanceof vscode.Uri
      ? target
      : (activeTaskFile() ?? (await pickTaskFile(vscode.l10n.t('Show Quality Report'), vscode.l10n.t('Task file to report on'))));
  if (!file) return;
  ctx.reports.show(file);
}
