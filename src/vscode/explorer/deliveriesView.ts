import * as vscode from 'vscode';
import { findManifests, readDelivery, sortDeliveries, type DeliveryListing } from '../../core/download/deliveries';
import { formatNumber, shortDate } from '../../shared/format';
import { CommandIds } from '../commandIds';
import type { Log } from '../log';

const MANIFESTS = '**/*.jsonl.manifest.json';
/** A workspace with more manifests than this lists the newest ones and says so. */
const MAX_LISTED = 500;

/**
 * "Downloaded Deliveries" in the Task Lens sidebar: every download manifest in the workspace (name,
 * source, count, date, complete or partial), read from disk, so it works without a connection. A
 * click opens the file in the delivery explorer. Kept current by a watcher on the manifests.
 */
export class DeliveriesView implements vscode.TreeDataProvider<DeliveryListing>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private listed: DeliveryListing[] | undefined;
  truncated = false;

  constructor(private readonly log: Log) {
    const watcher = vscode.workspace.createFileSystemWatcher(MANIFESTS);
    let timer: NodeJS.Timeout | undefined;
    const refresh = () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.refresh(), 300);
    };
    this.subscriptions.push(
      watcher,
      watcher.onDidCreate(refresh),
      watcher.onDidChange(refresh),
      watcher.onDidDelete(refresh),
      vscode.workspace.onDidChangeWorkspaceFolders(refresh),
      { dispose: () => clearTimeout(timer) },
    );
  }

  refresh(): void {
    this.listed = undefined;
    this.changed.fire();
  }

  /** The listing as the view shows it (for tests). */
  async deliveries(): Promise<DeliveryListing[]> {
    if (!this.listed) {
      const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
      const found = (await Promise.all(folders.map((f) => findManifests(f.uri.fsPath, { limit: MAX_LISTED + 1 })))).flat();
      this.truncated = found.length > MAX_LISTED;
      const read = await Promise.all(
        found.slice(0, MAX_LISTED).map((file) =>
          readDelivery(file).catch((error: unknown) => {
            this.log.warn(`Downloaded Deliveries: could not read ${file}: ${String(error)}`);
            return undefined;
          }),
        ),
      );
      this.listed = sortDeliveries(read.filter((d): d is DeliveryListing => d !== undefined));
    }
    return this.listed;
  }

  async getChildren(element?: DeliveryListing): Promise<DeliveryListing[]> {
    return element ? [] : this.deliveries();
  }

  getTreeItem(d: DeliveryListing): vscode.TreeItem {
    const item = new vscode.TreeItem(d.name, vscode.TreeItemCollapsibleState.None);
    item.id = d.manifest;
    const uri = vscode.Uri.file(d.file);
    const when = d.date ? shortDate(d.date) : '';
    const count = vscode.l10n.t('{0} tasks', formatNumber(d.count));
    const state = d.problem
      ? vscode.l10n.t('unreadable manifest')
      : d.changed
        ? vscode.l10n.t('changed since downloaded')
        : d.status === 'complete'
          ? ''
          : vscode.l10n.t('partial');
    item.description = [count, when, state].filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon(
      d.problem || d.changed ? 'warning' : d.status === 'complete' ? 'table' : 'history',
      d.status === 'complete' && !d.problem && !d.changed ? undefined : new vscode.ThemeColor('taskLens.status.pending'),
    );
    const tooltip = new vscode.MarkdownString(undefined, false);
    tooltip.appendText(`${d.name}\n\n`);
    if (d.source) tooltip.appendText(`${d.source}\n\n`);
    tooltip.appendText(`${count}${when ? ` · ${d.date}` : ''} · ${d.status}\n\n${vscode.workspace.asRelativePath(uri)}`);
    if (d.problem) tooltip.appendText(`\n\n${vscode.l10n.t('The manifest could not be read: {0}', d.problem)}`);
    if (d.changed)
      tooltip.appendText(
        `\n\n${vscode.l10n.t('The task file is not the download its manifest records: {0}. Download it again to replace it.', d.changed)}`,
      );
    if (!d.fileExists) tooltip.appendText(`\n\n${vscode.l10n.t('The task file is not there (yet): resume the download to finish it.')}`);
    item.tooltip = tooltip;
    item.resourceUri = uri;
    item.contextValue = d.fileExists ? 'delivery' : 'deliveryMissing';
    item.accessibilityInformation = { label: `${d.name}, ${item.description}` };
    if (d.fileExists)
      item.command = { command: CommandIds.openInExplorer, title: vscode.l10n.t('Open in Delivery Explorer'), arguments: [uri] };
    return item;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
