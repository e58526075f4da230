import type * as vscode from 'vscode';
import type { TaskDocument } from '../../core/platform/platform';
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
export class EditorPanelHost implements Omit<TaskPanelHost, 'onPinned' | 'onDisposed'> {
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

  revealInTree(target: TaskTarget, treePath: readonly string[]): Promise<unknown> {
    if (target.file) return Promise.resolve(undefined);
    // Asked for by a click in the task view, so the tree may take focus (if it answers promptly).
    return this.tree.revealKeys(this.view, target.connection, treePath, { focus: true });
  }
}
