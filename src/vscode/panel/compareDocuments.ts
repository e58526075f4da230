import * as vscode from 'vscode';
import type { CompareSide } from '../../shared/protocol';

export const COMPARE_SCHEME = 'tasklens-compare';

/**
 * The two texts of "Compare in Diff Editor": read-only virtual documents (a content provider's
 * documents cannot be edited or saved), kept in memory until their tab closes.
 */
export class CompareDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private next = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** Opens VS Code's diff of `left` → `right`, titled with both labels and the task. */
  async open(taskId: string, left: CompareSide, right: CompareSide): Promise<void> {
    const n = this.next++;
    const uri = (side: CompareSide, which: string) =>
      vscode.Uri.from({
        scheme: COMPARE_SCHEME,
        // The label is a stranger's string: only safe characters reach the path (the tab shows the title).
        path: `/${n}/${which}/${side.label.replace(/[^\w.-]+/g, '_').slice(0, 80) || which}.md`,
      });
    const leftUri = uri(left, 'a');
    const rightUri = uri(right, 'b');
    this.texts.set(leftUri.toString(), left.text);
    this.texts.set(rightUri.toString(), right.text);
    const title = vscode.l10n.t('{0} ↔ {1} (task {2})', left.label, right.label, taskId);
    await vscode.commands.executeCommand('vscode.diff', leftUri, rightUri, title, { preview: true });
  }

  forget(uri: vscode.Uri): void {
    this.texts.delete(uri.toString());
  }

  register(): vscode.Disposable[] {
    return [
      vscode.workspace.registerTextDocumentContentProvider(COMPARE_SCHEME, this),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (doc.uri.scheme === COMPARE_SCHEME) this.forget(doc.uri);
      }),
    ];
  }
}
