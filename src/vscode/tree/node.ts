import * as vscode from 'vscode';

/** One item in the Task Lens tree. Each kind of node lives in its own file. */
export interface TreeNode {
  /** Stable across refreshes, so the tree keeps expansion and selection. */
  readonly id: string;
  readonly parent: TreeNode | undefined;
  getTreeItem(): vscode.TreeItem;
  getChildren?(): Promise<TreeNode[]> | TreeNode[];
}
