import type * as vscode from 'vscode';
import type { TaskDocument } from '../../core/platform/platform';
import { showTaskJson } from '../documents/showTaskJson';
import type { Log } from '../log';
import type { PlatformRegistry } from '../platforms';
import type { TaskTarget } from '../taskTarget';
import type { TreeNode } from '../tree/node';
import type { TaskLensTreeProvider } from '../tree/provider';
import type { TaskPanelHost } from './taskPanel';
import type { CompareSide } from '../../shared/protocol';
import type { CompareDocuments } from './compareDocuments';
import type { ReviewStore } from './reviewStore';

/** What the task view panels ask of the rest of the editor: fetch a task, open its JSON, reveal it in the tree. */
export class EditorPanelHost implements Omit<TaskPanelHost, 'onPinned' | 'onDisposed'> {
  constructor(
    readonly extensionUri: vscode.Uri,
    readonly log: Log,
    private readonly platforms: PlatformRegistry,
    private readonly tree: TaskLensTreeProvider,
    private readonly view: vscode.TreeView<TreeNode>,
    private readonly compareDocuments: CompareDocuments,
    private readonly reviews: ReviewStore,
  ) {}

  reviewChoices(target: TaskTarget): Record<string, string> {
    return this.reviews.choices(target);
  }

  setReviewChoice(target: TaskTarget, turn: string, sourceId: string | null): Promise<void> {
    return this.reviews.choose(target, turn, sourceId);
  }

  compare(target: TaskTarget, left: CompareSide, right: CompareSide): Promise<void> {
    return this.compareDocuments.open(target.taskId, left, right);
  }

  async fetchTask(target: TaskTarget, signal: AbortSignal): Promise<TaskDocument> {
    return (await this.platforms.get(target.connection)).getTask(target.taskId, { signal });
  }

  openJson(target: TaskTarget): Promise<unknown> {
    return showTaskJson(target, { preview: false });
  }

  revealInTree(target: TaskTarget, treePath: readonly string[]): Promise<unknown> {
    // Asked for by a click in the task view, so the tree may take focus (if it answers promptly).
    return this.tree.revealKeys(this.view, target.connection, treePath, { focus: true });
  }
}
