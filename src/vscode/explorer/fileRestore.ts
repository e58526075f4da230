import * as path from 'node:path';
import * as vscode from 'vscode';
import { checkTaskAt } from '../../core/taskfile/lineCheck';
import type { FileRef } from '../../shared/protocol';
import type { Connection } from '../connections';
import type { TaskTarget } from '../taskTarget';
import { platformOf } from './fileTasks';

/** A restored task view's target, or why it cannot be shown (a sentence for the message page). */
export type FileRestore = { readonly target: TaskTarget } | { readonly problem: string };

/**
 * Rebuilds the target of a task view that showed a line of a task file, from what its page kept
 * (`PageState.file`, already validated), once the line is checked to still hold that task. Read
 * offline, like a row of the explorer; the row in the explorer's set is left for an open explorer
 * to find by offset.
 */
export async function restoreFileTarget(ref: FileRef, taskId: string): Promise<FileRestore> {
  const uri = vscode.Uri.parse(ref.uri, true); // a `file:` URI: isPageState checked it
  const name = path.basename(uri.fsPath);
  const entry = { offset: ref.offset, length: ref.length, lineNumber: ref.line };
  let check: Awaited<ReturnType<typeof checkTaskAt>>;
  try {
    check = await checkTaskAt(uri.fsPath, entry, taskId);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { problem: vscode.l10n.t('its task file “{0}” could not be read ({1}).', name, why) };
  }
  if (!check.ok) {
    return {
      problem:
        check.reason === 'missing'
          ? vscode.l10n.t('its task file “{0}” is no longer there (moved or deleted).', name)
          : vscode.l10n.t('“{0}” changed since: line {1} no longer holds task {2}.', name, ref.line, taskId),
    };
  }
  const raw = check.task;
  const connection: Connection = { name, kind: platformOf(raw), baseUrl: '', source: 'user' };
  return {
    target: {
      connection,
      taskId,
      pathSegments: [],
      file: { uri, row: -1, entry },
      document: { id: taskId, raw, pathSegments: [], context: {}, treePath: [] },
    },
  };
}
