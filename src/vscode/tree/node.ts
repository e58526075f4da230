import * as vscode from 'vscode';
import type { Connection } from '../connections';

/** One item in the Task Lens tree. Each kind of node lives in its own file. */
export interface TreeNode {
  /** Stable across refreshes, so the tree keeps expansion and selection. */
  readonly id: string;
  readonly parent: TreeNode | undefined;
  /** The connection the node belongs to (undefined only for root-level messages). */
  readonly connection: Connection | undefined;
  getTreeItem(): vscode.TreeItem;
  getChildren?(): Promise<TreeNode[]> | TreeNode[];
}

export function statusIcon(icon: string, tone?: string): vscode.ThemeIcon {
  return new vscode.ThemeIcon(icon, tone ? new vscode.ThemeColor(`taskLens.status.${tone}`) : undefined);
}
