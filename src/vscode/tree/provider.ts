import * as vscode from 'vscode';
import { ConnectionStore } from '../connections';
import { ConnectionNode } from './connectionNode';
import { TreeNode } from './node';

export class TaskLensTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly connections: ConnectionStore) {
    this.subscription = connections.onDidChange(() => this.refresh());
  }

  refresh(node?: TreeNode): void {
    this.changed.fire(node);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return this.connections.list().map((c) => new ConnectionNode(c));
    return node.getChildren ? await node.getChildren() : [];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
