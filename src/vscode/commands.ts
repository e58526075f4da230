import * as vscode from 'vscode';
import { CommandId, CommandIds } from './commandIds';
import {
  addConnection,
  clearApiKey,
  connectDemo,
  editConnections,
  removeConnection,
  renameConnection,
  setApiKey,
} from './commands/connections';
import type { CommandContext } from './commands/context';
import { downloadCommand } from './commands/download';
import { exportTaskFile } from './commands/exportFile';
import { syncProjectDeliveries } from './commands/sync';
import { showReport } from './commands/report';
import { copyTaskLink } from './deepLinks';
import { openInExplorer, openSample, saveFilteredSet, showReviewAgreement } from './commands/explorer';
import { openTask, openTaskJson, saveTaskJsonCopy } from './commands/tasks';
import { downloadOutput, retryTask } from './commands/liveTasks';
import { clearFilter, copyId, filterByStatus, loadMore, openLink, refresh, retry } from './commands/tree';

type Handler = (ctx: CommandContext, ...args: never[]) => unknown;

const handlers: Record<CommandId, Handler> = {
  [CommandIds.addConnection]: addConnection,
  [CommandIds.openDemo]: connectDemo,
  [CommandIds.renameConnection]: renameConnection,
  [CommandIds.removeConnection]: removeConnection,
  [CommandIds.setApiKey]: setApiKey,
  [CommandIds.clearApiKey]: clearApiKey,
  [CommandIds.editConnections]: editConnections,
  [CommandIds.refresh]: refresh,
  [CommandIds.refreshNode]: refresh,
  [CommandIds.loadMore]: loadMore,
  [CommandIds.retry]: retry,
  [CommandIds.filterByStatus]: filterByStatus,
  [CommandIds.clearFilter]: clearFilter,
  [CommandIds.copyId]: copyId,
  [CommandIds.openLink]: openLink,
  [CommandIds.goToTask]: (ctx) => openTask(ctx, undefined, { reveal: true }),
  [CommandIds.openTask]: (ctx, node?: unknown) => openTask(ctx, node),
  [CommandIds.openTaskPinned]: (ctx, node?: unknown) => openTask(ctx, node, { pin: true }),
  [CommandIds.openTaskJson]: openTaskJson,
  [CommandIds.saveTaskJsonCopy]: saveTaskJsonCopy,
  [CommandIds.downloadDelivery]: (ctx, node?: unknown) => downloadCommand(ctx, 'delivery', node),
  [CommandIds.downloadTasks]: (ctx, node?: unknown) => downloadCommand(ctx, 'tasks', node),
  [CommandIds.downloadTaskList]: (ctx, node?: unknown) => downloadCommand(ctx, 'taskList', node),
  [CommandIds.syncDeliveries]: syncProjectDeliveries,
  [CommandIds.exportTaskFile]: (_ctx, uri?: vscode.Uri) => exportTaskFile(uri instanceof vscode.Uri ? uri : undefined),
  [CommandIds.showLog]: (ctx) => ctx.log.channel.show(),
  [CommandIds.showReport]: (ctx, target?: unknown) => showReport(ctx, target),
  [CommandIds.copyLink]: (ctx, target?: unknown) => copyTaskLink(ctx, target),
  [CommandIds.openInExplorer]: (ctx, target?: unknown) => openInExplorer(ctx, target),
  [CommandIds.openSample]: openSample,
  [CommandIds.refreshDeliveries]: (ctx) => ctx.deliveries.refresh(),
  [CommandIds.saveFilteredSet]: saveFilteredSet,
  [CommandIds.showReviewAgreement]: showReviewAgreement,
  [CommandIds.retryTask]: (ctx, target?: unknown) => retryTask(ctx, target),
  [CommandIds.downloadOutput]: (ctx, target?: unknown) => downloadOutput(ctx, target),
};

/** Registers every command in CommandIds; a failure is logged and shown, never thrown at the user. */
export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  return Object.entries(handlers).map(([id, handler]) =>
    vscode.commands.registerCommand(id, async (...args: never[]) => {
      try {
        return await handler(ctx, ...args);
      } catch (err) {
        ctx.log.error(`${id} failed`, err);
        void vscode.window.showErrorMessage(err instanceof Error ? err.message : String(err));
        return undefined;
      }
    }),
  );
}
