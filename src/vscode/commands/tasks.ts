import * as vscode from 'vscode';
import { TASK_ID_PATTERN } from '../../shared/taskLink';
import type { Connection } from '../connections';
import type { TaskTarget } from '../taskTarget';
import { showTaskJson } from '../documents/showTaskJson';
import { shownText } from '../labels';
import { pickConnection } from '../pickers';
import { TASK_SCHEME, TaskDocumentProvider } from '../documents/taskDocuments';
import { EntryNode } from '../tree/entryNode';
import type { TreeNode } from '../tree/node';
import { UserIntent } from '../userIntent';
import type { CommandContext } from './context';

/** A task to act on, and the user's request for it (from when the task ID was entered). */
export type AskedTask = TaskTarget & { readonly intent: UserIntent };

export async function taskTarget(ctx: CommandContext, node: unknown, title: string): Promise<AskedTask | undefined> {
  if (node instanceof EntryNode && node.entry.task)
    return {
      connection: node.connection,
      taskId: node.entry.task.id,
      pathSegments: node.entry.task.pathSegments,
      intent: new UserIntent(ctx.view),
    };
  if (node instanceof vscode.Uri) {
    // An editor-title button: on a task JSON tab, that tab's task; on a task view, the view's task.
    const shown = ctx.documents.taskOf(node) ?? ctx.panels.all().find((p) => p.panel.active)?.target;
    if (shown)
      return { connection: shown.connection, taskId: shown.taskId, pathSegments: shown.pathSegments, intent: new UserIntent(ctx.view) };
  }
  const connection = (node as TreeNode | undefined)?.connection ?? (await pickConnection(ctx.store, title));
  if (!connection) return undefined;
  const taskId = (
    await vscode.window.showInputBox({
      title,
      prompt: vscode.l10n.t('Task ID on “{0}”', shownText(connection.name)),
      placeHolder: '6650f0c2a1b2c3d4e5f60001',
      ignoreFocusOut: true,
      validateInput: (v) =>
        TASK_ID_PATTERN.test(v.trim()) ? undefined : vscode.l10n.t('A task ID is letters, digits, “_”, “-”, “.” or “:”.'),
    })
  )?.trim();
  if (!taskId) return undefined;
  return fetchedTarget(ctx, connection, taskId);
}

/** A task asked for by connection and id (palette, deep link): fetched first, for its names and tree path. */
export async function fetchedTarget(ctx: CommandContext, connection: Connection, taskId: string): Promise<AskedTask> {
  const intent = new UserIntent(ctx.view);
  // The names in the tab's path come from the task itself.
  const doc = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Fetching task {0}…', taskId) },
    async () => (await ctx.platforms.get(connection)).getTask(taskId),
  );
  return { connection, taskId: doc.id, pathSegments: doc.pathSegments, treePath: doc.treePath, document: doc, intent };
}

/** Opens a task's JSON in a read-only preview tab (the next one reuses it). */
export async function openTaskJson(ctx: CommandContext, node?: unknown): Promise<vscode.TextEditor | undefined> {
  const target = await taskTarget(ctx, node, vscode.l10n.t('Open Task JSON'));
  if (!target) return undefined;
  return showTaskJson(target, { preserveFocus: !target.intent.mayFocus() });
}

/** Writes the task JSON shown in the active tab (or of a tree item) to a file the user picks. */
export async function saveTaskJsonCopy(ctx: CommandContext, node?: unknown, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  let source = vscode.window.activeTextEditor?.document;
  if (node instanceof EntryNode && node.entry.task)
    source = await vscode.workspace.openTextDocument(
      TaskDocumentProvider.uriFor(node.connection, node.entry.task.id, node.entry.task.pathSegments),
    );
  if (!source || source.uri.scheme !== TASK_SCHEME) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a task’s JSON first (Task Lens: Open Task JSON…).'));
    return undefined;
  }
  const fileName = source.uri.path.split('/').pop() ?? 'task.json';
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const destination =
    target ??
    (await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, fileName) : undefined,
      filters: { JSON: ['json'] },
      saveLabel: vscode.l10n.t('Save Copy'),
    }));
  if (!destination) return undefined;
  await vscode.workspace.fs.writeFile(destination, new TextEncoder().encode(source.getText()));
  ctx.log.info(`Saved a copy of ${fileName} to ${destination.fsPath}`);
  const open = vscode.l10n.t('Open');
  void vscode.window.showInformationMessage(vscode.l10n.t('Saved {0}', vscode.workspace.asRelativePath(destination)), open).then((a) => {
    if (a === open) void vscode.window.showTextDocument(destination);
  });
  return destination;
}

/**
 * Opens the task view: single-click reuses the preview panel; `pin` gives the task its own;
 * `reveal` also selects the task in the tree. A task that had to be fetched first opens without
 * taking focus (the user may be typing in the palette by now), one that arrives after the user
 * moved on is not revealed in the tree, and the tree never takes focus here.
 */
export async function openTask(ctx: CommandContext, node?: unknown, options: { pin?: boolean; reveal?: boolean } = {}): Promise<void> {
  const target = await taskTarget(ctx, node, options.pin ? vscode.l10n.t('Open Task (Pinned)') : vscode.l10n.t('Open Task'));
  if (target) await showTask(ctx, target, options);
}

/** Shows a task target in the task view (see `openTask`). */
export async function showTask(ctx: CommandContext, target: AskedTask, options: { pin?: boolean; reveal?: boolean } = {}): Promise<void> {
  const { intent } = target;
  const movedOn = intent.movedOn();
  // A task fetched first (Go to Task by ID) never takes focus: a webview applies the focus it was
  // opened with only once its frame has loaded, seconds later on a busy machine, by which time the
  // user may be typing in the palette.
  ctx.panels.open(target, { pin: options.pin, preserveFocus: target.document !== undefined || !intent.mayFocus() });
  if (options.reveal && !movedOn) {
    intent.settle();
    const treePath = target.treePath ?? (await (await ctx.platforms.get(target.connection)).getTask(target.taskId)).treePath;
    await ctx.tree.revealKeys(ctx.view, target.connection, treePath, { intent });
  }
}
