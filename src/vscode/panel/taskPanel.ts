import * as vscode from 'vscode';
import type { LiveState, TaskDocument } from '../../core/platform/platform';
import { redactTaskSecrets } from '../../core/secrets/taskSecrets';
import { isAllowedLinkUrl } from '../../shared/links';
import { taskLabel } from '../../shared/taskLabel';
import {
  isPageToHost,
  type CompareSide,
  type HostToPage,
  type PageToHost,
  type RenderContext,
  type TaskAction,
} from '../../shared/protocol';
import { isStuckNow } from '../live/liveSettings';
import { CommandIds } from '../commandIds';
import { fileRefOf, type TaskTarget } from '../taskTarget';
import { shownText } from '../labels';
import type { Log } from '../log';
import { taskPanelHtml } from './panelHtml';
import { localizedPageStrings } from './pageStrings';

export const TASK_VIEW_TYPE = 'taskLens.task';

/** What a panel needs from the rest of the extension. */
export interface TaskPanelHost {
  readonly extensionUri: vscode.Uri;
  readonly log: Log;
  fetchTask(target: TaskTarget, signal: AbortSignal): Promise<TaskDocument>;
  openJson(target: TaskTarget): Promise<unknown>;
  revealInTree(target: TaskTarget, treePath: readonly string[]): Promise<unknown>;
  /** For a task from a task file: the neighbour in the explorer's set (Previous / Next), if any. */
  navigate?(target: TaskTarget, delta: 1 | -1): TaskTarget | undefined;
  /** For a task from a task file: its 1-based place in the explorer's set. */
  navigation?(target: TaskTarget): { position: number; count: number } | null;
  /** VS Code's diff editor on two candidate texts of a task. */
  compare(target: TaskTarget, left: CompareSide, right: CompareSide): Promise<void>;
  /** The reviewer's blind choices for a task (turn key → source_id), kept in the workspace. */
  reviewChoices(target: TaskTarget): Record<string, string>;
  setReviewChoice(target: TaskTarget, turn: string, sourceId: string | null): Promise<void>;
  /** The tab is now pinned: the next single-click opens a new preview panel. */
  onPinned(panel: TaskPanel): void;
  onDisposed(panel: TaskPanel): void;
  /** Where a shown task stands, for platforms whose tasks move (undefined otherwise). */
  liveStateOf(target: TaskTarget, raw: unknown): Promise<LiveState | undefined>;
  /** Actions the toolbar offers for a task in this state (e.g. none in Restricted Mode). */
  actionsFor(state: LiveState | undefined): TaskAction[];
  /** Runs a task action asked for from the page. */
  runAction(action: TaskAction, target: TaskTarget): Promise<unknown>;
  /** Shown, hidden, rendered a (live) task: the live watcher looks again. */
  onStateChanged(panel: TaskPanel): void;
}

export interface RenderTiming {
  readonly first?: number;
  readonly complete?: number;
  /** Elements in the page at the last report. */
  readonly nodes?: number;
}

/** One task view panel: loads its task, renders it through messages, answers the page. */
export class TaskPanel {
  private ready = false;
  private revealSecrets = false;
  /** Blind review stays on for the next tasks shown in this panel until the reviewer reveals. */
  private blind = false;
  private loading: AbortController | undefined;
  private doc: TaskDocument | undefined;
  /** The target `doc` was fetched for; a page that comes back for it is handed the same task. */
  private docTarget: TaskTarget | undefined;
  /** Where the shown task stands (live platforms only). */
  live: LiveState | undefined;
  timing: RenderTiming = {};

  constructor(
    readonly panel: vscode.WebviewPanel,
    public target: TaskTarget,
    public pinned: boolean,
    private readonly host: TaskPanelHost,
  ) {
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(host.extensionUri, 'dist'), vscode.Uri.joinPath(host.extensionUri, 'media')],
    };
    panel.iconPath = vscode.Uri.joinPath(host.extensionUri, 'media', 'task-lens.svg');
    panel.webview.onDidReceiveMessage((msg: unknown) => this.onMessage(msg));
    panel.onDidDispose(() => {
      this.loading?.abort();
      host.onDisposed(this);
    });
    panel.onDidChangeViewState(() => host.onStateChanged(this));
    this.show(target);
  }

  /** Shows another task in this panel (the reused preview panel) or reloads the current one. */
  show(target: TaskTarget): void {
    this.target = target;
    this.revealSecrets = false;
    if (target.document) {
      // Fetched already (Go to Task by ID fetches it to name the tab): show that, not a second copy.
      this.doc = target.document;
      this.docTarget = target;
    }
    this.panel.title = vscode.l10n.t('Task {0}', taskLabel(shownText(target.taskId)));
    if (!this.ready) this.panel.webview.html = taskPanelHtml(this.panel.webview, this.host.extensionUri, this.panel.title);
    else if (this.docTarget === target) this.render();
    else void this.load();
  }

  private post(message: HostToPage): void {
    void this.panel.webview.postMessage(message);
  }

  /** Whether the tab is showing (not hidden behind another tab). */
  get visible(): boolean {
    return this.panel.visible;
  }

  /** The task as last fetched (as the API returned it), for the live watcher. */
  get raw(): unknown {
    return this.docTarget === this.target ? this.doc?.raw : undefined;
  }

  /**
   * The task changed on the server. In flight: redrawn in place from the new task. Settled: read
   * again with its assets (an output asset is ready now, or failed), without a loading flash.
   */
  liveUpdate(raw: unknown, state: LiveState | undefined): void {
    if (!this.doc || this.docTarget !== this.target) return;
    const settled = state !== undefined && !state.inFlight;
    this.live = state;
    this.doc = { ...this.doc, raw };
    if (settled) {
      void this.load({ quiet: true });
      return;
    }
    const shown = this.revealSecrets ? raw : redactTaskSecrets(raw);
    this.post({ type: 'live', task: shown, stuck: isStuckNow(state), actions: this.host.actionsFor(state) });
  }

  private async load(options: { quiet?: boolean } = {}): Promise<void> {
    this.loading?.abort();
    const abort = new AbortController();
    this.loading = abort;
    this.timing = {};
    if (!options.quiet) this.post({ type: 'loading' });
    try {
      const target = this.target;
      const doc = await this.host.fetchTask(target, abort.signal);
      if (abort.signal.aborted) return;
      this.doc = doc;
      this.docTarget = target;
      this.live = await this.host.liveStateOf(target, doc.raw).catch(() => undefined);
      if (abort.signal.aborted) return;
      this.render();
      this.host.onStateChanged(this);
    } catch (err) {
      if (abort.signal.aborted) return;
      const message = err instanceof Error ? err.message : String(err);
      this.host.log.warn(`Task ${this.target.taskId} on “${this.target.connection.name}” could not be loaded: ${message}`);
      this.post({ type: 'error', message });
    }
  }

  private render(): void {
    if (!this.doc) return;
    const context: RenderContext = {
      connectionName: this.target.connection.name,
      platform: this.target.connection.kind,
      projectName: this.doc.context.projectName ?? null,
      batchName: this.doc.context.batchName ?? null,
      pinned: this.pinned,
      revealSecrets: this.revealSecrets,
      ...(this.target.file
        ? {
            file: vscode.l10n.t('{0}, line {1}', this.target.connection.name, this.target.file.entry.lineNumber),
            fileRef: fileRefOf(this.target.file),
            navigation: this.host.navigation?.(this.target) ?? null,
          }
        : {}),
      stuck: isStuckNow(this.live),
      actions: this.host.actionsFor(this.live),
      review: { blind: this.blind, choices: this.host.reviewChoices(this.target) },
    };
    // Credentials reach the page only after the person clicked Reveal.
    const shown = <T>(raw: T): T => (this.revealSecrets ? raw : redactTaskSecrets(raw));
    const related = this.doc.related?.map((r) => ({
      label: r.label,
      type: r.type,
      id: r.id,
      raw: shown(r.raw),
      problem: r.problem ?? null,
    }));
    this.post({ type: 'render', task: shown(this.doc.raw), context, ...(related ? { related } : {}) });
  }

  private onMessage(msg: unknown): void {
    // The page is a browser sandbox showing hostile data: check every message before acting.
    if (!isPageToHost(msg)) {
      this.host.log.warn('Ignored a malformed message from the task view.');
      return;
    }
    void this.handle(msg).catch((err) => this.host.log.error('Task view action failed', err));
  }

  private async handle(msg: PageToHost): Promise<void> {
    switch (msg.type) {
      case 'ready':
        // The page is rebuilt each time its hidden tab is shown again: hand back the task it had
        // rather than fetching it again (Refresh is the way to ask the server anew).
        this.ready = true;
        this.post(localizedPageStrings());
        if (this.doc && this.docTarget === this.target) return this.render();
        return this.load();
      case 'openLink':
        if (isAllowedLinkUrl(msg.url)) await vscode.env.openExternal(vscode.Uri.parse(msg.url, true));
        else this.host.log.warn('Refused to open a link with a scheme other than http, https or mailto.');
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(msg.text.slice(0, 100_000));
        vscode.window.setStatusBarMessage(vscode.l10n.t('Copied'), 2000);
        return;
      case 'revealSecrets':
        this.revealSecrets = true;
        return this.render();
      case 'rendered':
        this.timing = { ...this.timing, [msg.phase]: msg.ms, ...(msg.nodes !== undefined ? { nodes: msg.nodes } : {}) };
        this.host.log.debug(`Task ${this.target.taskId}: ${msg.phase} render in ${msg.ms.toFixed(1)} ms`);
        return;
      case 'command':
        return this.command(msg.name);
      case 'compare':
        return this.host.compare(this.target, msg.left, msg.right);
      case 'review':
        if (msg.choice) await this.host.setReviewChoice(this.target, msg.choice.turn, msg.choice.sourceId);
        if (msg.blind !== undefined && msg.blind !== this.blind) {
          this.blind = msg.blind;
          this.render();
        }
        return;
    }
  }

  private async command(name: Extract<PageToHost, { type: 'command' }>['name']): Promise<void> {
    const treePath = this.doc?.treePath ?? [];
    switch (name) {
      case 'openJson':
        await this.host.openJson(this.target);
        return;
      case 'copyId':
        await vscode.env.clipboard.writeText(this.target.taskId);
        vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', this.target.taskId), 2000);
        return;
      case 'copyLink':
        await vscode.commands.executeCommand(CommandIds.copyLink, this.target);
        return;
      case 'refresh':
        return this.load();
      case 'pin':
        this.pinned = true;
        this.host.onPinned(this);
        return this.render();
      case 'revealInTree':
        await this.host.revealInTree(this.target, treePath);
        return;
      case 'revealProject':
        await this.host.revealInTree(this.target, treePath.slice(0, 1));
        return;
      case 'revealBatch':
        await this.host.revealInTree(this.target, treePath.slice(0, -1));
        return;
      case 'previous':
      case 'next': {
        const next = this.host.navigate?.(this.target, name === 'next' ? 1 : -1);
        if (next) this.show(next);
        return;
      }
      case 'retryTask':
      case 'downloadOutput':
        await this.host.runAction(name, this.target);
        return;
    }
  }
}
