import * as vscode from 'vscode';
import { waitFor } from './helpers';

/**
 * Reads the Task Lens output channel as the user sees it: shows the channel (Task Lens: Show Log)
 * and reads the output document the editor opens for it (which can take a moment to appear).
 */
export async function readExtensionLog(): Promise<string> {
  await vscode.commands.executeCommand('taskLens.showLog');
  return waitFor('the Task Lens log', () => {
    const doc = vscode.workspace.textDocuments.find(
      (d) => d.uri.scheme === 'output' && decodeURIComponent(d.uri.toString()).includes('Task Lens'),
    );
    const text = doc?.getText() ?? '';
    return text.length > 0 ? text : undefined;
  });
}
