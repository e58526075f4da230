import * as vscode from 'vscode';
import type { LiveState, LiveTasks } from '../../core/platform/platform';
import { TaskPoller, type TaskChange } from '../../core/livepeer/poller';
import type { Task } from '../../core/livepeer/types';
import type { Connection, ConnectionStore } from '../connections';
import { shownText } from '../labels';
import type { Log } from '../log';
import type { TaskPanels } from '../panel/taskPanels';
import type { PlatformRegistry } from '../platforms';
import type { TreeNode } from '../tree/node';
import type { TaskLensTreeProvider } from '../tree/provider';
import { pollSeconds } from './liveSettings';

/**
 * Follows the tasks in flight that the person can see: those listed in the tree while the Task
 * Lens view is visible, and those shown in a visible task view. One poller per connection (core's
 * TaskPoller: backoff, stops once all are final); stopped as soon as nothing in flight is visible.
 * A change redraws the tree row and the task view in place; a watched task that completes or fails
 * is announced with an “Open” action.
 */
export class LiveWatcher implements vscode.Disposable {
  private readonly pollers = new Map<string, TaskPoller>();
  private readonly subscriptions: vscode.Disposable[];
  private queue: Promise<void> = Promise.resolve();
  private readonly pending: Array<{
    readonly connection: Connection;
    readonly taskId: string;
    readonly label: string;
    readonly phase: string;
    readonly pathSegments: readonly string[];
  }> = [];
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  /** What was announced (for tests): `completed: upload · intro.mp4`. */
  readonly notifications: string[] = [];

  constructor(
    private readonly tree: TaskLensTreeProvider,
    private readonly view: vscode.TreeView<TreeNode>,
    private readonly panels: TaskPanels,
    private readonly platforms: PlatformRegistry,
    store: ConnectionStore,
    private readonly log: Log,
  ) {
    const sync = (): void => void this.sync();
    this.subscriptions = [
      view.onDidChangeVisibility(sync),
      tree.onDidLoadList(sync),
      panels.onDidChangeState(sync),
      store.onDidChange(() => {
        this.stopAll();
        sync();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('taskLens.livepeer')) return;
        this.stopAll();
        sync();
      }),
    ];
  }

  /** Connections being polled now (for tests and the log). */
  get polling(): string[] {
    return [...this.pollers.keys()];
  }

  /** Looks at what is visible and starts, extends or stops the pollers to match. */
  sync(): Promise<void> {
    this.queue = this.queue.then(() => this.reconcile()).catch((error: unknown) => this.log.error('Live updates failed', error));
    return this.queue;
  }

  private wanted(): Map<string, Map<string, unknown>> {
    const wanted = new Map<string, Map<string, unknown>>();
    const add = (connection: string, live: LiveState | undefined, raw: unknown): void => {
      if (!live?.inFlight) return;
      let tasks = wanted.get(connection);
      if (!tasks) wanted.set(connection, (tasks = new Map()));
      tasks.set(live.taskId, raw);
    };
    if (this.view.visible)
      for (const { connectionName, entry } of this.tree.liveEntries()) add(connectionName, entry.live, entry.live?.raw);
    for (const panel of this.panels.all()) if (panel.visible) add(panel.target.connection.name, panel.live, panel.raw);
    return wanted;
  }

  private async reconcile(): Promise<void> {
    const wanted = this.wanted();
    for (const [name, poller] of this.pollers) {
      const tasks = wanted.get(name);
      // Nothing of it visible any more, or it polls tasks no longer shown: stop (a new one starts below).
      if (!tasks || poller.stopped || poller.inFlight.some((id) => !tasks.has(id))) {
        poller.stop();
        this.pollers.delete(name);
      }
    }
    for (const [name, tasks] of wanted) {
      const running = this.pollers.get(name);
      if (running) {
        for (const [id, raw] of tasks) if (!running.has(id)) running.watch(raw as Task);
        continue;
      }
      const connection = this.tree.connectionNamed(name);
      if (!connection) continue;
      const live = (await this.platforms.get(connection).catch(() => undefined))?.live;
      if (!live || this.pollers.has(name)) continue;
      this.start(connection, live, tasks);
    }
  }

  private start(connection: Connection, live: LiveTasks, tasks: Map<string, unknown>): void {
    const poller = new TaskPoller([...tasks.values()] as Task[], {
      fetchTask: async (id, signal) => (await live.fetch(id, { signal })) as Task,
      intervalMs: pollSeconds() * 1000,
      onChange: (change) => this.changed(connection, live, change),
      onError: (error, delayMs) =>
        this.log.warn(
          `${connection.name}: live update failed (${error instanceof Error ? error.message : String(error)}); next try in ${Math.round(delayMs / 1000)} s`,
        ),
    });
    this.pollers.set(connection.name, poller);
    this.log.info(`${connection.name}: following ${poller.inFlight.length} task(s) in flight`);
    void poller.start().then(() => {
      if (this.pollers.get(connection.name) === poller) this.pollers.delete(connection.name);
    });
  }

  private changed(connection: Connection, live: LiveTasks, change: TaskChange): void {
    const state = live.stateOf(change.task);
    this.tree.replaceLiveEntry(connection.name, change.id, (old) => live.entryFor(change.task, old.key));
    for (const panel of this.panels.all()) {
      if (panel.target.connection.name === connection.name && panel.target.taskId === change.id) panel.liveUpdate(change.task, state);
    }
    if (change.settled && state && (state.phase === 'completed' || state.phase === 'failed'))
      this.announce(connection, live, change, state);
  }

  /**
   * Announces a watched task that completed or failed. Several settling at once (a batch finishing)
   * make one notice, not a stack of them.
   */
  private announce(connection: Connection, live: LiveTasks, change: TaskChange, state: LiveState): void {
    const entry = live.entryFor(change.task, change.id);
    const label = shownText(entry.look.label);
    this.notifications.push(`${state.phase}: ${label}`);
    this.pending.push({ connection, taskId: change.id, label, phase: state.phase, pathSegments: entry.task?.pathSegments ?? [] });
    this.flushTimer ??= setTimeout(() => this.flush(), 500);
  }

  private flush(): void {
    this.flushTimer = undefined;
    const settled = this.pending.splice(0);
    const first = settled[0];
    if (!first) return;
    const open = vscode.l10n.t('Open');
    const failed = settled.filter((s) => s.phase === 'failed').length;
    const where = shownText(first.connection.name);
    const message =
      settled.length > 1
        ? vscode.l10n.t('{0} tasks on “{1}” finished: {2} completed, {3} failed.', settled.length, where, settled.length - failed, failed)
        : first.phase === 'completed'
          ? vscode.l10n.t('Task {0} on “{1}” completed.', first.label, where)
          : vscode.l10n.t('Task {0} on “{1}” failed.', first.label, where);
    // With several, Open shows the first failure (the one most likely to need a look).
    const target = settled.find((s) => s.phase === 'failed') ?? first;
    const shown = failed > 0 ? vscode.window.showWarningMessage(message, open) : vscode.window.showInformationMessage(message, open);
    void shown.then((picked) => {
      if (picked === open) this.panels.open({ connection: target.connection, taskId: target.taskId, pathSegments: target.pathSegments });
    });
  }

  /** After a retry: the task is in flight again; show it so and follow it. */
  async refreshTask(connection: Connection, live: LiveTasks, taskId: string): Promise<LiveState | undefined> {
    const raw = await live.fetch(taskId);
    const state = live.stateOf(raw);
    this.tree.replaceLiveEntry(connection.name, taskId, (old) => live.entryFor(raw, old.key));
    for (const panel of this.panels.all()) {
      if (panel.target.connection.name === connection.name && panel.target.taskId === taskId) panel.liveUpdate(raw, state);
    }
    this.stopAll();
    await this.sync();
    return state;
  }

  private stopAll(): void {
    for (const poller of this.pollers.values()) poller.stop();
    this.pollers.clear();
  }

  dispose(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.stopAll();
    for (const s of this.subscriptions) s.dispose();
  }
}
