import * as path from 'node:path';
import * as vscode from 'vscode';
import { readLineAt } from '../../core/taskfile/indexFile';
import type { TaskEntry } from '../../core/taskfile/taskIndex';
import { redactTaskSecrets } from '../../core/secrets/taskSecrets';
import { keepSecrets } from '../secretSettings';

export const LINE_SCHEME = 'tasklens-line';

interface LineRef {
  readonly file: string;
  readonly offset: number;
  readonly length: number;
  readonly line: number;
}

/**
 * Read-only tabs of one line of a task file (the task view's Open JSON for a task from the
 * explorer): the line's bytes at its offset, pretty-printed, credentials redacted like every other
 * task JSON tab. A content provider's documents cannot be edited or saved over the file.
 */
export class LineDocumentProvider implements vscode.TextDocumentContentProvider {
  /** `isOpen`: a line is served only from a file open in the explorer (a crafted link reads nothing else). */
  constructor(private readonly isOpen: (file: string) => boolean) {}

  static uriFor(file: vscode.Uri, entry: TaskEntry): vscode.Uri {
    const ref: LineRef = { file: file.fsPath, offset: entry.offset, length: entry.length, line: entry.lineNumber };
    const name = `${path.basename(file.fsPath)} line ${entry.lineNumber}.json`;
    return vscode.Uri.from({ scheme: LINE_SCHEME, path: `/${name}`, query: JSON.stringify(ref) });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const ref = parseRef(uri.query);
    if (!ref) return '// This link does not name a line of a task file.';
    if (!this.isOpen(ref.file)) return '// Open the task file in the delivery explorer to see its lines here.';
    const bytes = await readLineAt(ref.file, { offset: ref.offset, length: ref.length, lineNumber: ref.line });
    const text = bytes.toString('utf8');
    try {
      const value: unknown = JSON.parse(text);
      return `${JSON.stringify(keepSecrets() ? value : redactTaskSecrets(value), null, 2)}\n`;
    } catch {
      return text; // an unreadable line is shown as it is
    }
  }
}

function parseRef(query: string): LineRef | undefined {
  try {
    const v = JSON.parse(query) as Partial<LineRef>;
    const whole = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
    return typeof v.file === 'string' && whole(v.offset) && whole(v.length) && whole(v.line) ? (v as LineRef) : undefined;
  } catch {
    return undefined;
  }
}

export async function showLine(file: vscode.Uri, entry: TaskEntry): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(LineDocumentProvider.uriFor(file, entry));
  if (doc.languageId !== 'json') await vscode.languages.setTextDocumentLanguage(doc, 'json');
  return vscode.window.showTextDocument(doc, { preview: true });
}
