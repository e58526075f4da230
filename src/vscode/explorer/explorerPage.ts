import * as path from 'node:path';
import * as vscode from 'vscode';
import { withCancellableProgress } from '../cancellableProgress';
import { tableFacets } from '../../core/taskfile/tableFacets';
import type { TableColumn } from '../../core/taskfile/tableView';
import {
  isExplorerToHost,
  type ExplorerCommand,
  type ExplorerQuery,
  type ExplorerToHost,
  type HostToExplorer,
} from '../../shared/explorerProtocol';
import type { Log } from '../log';
import { localizedPageStrings } from '../panel/pageStrings';
import { explorerHtml } from './explorerHtml';
import type { ExplorerModel, QueryOutcome } from './explorerModel';
import { isCancelledError } from '../../core/http/errors';

/** What a page asks of the explorers: open a row, run a toolbar command, index again. */
export interface ExplorerPageHost {
  readonly extensionUri: vscode.Uri;
  readonly log: Log;
  readonly memento: vscode.Memento;
  openRow(model: ExplorerModel, position: number, pin: boolean): Promise<void>;
  command(model: ExplorerModel, name: ExplorerCommand, position: number | undefined): Promise<void>;
  reindex(model: ExplorerModel): Promise<void>;
}

/** Fixed columns shown until the user picks; annotation keys after them, the first few. */
const DEFAULT_FIXED = ['taskId', 'status', 'completedAt', 'turns', 'messages', 'preferred'];
const DEFAULT_KEYS = 8;

/** One explorer tab: the webview of a model. Posts sets and windows of rows; never the whole file. */
export class ExplorerPage implements vscode.Disposable {
  private ready = false;
  private visible: string[] = [];
  private readonly subscriptions: vscode.Disposable[] = [];
  /** For tests: when the page last drew rows, and how long a window took to reach it. */
  readonly timing: { tableShown?: number; firstRowsMs?: number; rowsShown: number } = { rowsShown: 0 };

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly model: ExplorerModel,
    private readonly host: ExplorerPageHost,
  ) {
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(host.extensionUri, 'dist'), vscode.Uri.joinPath(host.extensionUri, 'media')],
    };
    panel.iconPath = vscode.Uri.joinPath(host.extensionUri, 'media', 'task-lens.svg');
    panel.webview.html = explorerHtml(panel.webview, host.extensionUri, path.basename(model.uri.fsPath));
    this.subscriptions.push(
      panel.webview.onDidReceiveMessage((msg: unknown) => this.onMessage(msg)),
      model.onDidChange(() => this.postSet(null)),
    );
  }

  private get memoryKey(): string {
    return `taskLens.explorer.columns:${this.model.uri.toString()}`;
  }

  post(message: HostToExplorer): void {
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  /** The index is ready (first time or rebuilt): the page gets the columns, then the set. */
  showTable(): void {
    const index = this.model.index;
    if (!index) return;
    const columns = this.model.columns;
    this.visible = this.rememberedColumns(columns);
    this.post({
      type: 'table',
      fileName: path.basename(this.model.uri.fsPath),
      columns: columns.map((c) => ({ ...c })),
      visible: this.visible,
      facets: JSON.parse(JSON.stringify(tableFacets(index))),
      unreadable: index.unreadable.length,
    });
    this.postSet(null);
  }

  postSet(error: string | null, busy = false): void {
    const m = this.model;
    this.post({
      type: 'set',
      version: m.version,
      count: m.rows.length,
      total: m.index?.size ?? 0,
      query: { conditions: [...m.query.conditions], statuses: [...m.query.statuses], search: m.query.search },
      sort: m.sort ? { ...m.sort } : null,
      visible: this.visible,
      warnings: [...m.warnings],
      error,
      busy,
      ms: m.lastMs,
    });
  }

  private rememberedColumns(columns: readonly TableColumn[]): string[] {
    const known = new Set(columns.map((c) => c.id));
    const saved = this.host.memento.get<unknown>(this.memoryKey);
    if (Array.isArray(saved)) {
      const kept = saved.filter((id): id is string => typeof id === 'string' && known.has(id));
      if (kept.length > 0) return kept;
    }
    const keys = columns.filter((c) => c.id.startsWith('a:')).slice(0, DEFAULT_KEYS);
    return [...DEFAULT_FIXED.filter((id) => known.has(id)), ...keys.map((c) => c.id)];
  }

  private onMessage(msg: unknown): void {
    if (!isExplorerToHost(msg)) {
      this.host.log.warn('Ignored a malformed message from the delivery explorer.');
      return;
    }
    void this.handle(msg).catch((err) => {
      this.host.log.error('Delivery explorer action failed', err);
      void vscode.window.showErrorMessage(err instanceof Error ? err.message : String(err));
    });
  }

  private async handle(msg: ExplorerToHost): Promise<void> {
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        this.post(localizedPageStrings());
        if (this.model.index) this.showTable();
        return;
      case 'query': {
        const outcome = this.model.needsSearchPass(msg.query.search)
          ? await this.searchThenApply(msg.query)
          : await this.model.apply(msg.query, this.model.sort);
        if (!outcome.ok) this.postSet(outcome.error);
        return;
      }
      case 'sort':
        await this.model.apply(this.model.query, msg.sort);
        return;
      case 'columns': {
        const known = new Set(this.model.columns.map((c) => c.id));
        this.visible = msg.visible.filter((id) => known.has(id));
        await this.host.memento.update(this.memoryKey, this.visible);
        this.postSet(null);
        return;
      }
      case 'rows': {
        if (msg.version !== this.model.version) return;
        const started = performance.now();
        const rows = this.model.window(msg.start, msg.count, this.visible);
        this.post({ type: 'rows', version: msg.version, start: msg.start, rows: rows.map((r) => ({ ...r, cells: [...r.cells] })) });
        this.timing.rowsShown++;
        if (this.timing.firstRowsMs === undefined) this.timing.firstRowsMs = performance.now() - started;
        return;
      }
      case 'open':
        return this.host.openRow(this.model, msg.position, msg.pin);
      case 'command':
        if (msg.name === 'reindex') return this.host.reindex(this.model);
        return this.host.command(this.model, msg.name, msg.position);
    }
  }

  /** `--search` reads every message text again: a pass over the file, with progress and Cancel. */
  private async searchThenApply(query: ExplorerQuery): Promise<QueryOutcome> {
    this.postSet(null, true);
    try {
      return await withCancellableProgress(
        vscode.l10n.t('Searching the messages of “{0}” for “{1}”', path.basename(this.model.uri.fsPath), query.search.trim()),
        (_progress, signal) => this.model.apply(query, this.model.sort, signal),
      );
    } catch (error) {
      if (isCancelledError(error)) return { ok: false, error: vscode.l10n.t('The search was cancelled; the filter is as it was.') };
      throw error;
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
