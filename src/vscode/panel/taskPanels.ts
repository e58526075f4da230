import * as vscode from 'vscode';
import { targetKey, type TaskTarget } from '../taskTarget';
import type { ConnectionStore } from '../connections';
import { TASK_VIEW_TYPE, TaskPanel, type TaskPanelHost } from './taskPanel';
import { messagePageHtml } from './panelHtml';
import { isPageState, type FileRef } from '../../shared/protocol';
import { restoreFileTarget } from '../explorer/fileRestore';

/**
 * The task view panels: one preview panel that single-clicks reuse, any number of pinned ones, and
 * restoring them after a window reload (re-fetching the task; nothing sensitive is persisted).
 */
export class TaskPanels implements vscode.WebviewPanelSerializer, vscode.Disposable {
  private readonly stateChanged = new vscode.EventEmitter<TaskPanel | undefined>();
  /** A panel was shown, hidden, closed or rendered a task (the live watcher listens). */
  readonly onDidChangeState = this.stateChanged.event;
  private preview: TaskPanel | undefined;
  private readonly panels = new Set<TaskPanel>();
  private readonly host: TaskPanelHost;

  constructor(
    host: Omit<TaskPanelHost, 'onPinned' | 'onDisposed' | 'onStateChanged'>,
    private readonly store: ConnectionStore,
  ) {
    // Delegates rather than spreading `host`: its methods may live on a class prototype.
    this.host = {
      extensionUri: host.extensionUri,
      log: host.log,
      fetchTask: (target, signal) => host.fetchTask(target, signal),
      openJson: (target) => host.openJson(target),
      revealInTree: (target, treePath) => host.revealInTree(target, treePath),
      navigate: (target, delta) => host.navigate?.(target, delta),
      navigation: (target) => host.navigation?.(target) ?? null,
      liveStateOf: (target, raw) => host.liveStateOf(target, raw),
      actionsFor: (state) => host.actionsFor(state),
      runAction: (action, target) => host.runAction(action, target),
      onStateChanged: (panel) => this.stateChanged.fire(panel),
      compare: (target, left, right) => host.compare(target, left, right),
      reviewChoices: (target) => host.reviewChoices(target),
      setReviewChoice: (target, turn, sourceId) => host.setReviewChoice(target, turn, sourceId),
      onPinned: (panel) => {
        if (this.preview === panel) this.preview = undefined;
      },
      onDisposed: (panel) => {
        this.panels.delete(panel);
        if (this.preview === panel) this.preview = undefined;
        this.stateChanged.fire(undefined);
      },
    };
  }

  /**
   * Opens a task: in the preview panel (reused), or in a panel of its own when `pin` is set.
   * `preserveFocus` shows it without taking focus (for a task that arrived after the user moved on).
   */
  open(target: TaskTarget, options: { pin?: boolean; preserveFocus?: boolean; viewColumn?: vscode.ViewColumn } = {}): TaskPanel {
    const preserveFocus = options.preserveFocus ?? false;
    const key = targetKey(target);
    const existing = [...this.panels].find((p) => targetKey(p.target) === key);
    if (existing) {
      existing.panel.reveal(undefined, preserveFocus);
      return existing;
    }
    if (this.preview && !options.pin) {
      this.preview.show(target);
      this.preview.panel.reveal(undefined, preserveFocus);
      return this.preview;
    }
    const panel = vscode.window.createWebviewPanel(
      TASK_VIEW_TYPE,
      target.taskId,
      { viewColumn: options.viewColumn ?? vscode.ViewColumn.Active, preserveFocus },
      { enableFindWidget: true, enableScripts: true },
    );
    const taskPanel = new TaskPanel(panel, target, Boolean(options.pin), this.host);
    this.panels.add(taskPanel);
    if (!options.pin) this.preview = taskPanel;
    return taskPanel;
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    if (isPageState(state) && state.file) return this.restoreFromFile(panel, state.file, state.taskId);
    const connection = isPageState(state) ? this.store.get(state.connectionName) : undefined;
    if (!isPageState(state) || !connection) {
      const why = isPageState(state)
        ? vscode.l10n.t('its connection “{0}” no longer exists.', state.connectionName)
        : vscode.l10n.t('the editor had not saved which task it showed yet.');
      panel.webview.html = messagePageHtml(
        vscode.l10n.t('This task view could not be restored: {0} Open the task again from the Task Lens view.', why),
      );
      return;
    }
    this.adopt(panel, { connection, taskId: state.taskId, pathSegments: [] });
  }

  /** A task view of a task file's line: shown again if the line still holds that task, offline. */
  private async restoreFromFile(panel: vscode.WebviewPanel, ref: FileRef, taskId: string): Promise<void> {
    let closed = false;
    const watch = panel.onDidDispose(() => (closed = true));
    const restored = await restoreFileTarget(ref, taskId);
    watch.dispose();
    if (closed) return;
    if ('target' in restored) return this.adopt(panel, restored.target);
    this.host.log.warn(`A task view of ${taskId} could not be restored: ${restored.problem}`);
    panel.webview.html = messagePageHtml(
      vscode.l10n.t('This task view could not be restored: {0} Open the task again from the Delivery Explorer.', restored.problem),
    );
  }

  private adopt(panel: vscode.WebviewPanel, target: TaskTarget): void {
    this.panels.add(new TaskPanel(panel, target, true, this.host));
  }

  /** The open panels, for tests and benchmarks. */
  all(): readonly TaskPanel[] {
    return [...this.panels];
  }

  dispose(): void {
    for (const p of this.panels) p.panel.dispose();
    this.stateChanged.dispose();
  }
}
