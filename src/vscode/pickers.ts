import * as vscode from 'vscode';
import type { Entry } from '../core/platform/platform';
import type { Connection, ConnectionStore } from './connections';
import { NO_NAME, shownName, shownText } from './labels';
import type { PlatformRegistry } from './platforms';

/** The connection a palette command acts on: the only one, or the one the user picks. */
export async function pickConnection(store: ConnectionStore, title: string): Promise<Connection | undefined> {
  const all = store.list();
  if (all.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Add a connection first: run “Task Lens: Add Connection…”.'));
    return undefined;
  }
  if (all.length === 1) return all[0];
  const picked = await vscode.window.showQuickPick(
    all.map((c) => ({ label: shownText(c.name), description: c.kind, detail: shownText(c.baseUrl), connection: c })),
    { title, placeHolder: vscode.l10n.t('Which connection?') },
  );
  return picked?.connection;
}

type EntryPick = vscode.QuickPickItem & { entry?: Entry; more?: true };

/**
 * Walks a connection's tree in quick picks (project → batch → …) until the user picks an entry that
 * `accept` allows. Returns the path of entries from the top, so callers can find the tree node.
 */
export async function pickEntryPath(
  platforms: PlatformRegistry,
  connection: Connection,
  title: string,
  accept: (entry: Entry) => boolean,
  pageSize: number,
): Promise<Entry[] | undefined> {
  const platform = await platforms.get(connection);
  const path: Entry[] = [];
  let children = platform.roots;
  for (;;) {
    const items: EntryPick[] = [];
    let token: string | undefined;
    const loadPage = async () => {
      if (children.mode === 'list') {
        items.push(...(await children.load({})).map(toPick));
        token = undefined;
      } else {
        const page = await children.loadPage({ token, pageSize, filters: {} });
        items.push(...page.entries.map(toPick));
        token = page.nextToken ?? undefined;
      }
    };
    await loadPage();
    let picked: EntryPick | undefined;
    for (;;) {
      const shown = token ? [...items, { label: vscode.l10n.t('$(ellipsis) Load more…'), more: true as const }] : items;
      picked = await vscode.window.showQuickPick(shown, {
        title: `${title} — ${[shownText(connection.name), ...path.map((e) => shownName(e.look.label) ?? NO_NAME)].join(' › ')}`,
        matchOnDescription: true,
      });
      if (!picked?.more) break;
      await loadPage();
    }
    if (!picked?.entry) return undefined;
    path.push(picked.entry);
    if (accept(picked.entry)) return path;
    if (!picked.entry.children) return undefined;
    children = picked.entry.children;
  }
}

function toPick(entry: Entry): EntryPick {
  const name = shownName(entry.look.label);
  const description = [name === undefined ? shownText(entry.copyId) : '', shownText(entry.look.description)].filter(Boolean).join(' · ');
  return { label: `$(${entry.look.icon}) ${name ?? NO_NAME}`, description, entry };
}
