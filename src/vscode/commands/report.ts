import * as vscode from 'vscode';
import type { CommandContext } from './context';

/**
 * "Task Lens: Show Quality Report": on the file the Explorer's context menu was opened on, else
 * the active editor's file when it is a task file, else one the user picks.
 */
export async function showReport(ctx: CommandContext, target?: unknown): Promise<void> {
  const file = target instanceof vscode.Uri ? target : (activeTaskFile() ?? (await pickTaskFile()));
  if (!file) return;
  ctx.reports.show(file);
}

function activeTaskFile(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  const uri =
    vscode.window.activeTextEditor?.document.uri ??
    (input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom ? input.uri : undefined);
  return uri && uri.scheme === 'file' && /\.jsonl$/i.test(uri.path) ? uri : undefined;
}

async function pickTaskFile(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    filters: { [vscode.l10n.t('Task files')]: ['jsonl'] },
    openLabel: vscode.l10n.t('Show Quality Report'),
    title: vscode.l10n.t('Task file to report on'),
  });
  return picked?.[0];
}
