import * as vscode from 'vscode';
import type { Children, Entry } from '../../core/platform/platform';
import { CommandIds } from '../commandIds';
import type { Connection } from '../connections';
import { NO_NAME, shownName, shownText } from '../labels';
import { relativeTime } from '../../shared/format';
import { isStuckNow } from '../live/liveSettings';
import { statusIcon, TreeNode } from './node';
import type { TreeContext } from './treeContext';

/** Any platform entry: a project, group, batch, delivery, task or asset. */
export class EntryNode implements TreeNode {
  readonly id: string;

  constructor(
    private readonly tree: TreeContext,
    readonly parent: TreeNode,
    readonly connection: Connection,
    readonly entry: Entry,
  ) {
    this.id = `${parent.id}/${entry.key}`;
  }

  get childSource(): Children | undefined {
    return this.entry.children;
  }

  getTreeItem(): vscode.TreeItem {
    const { entry } = this;
    const state = entry.children ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
    // An empty name would leave a blank row: say so, and show the id it has instead.
    const name = shownName(entry.look.label);
    const item = new vscode.TreeItem(name ?? NO_NAME, state);
    item.id = this.id;
    item.iconPath = statusIcon(entry.look.icon, entry.look.tone);
    const filter = this.tree.filterDescription(this);
    const stuck = isStuckNow(entry.live) && entry.live?.updatedAt !== undefined;
    const stuckNote = stuck ? vscode.l10n.t('stuck? no update {0}', relativeTime(entry.live?.updatedAt ?? 0)) : '';
    if (stuck) item.iconPath = statusIcon('warning', 'unknown');
    item.description = [name === undefined ? shownText(entry.copyId) : '', shownText(entry.look.description), stuckNote, shownText(filter)]
      .filter(Boolean)
      .join(' · ');
    if (entry.look.tooltip) item.tooltip = new vscode.MarkdownString(entry.look.tooltip);
    item.contextValue = contextValue(entry, Boolean(filter), stuck);
    item.accessibilityInformation = { label: [entry.type, name ?? NO_NAME, item.description].filter(Boolean).join(', ') };
    if (entry.task) item.command = { command: CommandIds.openTask, title: vscode.l10n.t('Open Task'), arguments: [this] };
    else if (entry.link) item.command = { command: CommandIds.openLink, title: vscode.l10n.t('Open Link'), arguments: [this] };
    return item;
  }

  getChildren(): Promise<TreeNode[]> {
    const source = this.entry.children;
    return source ? this.tree.childrenOf(this, async () => source) : Promise.resolve([]);
  }
}

/** Space-separated flags the menus in package.json match with regular expressions. */
function contextValue(entry: Entry, filtered: boolean, stuck: boolean): string {
  const flags = [`entry`, `type-${entry.type}`];
  if (entry.copyId) flags.push('hasId');
  if (entry.task) flags.push('task');
  if (entry.download) flags.push('downloadable', `download-${entry.download.kind}`);
  if (entry.sync) flags.push('syncable');
  if (entry.children?.mode === 'paged' && entry.children.filters?.length) flags.push('filterable');
  if (filtered) flags.push('filtered');
  if (entry.link) flags.push('link');
  if (entry.children) flags.push('refreshable');
  if (entry.live?.inFlight) flags.push('live');
  if (stuck) flags.push('stuck');
  if (entry.live?.retryable) flags.push('retryable');
  if (entry.live?.hasOutput) flags.push('hasOutput');
  return flags.join(' ');
}
