import * as path from 'node:path';
import * as vscode from 'vscode';
import { isPathInside } from '../core/fileNames';

/**
 * The folder downloads go to: `taskLens.download.folder` (relative, default `deliveries`) inside a
 * workspace folder — the only one, or the one the user picks in a multi-root workspace.
 */
export async function pickDownloadRoot(): Promise<string | undefined> {
  const folders = vscode.workspace.workspaceFolders?.filter((f) => f.uri.scheme === 'file') ?? [];
  if (folders.length === 0) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Downloads go into a workspace folder on disk. Open a folder first (File › Open Folder…).'),
    );
    return undefined;
  }
  const folder =
    folders.length === 1
      ? folders[0]
      : await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Which workspace folder should the download go into?') });
  if (!folder) return undefined;
  const setting =
    vscode.workspace.getConfiguration('taskLens', folder.uri).get<string>('download.folder', 'deliveries').trim() || 'deliveries';
  const root = path.resolve(folder.uri.fsPath, setting);
  if (path.isAbsolute(setting) || !isPathInside(folder.uri.fsPath, root)) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t(
        'The setting taskLens.download.folder (“{0}”) must be a folder inside the workspace folder, such as “deliveries”.',
        setting,
      ),
    );
    return undefined;
  }
  return root;
}
