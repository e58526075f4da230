import * as path from 'node:path';
import * as vscode from 'vscode';
import { CancelledError } from '../../core/http/errors';
import { ConditionSyntaxError, parseCondition } from '../../core/taskfile/conditions';
import { localizedConditionError } from '../explorer/conditionText';
import { indexTaskFile } from '../../core/taskfile/indexFile';
import { filterRows } from '../../core/taskfile/matcher';
import { buildReport } from '../../core/taskfile/report';
import type { TaskFileReport } from '../../core/taskfile/reportTypes';
import type { TaskIndex } from '../../core/taskfile/taskIndex';
import { formatBytes, formatNumber } from '../../shared/format';
import { isReportToHost, type HostToReport, type ReportFilter, type ReportScope, type ReportToHost } from '../../shared/reportProtocol';
import type { Log } from '../log';
import { exportReport } from './reportExport';
import { localizedPageStrings } from '../panel/pageStrings';
import { reportPanelHtml } from './reportHtml';

export const REPORT_VIEW_TYPE = 'taskLens.report';

/** A click in the report, as the explorer will receive it: the tasks it selects, in the `--where` grammar. */
export interface ReportFilterRequest {
  readonly file: vscode.Uri;
  readonly conditions: readonly string[];
  /** Set by a click on a status bar (statuses are not `--where` conditions). */
  readonly statuses?: readonly string[];
}

export interface ReportPanelHost {
  readonly extensionUri: vscode.Uri;
  readonly log: Log;
  onFilterRequested(request: ReportFilterRequest): void;
  onDisposed(panel: ReportPanel): void;
}

/** How long the last report took, for the tests and the log. */
export interface ReportTiming {
  readonly indexMs?: number;
  readonly reportMs?: number;
  readonly tasks?: number;
  /** What the page took to draw the last report (its own measure). */
  readonly pageMs?: number;
}

/**
 * One quality report panel over one task file. It indexes the file itself (progress and Cancel on
 * the page) unless it is handed an index, then computes the report for the whole file, for the
 * subset a click selected (clicks and-ed together, cleared on the page), or for the rows an
 * explorer follows (`follow`), in which case clicks only go out through `onFilterRequested`.
 */
export class ReportPanel {
  private index: TaskIndex | undefined;
  private indexing: AbortController | undefined;
  private ready = false;
  private local: Required<ReportFilter> = { conditions: [], statuses: [] };
  private followed: { rows: readonly number[] | undefined; label: string } | undefined;
  private contributorKey: string | undefined;
  private last: TaskFileReport | undefined;
  timing: ReportTiming = {};

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly file: vscode.Uri,
    private readonly host: ReportPanelHost,
    index?: TaskIndex,
  ) {
    this.index = index;
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(host.extensionUri, 'dist'), vscode.Uri.joinPath(host.extensionUri, 'media')],
    };
    panel.iconPath = vscode.Uri.joinPath(host.extensionUri, 'media', 'task-lens.svg');
    panel.title = vscode.l10n.t('Report: {0}', path.basename(file.fsPath));
    panel.webview.onDidReceiveMessage((msg: unknown) => this.onMessage(msg));
    panel.onDidDispose(() => {
      this.indexing?.abort();
      host.onDisposed(this);
    });
    panel.webview.html = reportPanelHtml(panel.webview, host.extensionUri, panel.title);
  }

  /** Shows the report of these rows of the file (the explorer's filtered set); all rows when undefined. */
  follow(rows: readonly number[] | undefined, label: string): void {
    this.followed = { rows, label };
    this.local = { conditions: [], statuses: [] };
    this.render();
  }

  /** Back to the report's own filtering (e.g. the explorer closed). */
  unfollow(): void {
    this.followed = undefined;
    this.render();
  }

  get report(): TaskFileReport | undefined {
    return this.last;
  }

  private post(message: HostToReport): void {
    void this.panel.webview.postMessage(message);
  }

  private async load(): Promise<void> {
    if (this.index || this.indexing) return;
    if (this.file.scheme !== 'file') {
      this.post({
        type: 'error',
        message: vscode.l10n.t('The quality report reads task files on disk; {0} is not one.', this.file.toString()),
      });
      return;
    }
    const abort = new AbortController();
    this.indexing = abort;
    const started = performance.now();
    let lastPost = 0;
    const name = path.basename(this.file.fsPath);
    this.post({ type: 'progress', fraction: 0, text: vscode.l10n.t('Reading {0}…', name) });
    try {
      const index = await indexTaskFile(this.file.fsPath, {
        signal: abort.signal,
        onProgress: (read, total) => {
          const now = performance.now();
          if (now - lastPost < 100) return;
          lastPost = now;
          const text = vscode.l10n.t('Reading {0}… {1} of {2}', name, formatBytes(read), formatBytes(total));
          this.post({ type: 'progress', fraction: total > 0 ? read / total : 0, text });
        },
      });
      this.index = index;
      this.timing = { indexMs: performance.now() - started };
      this.host.log.info(`Report: indexed ${name} (${formatNumber(index.size)} tasks) in ${this.timing.indexMs?.toFixed(0)} ms`);
      this.render();
    } catch (error) {
      if (error instanceof CancelledError || abort.signal.aborted) {
        this.panel.dispose();
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      this.host.log.warn(`Report: cannot read ${this.file.fsPath}: ${message}`);
      this.post({ type: 'error', message: vscode.l10n.t('Cannot read the task file: {0}', message) });
    } finally {
      this.indexing = undefined;
    }
  }

  private render(): void {
    const index = this.index;
    if (!index || !this.ready) return;
    const started = performance.now();
    let rows: readonly number[] | Uint32Array | undefined;
    let label: string | undefined;
    let origin: ReportScope['origin'];
    if (this.followed) {
      rows = this.followed.rows;
      label = rows ? this.followed.label : undefined;
      origin = 'explorer';
    } else if (this.local.conditions.length > 0 || this.local.statuses.length > 0) {
      const where = this.local.conditions.map(parseCondition);
      rows = filterRows(index, { where, statuses: this.local.statuses }).rows;
      label = describe(this.local);
      origin = 'report';
    }
    const report = buildReport(index, { rows, contributorKey: this.contributorKey });
    const ms = performance.now() - started;
    this.timing = { ...this.timing, reportMs: ms, tasks: report.tasks };
    this.last = report;
    const scope: ReportScope = {
      fileName: path.basename(this.file.fsPath),
      total: index.size,
      ...(label !== undefined ? { label, origin } : {}),
      ...(this.contributorKey !== undefined ? { contributorKey: this.contributorKey } : {}),
    };
    this.post({ type: 'report', report, scope, ms });
  }

  private onMessage(msg: unknown): void {
    // The page shows strangers' data: check every message before acting on it.
    if (!isReportToHost(msg)) {
      this.host.log.warn('Ignored a malformed message from the quality report.');
      return;
    }
    void this.handle(msg).catch((err) => {
      this.host.log.error('Quality report action failed', err);
      void vscode.window.showErrorMessage(err instanceof Error ? err.message : String(err));
    });
  }

  private async handle(msg: ReportToHost): Promise<void> {
    switch (msg.type) {
      case 'ready':
        // Also after the hidden tab's page was rebuilt: the index is kept, so this only redraws.
        this.ready = true;
        this.post(localizedPageStrings());
        if (this.index) return this.render();
        return this.load();
      case 'cancel':
        this.indexing?.abort();
        return;
      case 'filter':
        return this.requestFilter(msg.filter);
      case 'clearFilter':
        this.local = { conditions: [], statuses: [] };
        return this.render();
      case 'contributorKey':
        this.contributorKey = msg.key === '' ? undefined : msg.key;
        return this.render();
      case 'export':
        if (!this.last) return;
        await exportReport(this.file, this.last, this.title(), msg.charts, this.host.log);
        return;
      case 'rendered':
        this.timing = { ...this.timing, pageMs: msg.ms };
        return;
    }
  }

  private requestFilter(filter: ReportFilter): void {
    try {
      filter.conditions.forEach(parseCondition);
    } catch (error) {
      if (error instanceof ConditionSyntaxError) {
        void vscode.window.showWarningMessage(localizedConditionError(error));
        return;
      }
      throw error;
    }
    this.host.onFilterRequested({
      file: this.file,
      conditions: [...filter.conditions],
      ...(filter.statuses ? { statuses: [...filter.statuses] } : {}),
    });
    if (this.followed) return; // The explorer applies it and calls follow() with its new rows.
    // Clicks narrow step by step: conditions add up; a status click replaces the status.
    const conditions = [...this.local.conditions, ...filter.conditions.filter((c) => !this.local.conditions.includes(c))];
    this.local = { conditions, statuses: filter.statuses ? [...filter.statuses] : this.local.statuses };
    this.render();
  }

  private title(): string {
    const name = path.basename(this.file.fsPath);
    const subset = this.followed?.rows
      ? this.followed.label
      : this.local.conditions.length || this.local.statuses.length
        ? describe(this.local)
        : '';
    return subset ? `Quality report of ${name} (${subset})` : `Quality report of ${name}`;
  }
}

function describe(filter: Required<ReportFilter>): string {
  const statuses = filter.statuses.length > 0 ? [`status = ${filter.statuses.join(' or ')}`] : [];
  return [...statuses, ...filter.conditions].join(' and ');
}
