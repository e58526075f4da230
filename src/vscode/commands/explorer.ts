import * as vscode from 'vscode';
import { EXPLORER_VIEW_TYPE } from '../explorer/explorers';
import type { CommandContext } from './context';

/** "Open in Explorer": the file the menu was opened on, else the active task file, else one the user picks. */
export async function openInExplorer(_ctx: CommandContext, target?: unknown): Promise<void> {
  const uri = target instanceof vscode.Uri ? target : (activeTaskFile() ?? (await pickTaskFile()));
  if (!uri) return;
  await vscode.commands.executeCommand('vscode.openWith', uri, EXPLORER_VIEW_TYPE);
}

/** "Open the Sample Delivery": the task file that ships with the extension, in the explorer (offline). */
export async function openSample(ctx: CommandContext): Promise<void> {
  const uri = await ctx.explorers.sampleFile();
  await vscode.commands.executeCommand('vscode.openWith', uri, EXPLORER_VIEW_TYPE);
}

/** "Save Filtered Set…" from the editor title or the palette, for the explorer in front. */
export async function saveFilteredSet(ctx: CommandContext): Promise<void> {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputCustom && input.viewType === EXPLORER_VIEW_TYPE) await ctx.explorers.saveSet(input.uri);
  else void vscode.window.showInformationMessage(vscode.l10n.t('Open a task file in the delivery explorer first.'));
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
    openLabel: vscode.l10n.t('Open in Delivery Explorer'),
  });
  return picked?.[0];
}
