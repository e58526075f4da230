import * as vscode from 'vscode';
import { CONTEXT_CONNECTION_COUNT } from './commandIds';
import type { ConnectionStore } from './connections';

/** Keeps the `taskLens.connectionCount` context key (the welcome views' condition) in step with the settings. */
export function trackConnectionCount(store: ConnectionStore): vscode.Disposable {
  const update = () => vscode.commands.executeCommand('setContext', CONTEXT_CONNECTION_COUNT, store.list().length);
  void update();
  return store.onDidChange(update);
}
