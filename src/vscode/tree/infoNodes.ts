import { formatNumber } from '../../shared/format';
import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import type { Connection } from '../connections';
import type { PagedList } from './pagedList';
import { TreeNode } from './node';

/** "Load more…" at the end of a paged list, with how many are loaded and the total when known. */
export class LoadMoreNode implements TreeNode {
  readonly id: string;
  readonly connection: Connection | undefined;

  constructor(
    readonly parent: TreeNode,
    readonly list: PagedList,
  ) {
    this.id = `${parent.id}/load-more`;
    this.connection = parent.connection;
  }

  getTreeItem(): vscode.TreeItem {
    const loaded = formatNumber(this.list.entries.length);
    const label = this.list.isLoading ? vscode.l10n.t('Loading…') : vscode.l10n.t('Load more…');
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.list.isLoading ? 'loading~spin' : 'ellipsis');
    item.description =
      this.list.total != null
        ? vscode.l10n.t('{0} of {1} loaded', loaded, formatNumber(this.list.total))
        : vscode.l10n.t('{0} loaded', loaded);
    item.contextValue = 'loadMore';
    item.command = { command: CommandIds.loadMore, title: vscode.l10n.t('Load More'), arguments: [this] };
    item.accessibilityInformation = { label: `${label} ${item.description}` };
    return item;
  }
}

export type ProblemKind = 'noKey' | 'auth' | 'unreachable' | 'other';

/** A failed load: says why, and offers Retry (and Set API Key when the key is the problem). */
export class ErrorNode implements TreeNode {
  readonly id: string;
  readonly connection: Connection | undefined;

  constructor(
    readonly parent: TreeNode,
    readonly problem: ProblemKind,
    readonly message: string,
  ) {
    this.id = `${parent.id}/error`;
    this.connection = parent.connection;
  }

  getTreeItem(): vscode.TreeItem {
    const keyProblem = this.problem === 'noKey' || this.problem === 'auth';
    const label =
      this.problem === 'noKey'
        ? vscode.l10n.t('No API key')
        : this.problem === 'auth'
          ? vscode.l10n.t('API key rejected')
          : vscode.l10n.t('Couldn’t load');
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(keyProblem ? 'key' : 'error', new vscode.ThemeColor('taskLens.status.error'));
    item.description = this.message;
    item.tooltip = new vscode.MarkdownString().appendText(this.message);
    item.contextValue = keyProblem ? 'error keyProblem' : 'error';
    item.command = keyProblem
      ? { command: CommandIds.setApiKey, title: vscode.l10n.t('Set API Key'), arguments: [this] }
      : { command: CommandIds.retry, title: vscode.l10n.t('Retry'), arguments: [this] };
    item.accessibilityInformation = { label: `${label}: ${this.message}` };
    return item;
  }
}

/** An empty list says so, instead of an expander that shows nothing. */
export class MessageNode implements TreeNode {
  readonly id: string;
  readonly connection: Connection | undefined;

  constructor(
    readonly parent: TreeNode,
    readonly message: string,
  ) {
    this.id = `${parent.id}/message`;
    this.connection = parent.connection;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.message, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('info');
    item.contextValue = 'message';
    return item;
  }
}
