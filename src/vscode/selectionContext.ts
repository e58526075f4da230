import * as vscode from 'vscode';
import type { TreeNode } from './tree/node';

/**
 * `taskLens.selection`: the context value of the item selected in the Task Lens view ('' when
 * none), so commands that act on a selection can declare `enablement` (and keybindings a `when`)
 * with the same flags the item menus match (`hasId`, `task`, `link`, `filtered`).
 */
export const CONTEXT_SELECTION = 'taskLens.selection';

export function trackSelection(view: vscode.TreeView<TreeNode>): vscode.Disposable {
  const update = () => {
    const selected = view.selection[0];
    void vscode.commands.executeCommand('setContext', CONTEXT_SELECTION, selected?.getTreeItem().contextValue ?? '');
  };
  update();
  return view.onDidChangeSelection(update);
}
