import * as vscode from 'vscode';
import { isCancelledError } from '../../core/http/errors';
import type { LiveTasks } from '../../core/platform/platform';
import { formatBytes } from '../../shared/format';
import type { Connection } from '../connections';
import { withCancellableProgress } from '../cancellableProgress';
import { pickDownloadRoot } from '../downloadFolder';
import { shownText } from '../labels';
import { EntryNode } from '../tree/entryNode';
import type { CommandContext } from './context';

interface LiveTarget {
  readonly connection: Connection;
  readonly taskId: string;
  readonly label: string;
}

/** A task to act on: a tree item, or a task view's target (`{connection, taskId}`). */
function liveTarget(arg: unknown): LiveTarget | undefined {
  if (arg instanceof EntryNode) {
    const id = arg.entry.live?.taskId ?? arg.entry.task?.id;
    return id ? { connection: arg.connection, taskId: id, label: shownText(arg.entry.look.label) } : undefined;
  }
  const target = arg as { connection?: Connection; taskId?: unknown } | undefined;
  if (target?.connection && typeof target.taskId === 'string')
    return { connection: target.connection, taskId: target.taskId, label: target.taskId };
  return undefined;
}

/** Restricted Mode: say why not, with the way to change it. */
async function trusted(why: string): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const manage = vscode.l10n.t('Manage Workspace Trust');
  if ((await vscode.window.showWarningMessage(why, manage)) === manage) await vscode.commands.executeCommand('workbench.trust.manage');
  return false;
}

async function liveOf(ctx: CommandContext, target: LiveTarget): Promise<LiveTasks | undefined> {
  const live = (await ctx.platforms.get(target.connection)).live;
  if (!live)
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Tasks on “{0}” cannot be retried or downloaded from here.', shownText(target.connection.name)),
    );
  return live;
}

/**
 * Retry Task: after a modal confirmation, one POST (never repeated); the API's refusal is shown as
 * it said it. A write, so never in Restricted Mode. Resolves to the task's phase afterwards.
 */
export async function retryTask(ctx: CommandContext, arg?: unknown): Promise<string | undefined> {
  const target = liveTarget(arg);
  if (!target) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Choose a failed or cancelled task in the Task Lens view, or open it, to retry it.'),
    );
    return undefined;
  }
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t(
        'Retry Task changes a task on the server, which Task Lens does not do in Restricted Mode. Trust this workspace to retry tasks.',
      ),
    );
    return undefined;
  }
  const live = await liveOf(ctx, target);
  if (!live) return undefined;
  const action = vscode.l10n.t('Retry Task');
  const confirmed = await ctx.confirmations.confirm(
    vscode.l10n.t('Retry task {0} on “{1}”?', target.label, shownText(target.connection.name)),
    live.retryNote,
    action,
  );
  if (!confirmed) return undefined;
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Retrying task {0}…', target.taskId) },
      () => live.retry(target.taskId),
    );
  } catch (error) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Retry of task {0} refused: {1}', target.label, error instanceof Error ? error.message : String(error)),
    );
    return undefined;
  }
  ctx.log.info(`${target.connection.name}: retried task ${target.taskId}`);
  const state = await ctx.live.refreshTask(target.connection, live, target.taskId).catch(() => undefined);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Task {0} queued again: {1}', target.label, state?.summary ?? 'waiting'), 5000);
  return state?.phase;
}

/** Download Output: the output file into the workspace download folder, with progress and cancel. */
export async function downloadOutput(ctx: CommandContext, arg?: unknown): Promise<{ file: string; bytes: number } | undefined> {
  const target = liveTarget(arg);
  if (!target) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Choose a completed task in the Task Lens view, or open it, to download its output.'),
    );
    return undefined;
  }
  if (!(await trusted(vscode.l10n.t('Downloads write files into the workspace, so they need a trusted workspace.')))) return undefined;
  const live = await liveOf(ctx, target);
  if (!live) return undefined;
  const root = await pickDownloadRoot();
  if (!root) return undefined;
  try {
    const result = await withCancellableProgress(vscode.l10n.t('Downloading the output of {0}', target.label), (progress, signal) => {
      let reported = 0;
      const idleSeconds = vscode.workspace.getConfiguration('taskLens').get<number>('download.idleTimeout', 30);
      return live.downloadOutput(target.taskId, root, {
        signal,
        idleTimeoutMs: Math.max(1, idleSeconds) * 1000,
        onProgress: (received, total) => {
          const ratio = total ? received / total : 0;
          const increment = Math.max(0, ratio * 100 - reported);
          reported += increment;
          progress.report({
            increment,
            message: total ? `${formatBytes(received)} / ${formatBytes(total)}` : formatBytes(received),
          });
        },
      });
    });
    const message = result.alreadyComplete
      ? vscode.l10n.t('The output of {0} is already downloaded: {1}', target.label, result.file)
      : vscode.l10n.t('Saved the output of {0} ({1}): {2}', target.label, formatBytes(result.bytes), result.file);
    ctx.log.info(message);
    void vscode.window.showInformationMessage(message);
    return { file: result.file, bytes: result.bytes };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    if (isCancelledError(error)) void vscode.window.showInformationMessage(text);
    else void vscode.window.showErrorMessage(vscode.l10n.t('Download Output failed: {0}', text));
    return undefined;
  }
}
