import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TaskDocument } from '../../core/platform/platform';
import { readTaskAt } from '../../core/taskfile/indexFile';
import { isRecord } from '../../core/taskfile/taskWalk';
import type { Connection } from '../connections';
import type { FileTaskRef, TaskTarget } from '../taskTarget';
import type { ExplorerModel } from './explorerModel';

/**
 * Tasks read from a task file for the task view: the line at its offset, parsed, with no
 * connection. The target's `connection` only names the file and the platform the page renders for
 * (a Livepeer task's status is an object with a phase; anything else reads as a Scale task).
 */
export async function readFileTask(target: TaskTarget): Promise<TaskDocument> {
  const file = target.file;
  if (!file) throw new Error('Not a task from a file.');
  const raw = await readTaskAt(file.uri.fsPath, file.entry);
  return { id: target.taskId, raw, pathSegments: [], context: {}, treePath: [] };
}

export function platformOf(raw: unknown): Connection['kind'] {
  return isRecord(raw) && isRecord(raw.status) && 'phase' in raw.status ? 'livepeer' : 'scale';
}

/** The task view target for the row at `position` of the model's set, or undefined past either end. */
export function targetAt(model: ExplorerModel, position: number, kind: Connection['kind']): TaskTarget | undefined {
  const index = model.index;
  if (!index || position < 0 || position >= model.rows.length) return undefined;
  const row = model.rows[position] as number;
  const entry = index.entry(row);
  const connection: Connection = { name: path.basename(model.uri.fsPath), kind, baseUrl: '', source: 'user' };
  return {
    connection,
    taskId: index.taskId(row) || vscode.l10n.t('line {0}', entry.lineNumber),
    pathSegments: [],
    file: { uri: model.uri, row, entry },
  };
}

/**
 * The index row of a file target: its own, or (a view restored after a reload, row -1) the row
 * whose line starts at the target's offset; -1 when the index has none there.
 */
export function rowOf(model: ExplorerModel, file: FileTaskRef): number {
  const index = model.index;
  if (file.row >= 0 || !index) return file.row;
  // Rows are in file order, so offsets ascend.
  let low = 0;
  let high = index.size - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const entry = index.entry(mid);
    if (entry.offset === file.entry.offset) return entry.length === file.entry.length ? mid : -1;
    if (entry.offset < file.entry.offset) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

/** The neighbour of a target in the set; from a row the filter dropped, Next starts at the top. */
export function neighbour(model: ExplorerModel, target: TaskTarget, delta: 1 | -1): { position: number; target: TaskTarget } | undefined {
  if (!target.file) return undefined;
  const at = model.positionOf(rowOf(model, target.file));
  const position = at < 0 ? (delta > 0 ? 0 : model.rows.length - 1) : at + delta;
  const next = targetAt(model, position, target.connection.kind);
  return next ? { position, target: next } : undefined;
}
