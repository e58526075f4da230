import * as vscode from 'vscode';
import { READONLY_MESSAGE, TASK_SCHEME, type TaskDocumentProvider } from './taskDocuments';

/** The `tasklens:` file system, and dropping a tab's cached text when the tab closes. */
export function registerTaskDocuments(documents: TaskDocumentProvider): vscode.Disposable[] {
  return [
    vscode.workspace.registerFileSystemProvider(TASK_SCHEME, documents, { isCaseSensitive: true, isReadonly: READONLY_MESSAGE }),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      if (doc.uri.scheme === TASK_SCHEME) documents.forget(doc.uri);
    }),
  ];
}
