import * as vscode from 'vscode';
import { CONTEXT_CONNECTION_COUNT, VIEW_ID } from './vscode/commandIds';
import { registerCommands } from './vscode/commands';
import { ConnectionStore } from './vscode/connections';
import { Log } from './vscode/log';
import { TaskLensTreeProvider } from './vscode/tree/provider';

/** Composes the extension's parts; nothing else happens here. */
export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const log = new Log();
  const store = new ConnectionStore(context.secrets, log);
  const tree = new TaskLensTreeProvider(store);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });

  const updateContext = () => vscode.commands.executeCommand('setContext', CONTEXT_CONNECTION_COUNT, store.list().length);
  void updateContext();

  context.subscriptions.push(log, store, tree, view, store.onDidChange(updateContext), ...registerCommands({ store, tree, log }));
  log.info(`Task Lens ${context.extension.packageJSON.version} activated in ${(performance.now() - started).toFixed(1)} ms`);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
