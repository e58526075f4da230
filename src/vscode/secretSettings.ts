import * as vscode from 'vscode';

export const KEEP_SECRETS_SETTING = 'taskLens.keepSecrets';

/**
 * Whether task JSON tabs, saved copies and downloads keep credentials such as `workspace_token`.
 * Only the user's own settings count: a cloned repository must not be able to switch it on.
 */
export function keepSecrets(): boolean {
  return vscode.workspace.getConfiguration().inspect<boolean>(KEEP_SECRETS_SETTING)?.globalValue === true;
}
