import * as vscode from 'vscode';
import { isCancelledError } from '../../core/http/errors';
import type { Entry, SyncSummary } from '../../core/platform/platform';
import { formatNumber } from '../../shared/format';
import { withCancellableProgress } from '../cancellableProgress';
import { pickDownloadRoot } from '../downloadFolder';
import { pickConnection, pickEntryPath } from '../pickers';
import { EntryNode } from '../tree/entryNode';
import type { CommandContext } from './context';

/**
 * Sync Project Deliveries: every delivery of a project not yet complete in the download folder,
 * oldest first, through the download engine, with one cancellable progress notification. A failed
 * delivery does not stop the others; the summary says what happened to each kind.
 */
export async function syncProjectDeliveries(ctx: CommandContext, node?: unknown): Promise<SyncSummary | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Syncing writes files into the workspace, so it needs a trusted workspace.'));
    return undefined;
  }
  const entry = await syncTarget(ctx, node);
  if (!entry?.sync) return undefined;
  const root = await pickDownloadRoot();
  if (!root) return undefined;
  const sync = entry.sync;
  const title = vscode.l10n.t('Syncing the deliveries of “{0}”', sync.label);
  let summary: SyncSummary;
  try {
    summary = await withCancellableProgress(title, (progress, signal) => {
      let current = '';
      return sync.run(root, {
        signal,
        onStart: (name, index, total) => {
          current = vscode.l10n.t('{0} of {1}: {2}', index + 1, total, name);
          progress.report({ message: current, increment: total > 0 ? 100 / total : undefined });
        },
        onProgress: (_name, written, total) =>
          progress.report({
            message: `${current} · ${total !== null ? vscode.l10n.t('{0} of {1} tasks', formatNumber(written), formatNumber(total)) : vscode.l10n.t('{0} tasks', formatNumber(written))}`,
          }),
      });
    });
  } catch (err) {
    if (!isCancelledError(err)) throw err;
    void vscode.window.showInformationMessage(vscode.l10n.t('{0}: cancelled. Run it again to resume where it stopped.', title));
    return undefined;
  }
  for (const failure of summary.failures) ctx.log.warn(`Sync of “${sync.label}”: ${failure.name}: ${failure.message}`);
  const text = vscode.l10n.t(
    'Synced “{0}”: {1} downloaded, {2} already up to date, {3} failed.',
    sync.label,
    summary.downloaded,
    summary.upToDate,
    summary.failures.length,
  );
  void announce(ctx, summary, text, root);
  return summary;
}

async function announce(ctx: CommandContext, summary: SyncSummary, text: string, root: string): Promise<void> {
  const reveal = vscode.l10n.t('Reveal in Explorer');
  const showLog = vscode.l10n.t('Show Log');
  const answer = summary.failures.length
    ? await vscode.window.showWarningMessage(`${text} ${summary.failures.map((f) => `${f.name}: ${f.message}`).join(' ')}`, showLog, reveal)
    : await vscode.window.showInformationMessage(text, reveal);
  if (answer === reveal) await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(root));
  if (answer === showLog) ctx.log.channel.show();
}

async function syncTarget(ctx: CommandContext, node: unknown): Promise<Entry | undefined> {
  if (node instanceof EntryNode && node.entry.sync) return node.entry;
  const connection = await pickConnection(ctx.store, vscode.l10n.t('Sync Project Deliveries'));
  if (!connection) return undefined;
  const path = await pickEntryPath(
    ctx.platforms,
    connection,
    vscode.l10n.t('Sync Project Deliveries'),
    (e) => e.sync !== undefined,
    ctx.tree.pageSize(),
  );
  return path?.at(-1);
}
