import * as vscode from 'vscode';
import type { TaskIndex } from '../../core/taskfile/taskIndex';
import type { Log } from '../log';
import { REPORT_VIEW_TYPE, ReportPanel, type ReportFilterRequest } from './reportPanel';

/**
 * The quality report panels, one per task file, and the seam for the delivery explorer:
 *
 * - `onDidRequestFilter` fires for every click on a bar, bin or table button, with the `--where`
 *   conditions (and, for status bars, statuses) that select those tasks. The explorer applies them
 *   to its table.
 * - `follow(file, rows, label)` shows the report of the explorer's filtered rows ("Report of 1,204
 *   of 100,000 tasks"). From then on, clicks in that report only fire the event (the explorer
 *   filters and calls `follow` again); until an explorer follows, a click narrows the report itself.
 * - `show(file, { index })` opens the report with the explorer's index instead of reading the file again.
 */
export class ReportPanels implements vscode.Disposable {
  private readonly panels = new Map<string, ReportPanel>();
  private readonly filterRequests = new vscode.EventEmitter<ReportFilterRequest>();
  readonly onDidRequestFilter = this.filterRequests.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: Log,
  ) {}

  /** Opens (or reveals) the report of a task file. */
  show(file: vscode.Uri, options: { index?: TaskIndex; viewColumn?: vscode.ViewColumn } = {}): ReportPanel {
    const existing = this.panels.get(file.toString());
    if (existing) {
      existing.panel.reveal(options.viewColumn);
      return existing;
    }
    const webviewPanel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, 'Report', options.viewColumn ?? vscode.ViewColumn.Active, {
      enableScripts: true,
      enableFindWidget: true,
    });
    const panel = new ReportPanel(
      webviewPanel,
      file,
      {
        extensionUri: this.extensionUri,
        log: this.log,
        onFilterRequested: (request) => this.filterRequests.fire(request),
        onDisposed: (p) => {
          if (this.panels.get(p.file.toString()) === p) this.panels.delete(p.file.toString());
        },
      },
      options.index,
    );
    this.panels.set(file.toString(), panel);
    return panel;
  }

  /** The report of the explorer's filtered rows of `file` (row numbers of the file's index); opens it if needed. */
  follow(file: vscode.Uri, rows: readonly number[] | undefined, label: string, index?: TaskIndex): ReportPanel {
    const panel = this.panels.get(file.toString()) ?? this.show(file, { index, viewColumn: vscode.ViewColumn.Beside });
    panel.follow(rows, label);
    return panel;
  }

  /** The explorer of `file` closed: its report goes back to filtering by itself. */
  unfollow(file: vscode.Uri): void {
    this.panels.get(file.toString())?.unfollow();
  }

  get(file: vscode.Uri): ReportPanel | undefined {
    return this.panels.get(file.toString());
  }

  all(): ReportPanel[] {
    return [...this.panels.values()];
  }

  dispose(): void {
    for (const panel of this.panels.values()) panel.panel.dispose();
    this.filterRequests.dispose();
  }
}
