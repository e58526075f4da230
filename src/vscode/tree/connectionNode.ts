import * as vscode from 'vscode';
import { markdownText } from '../../core/platform/markdown';
import { shownText } from '../labels';
import type { Platform } from '../../core/platform/platform';
import { descriptorFor } from '../../core/platform/registry';
import { Connection } from '../connections';
import { TreeNode } from './node';
import type { TreeContext } from './treeContext';

export class ConnectionNode implements TreeNode {
  readonly parent = undefined;
  readonly id: string;

  constructor(
    private readonly tree: TreeContext,
    readonly connection: Connection,
    private readonly platform: () => Promise<Platform>,
  ) {
    this.id = `conn:${connection.name}`;
  }

  getTreeItem(): vscode.TreeItem {
    const c = this.connection;
    const platform = descriptorFor(c.kind);
    const kind = platform.displayName;
    const item = new vscode.TreeItem(shownText(c.name), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(platform.icon);
    item.description = kind;
    item.tooltip = new vscode.MarkdownString(
      `**${markdownText(c.name)}** — ${kind}\n\n${markdownText(c.baseUrl)}\n\nDefined in: ${c.source} settings`,
    );
    item.contextValue = `connection connection-${c.kind} connection-${c.source} refreshable`;
    item.accessibilityInformation = { label: vscode.l10n.t('Connection {0}, {1}', shownText(c.name), kind) };
    return item;
  }

  getChildren(): Promise<TreeNode[]> {
    return this.tree.childrenOf(this, async () => (await this.platform()).roots);
  }
}
