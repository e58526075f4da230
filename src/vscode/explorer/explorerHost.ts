import type * as vscode from 'vscode';
import type { SubsetResult } from '../../core/taskfile/subset';
import type { ExplorerSetChange, QueryOutcome } from './explorerModel';

/** The explorer as other parts see it: the report cross-filter, exports, the reviewer. */
export interface ExplorerHost {
  /** Sets the explorer's query for a file (opening the explorer if needed); the outcome says the count or why not. */
  applyConditions(
    uri: vscode.Uri,
    conditions: readonly string[],
    options?: { statuses?: readonly string[]; search?: string },
  ): Promise<QueryOutcome>;
  readonly onDidChangeSet: vscode.Event<ExplorerSetChange>;
  currentSet(uri: vscode.Uri): ExplorerSetChange | undefined;
  /** Saves the current set: to `target`, or where the user picks. */
  saveSet(uri: vscode.Uri, target?: vscode.Uri): Promise<SubsetResult | undefined>;
}
