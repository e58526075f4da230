import * as vscode from 'vscode';

/** The task file a command on "the current file" means: the active editor's or tab's `.jsonl` on disk. */
export function activeTaskFile(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  const uri =
    vscode.window.activeTextEditor?.document.uri ??
    (input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom ? input.uri : undefined);
  return uri && uri.scheme === 'file' && /\.jsonl$/i.test(uri.path) ? uri : undefined;
}

/** Asks for a task file, with the command's words on the dialog's button (and title). */
export async function pickTaskFile(openLabel: string, title?: string): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    filters: { [vscode.l10n.t('Task files')]: ['jsonl'] },
    openLabel,
    title,
  });
  return picked?.[0];
}
