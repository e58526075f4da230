import * as vscode from 'vscode';

/**
 * Reads the Task Lens output channel as the user sees it: shows the channel (Task Lens: Show Log)
 * and reads the output document the editor opens for it.
 */
export async function readExtensionLog(): Promise<string> {
  await vscode.commands.executeCommand('taskLens.showLog');
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'output' && decodeURIComponent(d.uri.toString()).includes('Task Lens'));
  return doc?.getText() ?? '';
}
