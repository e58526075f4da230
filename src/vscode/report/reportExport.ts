import * as path from 'node:path';
import * as vscode from 'vscode';
import { writeReportExport } from '../../core/taskfile/reportExport';
import type { TaskFileReport } from '../../core/taskfile/reportTypes';
import { sanitizeFileName } from '../../core/fileNames';
import type { ChartExport } from '../../shared/reportProtocol';
import type { Log } from '../log';

/**
 * "Export as Markdown…": asks for a folder inside the workspace, then writes
 * `<folder>/<file>-report/` with report.md and the charts' SVG files, whole or not at all.
 */
export async function exportReport(
  file: vscode.Uri,
  report: TaskFileReport,
  title: string,
  charts: readonly ChartExport[],
  log: Log,
): Promise<vscode.Uri | undefined> {
  const workspace = vscode.workspace.getWorkspaceFolder(file) ?? vscode.workspace.workspaceFolders?.[0];
  if (!workspace) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder first: the report is exported into the workspace.'));
    return undefined;
  }
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    defaultUri: vscode.Uri.file(path.dirname(file.fsPath)),
    openLabel: vscode.l10n.t('Export Report Here'),
    title: vscode.l10n.t('Folder to export the quality report into'),
  });
  const parent = picked?.[0];
  if (!parent) return undefined;
  if (parent.scheme !== 'file' || !vscode.workspace.getWorkspaceFolder(parent)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Choose a folder inside the workspace to export the report into.'));
    return undefined;
  }
  const folderName = `${sanitizeFileName(path.basename(file.fsPath, path.extname(file.fsPath)))}-report`;
  const written = await writeReportExport(parent.fsPath, folderName, report, title, charts, file.fsPath);
  log.info(`Report: exported ${written.files.length} files to ${written.folder}`);
  const folder = vscode.Uri.file(written.folder);
  const open = vscode.l10n.t('Open Report');
  void vscode.window
    .showInformationMessage(
      vscode.l10n.t('Exported the report and {0} charts to {1}.', written.files.length - 1, vscode.workspace.asRelativePath(folder)),
      open,
    )
    .then((choice) =>
      choice === open ? vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(folder, 'report.md')) : undefined,
    );
  return folder;
}
