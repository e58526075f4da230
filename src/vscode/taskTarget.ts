import type * as vscode from 'vscode';
import type { TaskDocument } from '../core/platform/platform';
import type { TaskEntry } from '../core/taskfile/taskIndex';
import type { FileRef } from '../shared/protocol';
import type { Connection } from './connections';

/** A task to open: from a tree item, or asked for in the palette (connection, then id). */
export interface TaskTarget {
  readonly connection: Connection;
  readonly taskId: string;
  readonly pathSegments: readonly string[];
  /** Known when the task was fetched to build the target (palette path): where it sits in the tree. */
  readonly treePath?: readonly string[];
  /** The task itself, when it was fetched to build the target: the task view shows it without fetching again. */
  readonly document?: TaskDocument;
  /**
   * Set for a task read from a task file (the delivery explorer): the line is read at its offset,
   * with no connection and no network. `connection` then only names the file for the page.
   */
  readonly file?: FileTaskRef;
}

/** One line of a task file, as the explorer's index knows it. */
export interface FileTaskRef {
  readonly uri: vscode.Uri;
  /**
   * The index row (what the explorer's set holds); -1 when not known (a task view restored after a
   * window reload): an open explorer then finds the row by the entry's offset.
   */
  readonly row: number;
  readonly entry: TaskEntry;
}

/** Panels are keyed by this: the same task id may sit on many lines and in many files. */
export function targetKey(target: TaskTarget): string {
  return target.file
    ? `file:${target.file.uri.toString()}#${target.file.entry.lineNumber}`
    : `api:${target.connection.name}#${target.taskId}`;
}

/** The line's place in its file, for the page to keep across a reload (never the task itself). */
export function fileRefOf(file: FileTaskRef): FileRef {
  return { uri: file.uri.toString(), offset: file.entry.offset, length: file.entry.length, line: file.entry.lineNumber };
}
