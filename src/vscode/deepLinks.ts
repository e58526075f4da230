import * as vscode from 'vscode';
import { parseTaskLink, taskLinkText as sharedLinkText, type TaskLinkProblem } from '../shared/taskLink';
import type { CommandContext } from './commands/context';
import { fetchedTarget, showTask } from './commands/tasks';
import type { Connection } from './connections';
import { shownText } from './labels';
import type { TaskTarget } from './taskTarget';
import { EntryNode } from './tree/entryNode';
import { CommandIds } from './commandIds';

/**
 * `vscode://task-lens.task-lens/task?connection=…&id=…` (the editor's own scheme): a link a
 * reviewer pastes into a chat or a ticket. It names one of the reader's own connections by name, so
 * it carries no URL or key, and opens nothing the reader has not set up.
 */
export function taskLinkText(extensionId: string, connection: Connection, taskId: string): string {
  return sharedLinkText(vscode.env.uriScheme, extensionId, { connection: connection.name, taskId });
}

function problemText(problem: TaskLinkProblem): string {
  switch (problem) {
    case 'path':
      return vscode.l10n.t('it does not point at a task.');
    case 'connection':
      return vscode.l10n.t('it names no valid connection.');
    case 'id':
      return vscode.l10n.t('its task ID is not valid (letters, digits, “_”, “-”, “.” or “:”, at most 200).');
    case 'repeated':
      return vscode.l10n.t('it names more than one connection or task.');
  }
}

/** Opens the task a link names, after checking the link and the connection. */
export class TaskLinkHandler implements vscode.UriHandler {
  constructor(private readonly ctx: CommandContext) {}

  async handleUri(uri: vscode.Uri): Promise<void> {
    const parsed = parseTaskLink(uri.path, uri.query);
    if (!parsed.ok) {
      this.ctx.log.warn(`Ignored a Task Lens link (${parsed.problem}).`);
      void vscode.window.showErrorMessage(vscode.l10n.t('This Task Lens link cannot be opened: {0}', problemText(parsed.problem)));
      return;
    }
    const { connection: name, taskId } = parsed.link;
    const connection = this.ctx.store.get(name);
    if (!connection) {
      const add = vscode.l10n.t('Add Connection');
      const answer = await vscode.window.showErrorMessage(
        vscode.l10n.t(
          'The link opens task {0} on a connection named “{1}”, and you have no connection of that name. Add it (or rename yours) and open the link again.',
          taskId,
          shownText(name.slice(0, 100)),
        ),
        add,
      );
      if (answer === add) await vscode.commands.executeCommand(CommandIds.addConnection);
      return;
    }
    try {
      await showTask(this.ctx, await fetchedTarget(this.ctx, connection, taskId), { reveal: true });
    } catch (err) {
      this.ctx.log.warn(
        `A link's task ${taskId} on “${connection.name}” could not be opened: ${err instanceof Error ? err.message : String(err)}`,
      );
      void vscode.window.showErrorMessage(
        vscode.l10n.t(
          'Task {0} on “{1}” could not be opened: {2}',
          taskId,
          shownText(connection.name),
          err instanceof Error ? err.message : String(err),
        ),
      );
    }
  }
}

/** Copies a link to a task: a tree row's, the given task view target's, or the active task view's. */
export async function copyTaskLink(ctx: CommandContext, arg?: unknown): Promise<string | undefined> {
  const target = linkTarget(ctx, arg);
  if (!target) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Select a task in the Task Lens view, or open one, first.'));
    return undefined;
  }
  const link = taskLinkText(ctx.extensionId, target.connection, target.taskId);
  await vscode.env.clipboard.writeText(link);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Copied a link to task {0}', target.taskId), 3000);
  return link;
}

function linkTarget(ctx: CommandContext, arg: unknown): { connection: Connection; taskId: string } | undefined {
  // From an editor-title button the argument is the editor's URI: a task JSON tab names its task, a task view is the active panel.
  const fromUri = arg instanceof vscode.Uri ? ctx.documents.taskOf(arg) : undefined;
  const given = arg instanceof vscode.Uri ? fromUri : arg;
  const node = given ?? ctx.panels.all().find((p) => p.panel.active)?.target ?? ctx.view.selection[0];
  if (node instanceof EntryNode) return node.entry.task ? { connection: node.connection, taskId: node.entry.task.id } : undefined;
  const t = node as Partial<TaskTarget> | undefined;
  return t?.connection && typeof t.taskId === 'string' ? { connection: t.connection, taskId: t.taskId } : undefined;
}
