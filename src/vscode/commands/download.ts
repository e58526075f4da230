import { formatNumber } from '../../shared/format';
import * as vscode from 'vscode';
import { isCancelledError } from '../../core/http/errors';
import {
  AlreadyDownloadedError,
  FinishedFileChangedError,
  DownloadIncompleteError,
  DownloadSourceMismatchError,
  DEFAULT_MAX_RETRY_TIME_MS,
  inspectDownload,
  retryMessage,
  runDownload,
  type DownloadProgress,
  type DownloadResult,
} from '../../core/download';
import type { Entry, FilterValues } from '../../core/platform/platform';
import type { Connection } from '../connections';
import { planWithSecrets } from '../../core/secrets/taskSecrets';
import { keepSecrets } from '../secretSettings';
import { withCancellableProgress } from '../cancellableProgress';
import { pickDownloadRoot } from '../downloadFolder';
import { pickConnection, pickEntryPath } from '../pickers';
import { EntryNode } from '../tree/entryNode';
import type { CommandContext } from './context';
import { NO_NAME, shownName } from '../labels';

/** Default of `taskLens.download.idleTimeout`: no bytes for this long fails an attempt (retried). */
const DEFAULT_IDLE_TIMEOUT_S = 30;

/** Which entries a download command offers in the palette. */
export type DownloadKind = 'delivery' | 'tasks' | 'taskList';

const ACCEPTS: Record<DownloadKind, (e: Entry) => boolean> = {
  delivery: (e) => e.download?.kind === 'delivery',
  tasks: (e) => e.download?.kind === 'batch' || e.download?.kind === 'project-tasks',
  taskList: (e) => e.download?.kind === 'livepeer-tasks',
};

/**
 * Downloads a delivery, a batch's (or project's) tasks, or a task list into the workspace, with a
 * cancellable progress notification. Resumes an interrupted download; asks before replacing one.
 */
export async function downloadCommand(
  ctx: CommandContext,
  kind: DownloadKind,
  node?: unknown,
  force = false,
): Promise<DownloadResult | undefined> {
  if (!vscode.workspace.isTrusted) {
    const manage = vscode.l10n.t('Manage Workspace Trust');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Downloads write files into the workspace, so they need a trusted workspace.'),
      manage,
    );
    if (answer === manage) await vscode.commands.executeCommand('workbench.trust.manage');
    return undefined;
  }
  const target = await downloadTarget(ctx, kind, node);
  if (!target?.entry.download) return undefined;
  const root = await pickDownloadRoot();
  if (!root) return undefined;
  const plan = planWithSecrets(await target.entry.download.plan(target.filters), keepSecrets());

  const existing = await inspectDownload(root, plan);
  if (!force && (existing.state === 'complete' || existing.state === 'changed')) {
    const again = vscode.l10n.t('Download Again');
    const open = vscode.l10n.t('Open File');
    const shown = vscode.workspace.asRelativePath(existing.paths.file);
    // A file that is not what its manifest records is not "already downloaded": say what is wrong.
    const answer =
      existing.state === 'changed'
        ? await vscode.window.showWarningMessage(
            vscode.l10n.t(
              '“{0}” is there, but it does not count as downloaded: {1}. Download it again and replace it?',
              shown,
              existing.problem ?? '',
            ),
            again,
            open,
          )
        : await vscode.window.showInformationMessage(
            vscode.l10n.t(
              '“{0}” is already downloaded ({1}).',
              shown,
              existing.manifest
                ? vscode.l10n.t('{0} tasks', formatNumber(existing.manifest.count))
                : vscode.l10n.t('a file of the same name'),
            ),
            again,
            open,
          );
    if (answer === open) await vscode.window.showTextDocument(vscode.Uri.file(existing.paths.file));
    if (answer !== again) return undefined;
    force = true;
  }
  if (!force && existing.state === 'partial' && existing.sameSource === false) {
    const restart = vscode.l10n.t('Start Over');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t(
        'An unfinished download of a different list is in the way at “{0}”. Replace it?',
        vscode.workspace.asRelativePath(existing.paths.partial),
      ),
      restart,
    );
    if (answer !== restart) return undefined;
    force = true;
  }

  const title = vscode.l10n.t('Downloading “{0}”', shownName(target.entry.look.label) ?? NO_NAME);
  try {
    const result = await withCancellableProgress(title, (progress, signal) => {
      let reported = 0;
      const settings = vscode.workspace.getConfiguration('taskLens');
      const retrySeconds = settings.get<number>('download.maxRetryTime', DEFAULT_MAX_RETRY_TIME_MS / 1000);
      const idleSeconds = settings.get<number>('download.idleTimeout', DEFAULT_IDLE_TIMEOUT_S);
      return runDownload(plan, root, {
        force,
        signal,
        maxRetryTimeMs: Math.max(0, retrySeconds) * 1000,
        idleTimeoutMs: Math.max(1, idleSeconds) * 1000,
        onProgress: (p) => {
          const increment = p.total ? ((p.written - reported) / p.total) * 100 : undefined;
          reported = p.written;
          progress.report({ message: progressMessage(p), increment });
        },
        // Every retry is visible: the notification says why nothing moves, and the log keeps it.
        onRetry: (event) => {
          const line = retryMessage(event);
          ctx.log.warn(`Download of ${plan.fileName}: ${line}`);
          progress.report({ message: vscode.l10n.t('{0} tasks · {1}', formatNumber(reported), line) });
        },
      });
    });
    ctx.log.info(`Downloaded ${result.count} tasks to ${result.file} (sha256 ${result.sha256})`);
    void announce(result);
    return result;
  } catch (err) {
    return handleFailure(ctx, err, kind, target.node, title);
  }
}

function progressMessage(p: DownloadProgress): string {
  const written = formatNumber(p.written);
  const of = p.total !== null ? vscode.l10n.t('{0} of {1} tasks', written, formatNumber(p.total)) : vscode.l10n.t('{0} tasks', written);
  const rate = p.tasksPerSecond > 0 ? ` · ${formatNumber(Math.round(p.tasksPerSecond))}/s` : '';
  const resumed = p.resumedFrom > 0 ? ` · ${vscode.l10n.t('resumed at {0}', formatNumber(p.resumedFrom))}` : '';
  return `${of}${rate}${resumed}`;
}

async function announce(result: DownloadResult): Promise<void> {
  // The task file opens in the delivery explorer (a .jsonl with a manifest beside it does anyway).
  const explore = vscode.l10n.t('Open in Delivery Explorer');
  const reveal = vscode.l10n.t('Reveal in Explorer');
  const uri = vscode.Uri.file(result.file);
  const warnings = result.warnings.length ? ` ${result.warnings.join(' ')}` : '';
  const show = result.warnings.length ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  const answer = await show(
    vscode.l10n.t('Downloaded {0} tasks to {1}.', formatNumber(result.count), vscode.workspace.asRelativePath(uri)) + warnings,
    explore,
    reveal,
  );
  if (answer === explore) await vscode.commands.executeCommand('vscode.openWith', uri, 'taskLens.explorer');
  if (answer === reveal) await vscode.commands.executeCommand('revealInExplorer', uri);
}

async function handleFailure(
  ctx: CommandContext,
  err: unknown,
  kind: DownloadKind,
  node: EntryNode | undefined,
  title: string,
): Promise<undefined> {
  if (isCancelledError(err)) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('{0}: cancelled. What was downloaded is kept; run the download again to resume.', title),
    );
    return undefined;
  }
  if (err instanceof DownloadIncompleteError) {
    ctx.log.warn(err.message);
    const resume = vscode.l10n.t('Resume');
    const restart = vscode.l10n.t('Start Over');
    const answer = await vscode.window.showErrorMessage(err.message, ...(err.resumable ? [resume, restart] : [restart]));
    if (answer === resume) await downloadCommand(ctx, kind, node);
    if (answer === restart) await downloadCommand(ctx, kind, node, true);
    return undefined;
  }
  if (err instanceof AlreadyDownloadedError || err instanceof FinishedFileChangedError || err instanceof DownloadSourceMismatchError) {
    void vscode.window.showWarningMessage(err.message);
    return undefined;
  }
  throw err;
}

interface DownloadTarget {
  readonly connection: Connection;
  readonly entry: Entry;
  readonly filters: FilterValues;
  readonly node: EntryNode | undefined;
}

async function downloadTarget(ctx: CommandContext, kind: DownloadKind, node: unknown): Promise<DownloadTarget | undefined> {
  if (node instanceof EntryNode && node.entry.download)
    return { connection: node.connection, entry: node.entry, filters: ctx.tree.filtersOf(node), node };
  const connection = await pickConnection(ctx.store, vscode.l10n.t('Download'));
  if (!connection) return undefined;
  const path = await pickEntryPath(ctx.platforms, connection, vscode.l10n.t('Download'), ACCEPTS[kind], ctx.tree.pageSize());
  const entry = path?.at(-1);
  if (!path || !entry) return undefined;
  const treeNode = await ctx.tree.nodeForPath(connection, path);
  return { connection, entry, filters: treeNode ? ctx.tree.filtersOf(treeNode) : {}, node: treeNode };
}
