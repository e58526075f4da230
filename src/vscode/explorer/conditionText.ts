/**
 * A condition error in the editor's language: the same words as the explorer page's table (one
 * English source, in core), translated through the bundle the page's strings come from.
 */
import * as vscode from 'vscode';
import { conditionErrorText, type ConditionSyntaxError } from '../../core/taskfile/conditions';
import { conditionWordsIn, EXPLORER_STRINGS } from '../../webview/explorer/strings';

export function localizedConditionError(error: ConditionSyntaxError): string {
  return conditionErrorText(
    error,
    conditionWordsIn((key) => vscode.l10n.t(EXPLORER_STRINGS[key])),
  );
}
