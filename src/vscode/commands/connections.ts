import * as vscode from 'vscode';
import { normaliseBaseUrl } from '../../core/platform/connection';
import { PLATFORMS } from '../../core/platform/registry';
import { apiKeyProblem } from '../../core/http/apiKey';
import { isTaskLensError } from '../../core/http/errors';
import type { Connection, ConnectionStore } from '../connections';
import { withCancellableProgress } from '../cancellableProgress';
import { pickConnection } from '../pickers';
import type { TreeNode } from '../tree/node';
import type { CommandContext } from './context';

/** Asks for platform, name and base URL, saves the connection in user settings, then asks for a key. */
export async function addConnection(ctx: CommandContext): Promise<void> {
  const kind = await vscode.window.showQuickPick(
    PLATFORMS.map((p) => ({ label: p.displayName, description: p.summary, platform: p })),
    { title: vscode.l10n.t('Add Connection (1/3): platform'), placeHolder: vscode.l10n.t('Which platform?') },
  );
  if (!kind) return;
  const name = await askName(ctx.store, vscode.l10n.t('Add Connection (2/3): name'), kind.label);
  if (!name) return;
  const baseUrl = await vscode.window.showInputBox({
    title: vscode.l10n.t('Add Connection (3/3): base URL'),
    value: kind.platform.defaultBaseUrl,
    ignoreFocusOut: true,
    validateInput: (v) => (normaliseBaseUrl(v) ? undefined : vscode.l10n.t('Enter an http(s) URL without credentials, query or fragment.')),
  });
  if (!baseUrl) return;
  await ctx.store.add({ name, kind: kind.platform.kind, baseUrl: normaliseBaseUrl(baseUrl) as string });
  const added = ctx.store.get(name);
  if (added) await setApiKey(ctx, added);
}

export async function renameConnection(ctx: CommandContext, node?: TreeNode): Promise<void> {
  const conn = node?.connection ?? (await pickConnection(ctx.store, vscode.l10n.t('Rename Connection')));
  if (!conn) return;
  const name = await askName(ctx.store, vscode.l10n.t('Rename “{0}”', conn.name), conn.name, conn.name);
  if (name && name !== conn.name) await ctx.store.rename(conn, name);
}

export async function removeConnection(ctx: CommandContext, node?: TreeNode): Promise<void> {
  const conn = node?.connection ?? (await pickConnection(ctx.store, vscode.l10n.t('Remove Connection')));
  if (!conn) return;
  const remove = vscode.l10n.t('Remove');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Remove the connection “{0}” and forget its API key?', conn.name),
    { modal: true, detail: vscode.l10n.t('Downloaded files stay where they are.') },
    remove,
  );
  if (answer === remove) await ctx.store.remove(conn);
}

/**
 * Asks for a key (hidden input), checks it with one cheap call, and stores it in SecretStorage bound
 * to the connection's origin. A rejected key is not saved.
 */
export async function setApiKey(ctx: CommandContext, nodeOrConnection?: TreeNode | Connection): Promise<void> {
  const conn = connectionOf(nodeOrConnection) ?? (await pickConnection(ctx.store, vscode.l10n.t('Set API Key')));
  if (!conn) return;
  const key = (
    await vscode.window.showInputBox({
      title: vscode.l10n.t('API key for “{0}”', conn.name),
      prompt: vscode.l10n.t('Stored in the editor’s secret storage and sent only to {0}.', new URL(conn.baseUrl).origin),
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) =>
        v.trim() ? apiKeyProblem(v.trim(), vscode.l10n.t('The key')) : vscode.l10n.t('Enter the key, or press Escape to cancel.'),
    })
  )?.trim();
  if (!key || apiKeyProblem(key)) return;
  ctx.log.addSecret(key);
  const checked = await withCancellableProgress(vscode.l10n.t('Checking the key with {0}…', conn.name), async (_p, signal) => {
    try {
      await ctx.platforms.verifyKey(conn, key, signal);
      return { ok: true as const };
    } catch (err) {
      return { ok: false as const, err };
    }
  });
  if (!checked.ok) {
    const err = checked.err;
    if (isTaskLensError(err) && err.kind === 'cancelled') return;
    if (isTaskLensError(err) && err.kind === 'auth') {
      void vscode.window.showErrorMessage(
        vscode.l10n.t('{0} rejected the key ({1}); it was not saved. Check the key and try again.', conn.name, String(err.status ?? 401)),
      );
      return;
    }
    const saveAnyway = vscode.l10n.t('Save Anyway');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Couldn’t check the key: {0}', err instanceof Error ? err.message : String(err)),
      saveAnyway,
    );
    if (answer !== saveAnyway) return;
  }
  await ctx.store.setApiKey(conn, key);
  ctx.log.info(`API key saved for “${conn.name}”.`);
  void vscode.window.showInformationMessage(vscode.l10n.t('API key saved for “{0}”.', conn.name));
}

export async function clearApiKey(ctx: CommandContext, node?: TreeNode): Promise<void> {
  const conn = node?.connection ?? (await pickConnection(ctx.store, vscode.l10n.t('Clear API Key')));
  if (!conn) return;
  await ctx.store.clearApiKey(conn);
  void vscode.window.showInformationMessage(vscode.l10n.t('API key for “{0}” removed from secret storage.', conn.name));
}

export async function editConnections(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.openSettingsJson', { revealSetting: { key: 'taskLens.connections' } });
}

const DEMO_URL = 'http://127.0.0.1:4010';
const DEMO_KEY = 'demo-key';

/** Adds a connection to the local API emulator that `npm run emulator` starts (key `demo-key`). */
export async function connectDemo(ctx: CommandContext): Promise<void> {
  const url = await vscode.window.showInputBox({
    title: vscode.l10n.t('Connect to the local demo emulator'),
    prompt: vscode.l10n.t('The URL `npm run emulator -- --port 4010` printed.'),
    value: DEMO_URL,
    ignoreFocusOut: true,
    validateInput: (v) => (normaliseBaseUrl(v) ? undefined : vscode.l10n.t('Enter an http(s) URL.')),
  });
  if (!url) return;
  let name = 'Demo';
  for (let i = 2; ctx.store.get(name); i++) name = `Demo ${i}`;
  await ctx.store.add({ name, kind: 'scale', baseUrl: normaliseBaseUrl(url) as string });
  const added = ctx.store.get(name);
  if (added) await ctx.store.setApiKey(added, DEMO_KEY);
}

/** Asks for a unique name; `current` is the name being renamed (allowed to stay as it is). */
async function askName(store: ConnectionStore, title: string, value: string, current?: string): Promise<string | undefined> {
  let suggestion = value;
  for (let i = 2; !current && store.get(suggestion); i++) suggestion = `${value} ${i}`;
  const name = await vscode.window.showInputBox({
    title,
    value: suggestion,
    ignoreFocusOut: true,
    validateInput: (v) => {
      const t = v.trim();
      if (!t) return vscode.l10n.t('A connection needs a name.');
      if (t !== current && store.get(t)) return vscode.l10n.t('Another connection is already named “{0}”.', t);
      return undefined;
    },
  });
  return name?.trim() || undefined;
}

function connectionOf(value: TreeNode | Connection | undefined): Connection | undefined {
  if (!value) return undefined;
  return 'baseUrl' in value ? value : value.connection;
}
