import * as vscode from 'vscode';
import type { TaskTarget } from '../taskTarget';
import { TaskDocumentProvider } from './taskDocuments';

/** Opens a task's read-only JSON tab (a preview tab unless asked otherwise). */
export async function showTaskJson(
  target: TaskTarget,
  options: { preview?: boolean; preserveFocus?: boolean } = {},
): Promise<vscode.TextEditor> {
  const uri = TaskDocumentProvider.uriFor(target.connection, target.taskId, target.pathSegments);
  const doc = await vscode.workspace.openTextDocument(uri);
  if (doc.languageId !== 'json') await vscode.languages.setTextDocumentLanguage(doc, 'json');
  return vscode.window.showTextDocument(doc, { preview: options.preview ?? true, preserveFocus: options.preserveFocus });
}
