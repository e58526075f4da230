import * as vscode from 'vscode';
import type { LiveState, TaskDocument } from '../../core/platform/platform';
import type { TaskAction } from '../../shared/protocol';
import { CommandIds } from '../commandIds';
import { showTaskJson } from '../documents/showTaskJson';
import type { Log } from '../log';
import type { PlatformRegistry } from '../platforms';
import type { TaskTarget } from '../taskTarget';
import type { TreeNode } from '../tree/node';
import type { TaskLensTreeProvider } from '../tree/provider';
import type { TaskPanelHost } from './taskPanel';

/** Tasks read from task files (the delivery explorer): no connection, no network. */
export interface FileTaskSource {
  read(target: TaskTarget): Promise<TaskDocument>;
  openJson(target: TaskTarget): Promise<unknown>;
  navigate(target: TaskTarget, delta: 1 | -1): TaskTarget | undefined;
  navigation(target: TaskTarget): { position: number; count: number } | null;
}

/** What the task view panels ask of the rest of the editor: fetch a task, open its JSON, reveal it in the tree. */
export class EditorPanelHost implements Omit<TaskPanelHost, 'onPinned' | 'onDisposed' | 'onStateChanged'> {
  constructor(
    readonly extensionUri: vscode.Uri,
    readonly log: Log,
    private readonly platforms: PlatformRegistry,
    private readonly tree: TaskLensTreeProvider,
    private readonly view: vscode.TreeView<TreeNode>,
    private readonly files?: FileTaskSource,
  ) {}

  async fetchTask(target: TaskTarget, signal: AbortSignal): Promise<TaskDocument> {
    if (target.file) {
      if (!this.files) throw new Error('Tasks from task files cannot be shown here.');
      return this.files.read(target);
    }
    return (await this.platforms.get(target.connection)).getTask(target.taskId, { signal });
  }

  openJson(target: TaskTarget): Promise<unknown> {
    if (target.file && this.files) return this.files.openJson(target);
    return showTaskJson(target, { preview: false });
  }

  navigate(target: TaskTarget, delta: 1 | -1): TaskTarget | undefined {
    return target.file ? this.files?.navigate(target, delta) : undefined;
  }

  navigation(target: TaskTarget): { position: number; count: number } | null {
    return target.file ? (this.files?.navigation(target) ?? null) : null;
  }

  async liveStateOf(target: TaskTarget, raw: unknown): Promise<LiveState | undefined> {
    // A task read from a file is a snapshot: nothing is live, and it has no connection to ask.
    if (target.file) return undefined;
    return (await this.platforms.get(target.connection)).live?.stateOf(raw);
  }

  /** Retry writes to the server and a download to the disk: neither is offered in Restricted Mode. */
  actionsFor(state: LiveState | undefined): TaskAction[] {
    const actions: TaskAction[] = [];
    if (!vscode.workspace.isTrusted) return actions;
    if (state?.retryable) actions.push('retryTask');
    if (state?.hasOutput) actions.push('downloadOutput');
    return actions;
  }

  runAction(action: TaskAction, target: TaskTarget): Promise<unknown> {
    const command = action === 'retryTask' ? CommandIds.retryTask : CommandIds.downloadOutput;
    return Promise.resolve(vscode.commands.executeCommand(command, target));
  }

  revealInTree(target: TaskTarget, treePath: readonly string[]): Promise<unknown> {
    if (target.file) return Promise.resolve(undefined);
    // Asked for by a click in the task view, so the tree may take focus (if it answers promptly).
    return this.tree.revealKeys(this.view, target.connection, treePath, { focus: true });
  }
}
