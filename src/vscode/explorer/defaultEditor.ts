import { stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import { MANIFEST_SUFFIX } from '../../core/download/paths';
import type { Log } from '../log';

/**
 * The explorer is the default editor for a task file with a Task Lens manifest beside it. A custom
 * editor's priority cannot depend on a neighbouring file, so the explorer is registered as an
 * "Open With…" option and this reopens a `.jsonl` text tab in the explorer when the manifest
 * exists. Once per file and session: a person who then picks "Reopen Editor With… Text Editor"
 * keeps the text.
 */
export function openDownloadsInExplorer(viewType: string, log: Log): vscode.Disposable {
  const redirected = new Set<string>();
  return vscode.window.tabGroups.onDidChangeTabs(async (event) => {
    for (const tab of event.opened) {
      const input = tab.input;
      if (!(input instanceof vscode.TabInputText)) continue;
      const uri = input.uri;
      if (uri.scheme !== 'file' || !/\.jsonl$/i.test(uri.fsPath) || redirected.has(uri.toString())) continue;
      const hasManifest = await stat(`${uri.fsPath}${MANIFEST_SUFFIX}`).then(
        (s) => s.isFile(),
        () => false,
      );
      if (!hasManifest) continue;
      redirected.add(uri.toString());
      try {
        await vscode.commands.executeCommand('vscode.openWith', uri, viewType, {
          viewColumn: tab.group.viewColumn,
          preview: tab.isPreview,
        });
        // The text tab goes once the explorer is open in its place (closing it first would flash).
        const stale = vscode.window.tabGroups.all
          .flatMap((g) => g.tabs)
          .find((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());
        if (stale) await vscode.window.tabGroups.close(stale, true);
      } catch (error) {
        log.warn(`Could not open ${uri.fsPath} in the delivery explorer: ${String(error)}`);
      }
    }
  });
}
