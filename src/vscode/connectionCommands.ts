import * as vscode from 'vscode';
import { ConnectionKind, normaliseBaseUrl } from '../core/connection';
import { ConnectionStore } from './connections';

const DEFAULT_URLS: Record<ConnectionKind, string> = {
  scale: 'https://api.scale.com',
  livepeer: 'https://livepeer.studio/api',
};

/** Asks for kind, name and base URL, then saves the connection in user settings. */
export async function addConnection(store: ConnectionStore): Promise<string | undefined> {
  const kind = await vscode.window.showQuickPick(
    [
      { label: 'Scale GenAI', description: 'API v2: projects, batches, tasks, deliveries', platform: 'scale' as const },
      { label: 'Livepeer Studio', description: 'Video tasks: upload, export, transcode, clip', platform: 'livepeer' as const },
    ],
    { title: vscode.l10n.t('Add Connection (1/3): platform'), placeHolder: vscode.l10n.t('Which platform?') },
  );
  if (!kind) return undefined;
  const name = await askName(store, vscode.l10n.t('Add Connection (2/3): name'), kind.label);
  if (!name) return undefined;
  const baseUrl = await vscode.window.showInputBox({
    title: vscode.l10n.t('Add Connection (3/3): base URL'),
    value: DEFAULT_URLS[kind.platform],
    ignoreFocusOut: true,
    validateInput: (v) => (normaliseBaseUrl(v) ? undefined : vscode.l10n.t('Enter an http(s) URL without credentials, query or fragment.')),
  });
  if (!baseUrl) return undefined;
  await store.add({ name, kind: kind.platform, baseUrl: normaliseBaseUrl(baseUrl) as string });
  return name;
}

export async function askName(store: ConnectionStore, title: string, value: string): Promise<string | undefined> {
  const name = await vscode.window.showInputBox({
    title,
    value: uniqueName(store, value),
    ignoreFocusOut: true,
    validateInput: (v) => {
      const t = v.trim();
      if (!t) return vscode.l10n.t('A connection needs a name.');
      if (store.get(t)) return vscode.l10n.t('Another connection is already named “{0}”.', t);
      return undefined;
    },
  });
  return name?.trim() || undefined;
}

function uniqueName(store: ConnectionStore, base: string): string {
  let name = base;
  for (let i = 2; store.get(name); i++) name = `${base} ${i}`;
  return name;
}
