import * as vscode from 'vscode';
import { Connection } from '../connections';
import { TreeNode } from './node';

const KIND_LABEL: Record<string, string> = { scale: 'Scale GenAI', livepeer: 'Livepeer Studio' };

export class ConnectionNode implements TreeNode {
  readonly parent = undefined;
  readonly id: string;

  constructor(readonly connection: Connection) {
    this.id = `conn:${connection.name}`;
  }

  getTreeItem(): vscode.TreeItem {
    const c = this.connection;
    const item = new vscode.TreeItem(c.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(c.kind === 'livepeer' ? 'device-camera-video' : 'cloud');
    item.description = KIND_LABEL[c.kind] ?? c.kind;
    item.tooltip = new vscode.MarkdownString(
      `**${escapeMarkdown(c.name)}** — ${KIND_LABEL[c.kind] ?? c.kind}\n\n${escapeMarkdown(c.baseUrl)}\n\nDefined in: ${c.source}`,
    );
    item.contextValue = `connection connection-${c.kind} connection-${c.source}`;
    item.accessibilityInformation = { label: vscode.l10n.t('Connection {0}, {1}', c.name, KIND_LABEL[c.kind] ?? c.kind) };
    return item;
  }

  getChildren(): TreeNode[] {
    return [];
  }
}

/** Names and URLs come from settings and platforms: never let them inject markdown links or HTML. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>&]/g, (ch) => `\\${ch}`);
}
