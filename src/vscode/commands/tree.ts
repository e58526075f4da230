import * as vscode from 'vscode';
import type { Entry, FilterSpec } from '../../core/platform/platform';
import { isWebLinkUrl } from '../../shared/links';
import { pickConnection, pickEntryPath } from '../pickers';
import { EntryNode } from '../tree/entryNode';
import { ErrorNode, LoadMoreNode } from '../tree/infoNodes';
import type { TreeNode } from '../tree/node';
import type { CommandContext } from './context';
import { NO_NAME, shownName } from '../labels';

export function refresh(ctx: CommandContext, node?: TreeNode): void {
  ctx.tree.refresh(node);
}

export async function loadMore(ctx: CommandContext, node?: LoadMoreNode): Promise<void> {
  if (!(node instanceof LoadMoreNode)) return;
  try {
    await ctx.tree.loadMore(node);
  } catch (err) {
    const retry = vscode.l10n.t('Retry');
    const answer = await vscode.window.showErrorMessage(
      vscode.l10n.t('Couldn’t load more: {0}', err instanceof Error ? err.message : String(err)),
      retry,
    );
    if (answer === retry) await loadMore(ctx, node);
  }
}

export function retry(ctx: CommandContext, node?: ErrorNode): void {
  ctx.tree.refresh(node instanceof ErrorNode ? node.parent : undefined);
}

/** Server-side filter on a paged list (a batch's or project's tasks), shown in its description. */
export async function filterByStatus(ctx: CommandContext, node?: TreeNode): Promise<void> {
  const target = node instanceof EntryNode ? node : await pickFilterableNode(ctx);
  if (!target) return;
  const specs = filtersOf(target.entry);
  if (!specs.length) return;
  const current = ctx.tree.filtersOf(target);
  const values: Record<string, string> = { ...current };
  for (const spec of specs) {
    const picked = await vscode.window.showQuickPick(
      [
        { label: vscode.l10n.t('Any {0}', spec.label.toLowerCase()), value: '' },
        ...spec.options.map((o) => ({ label: o.label, value: o.value, picked: current[spec.key] === o.value })),
      ],
      { title: vscode.l10n.t('Filter “{0}” by {1}', shownName(target.entry.look.label) ?? NO_NAME, spec.label.toLowerCase()) },
    );
    if (!picked) return;
    if (picked.value) values[spec.key] = picked.value;
    else delete values[spec.key];
  }
  ctx.tree.setFilters(target, values);
  await ctx.view.reveal(target, { expand: true, focus: true, select: true }).then(undefined, () => undefined);
}

export function clearFilter(ctx: CommandContext, node?: TreeNode): void {
  const target = node ?? ctx.view.selection[0];
  if (target) ctx.tree.setFilters(target, {});
}

/** "Copy ID" on any item; from the palette, the selected item's. */
export async function copyId(ctx: CommandContext, node?: TreeNode): Promise<void> {
  const target = node ?? ctx.view.selection[0];
  const id = target instanceof EntryNode ? target.entry.copyId : undefined;
  if (!id) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Select a project, batch, delivery or task in the Task Lens view first.'));
    return;
  }
  await vscode.env.clipboard.writeText(id);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', id), 3000);
}

function filtersOf(entry: Entry): readonly FilterSpec[] {
  return entry.children?.mode === 'paged' ? (entry.children.filters ?? []) : [];
}

/** From the palette: connection → project → (All tasks | Batches → batch), as tree nodes. */
async function pickFilterableNode(ctx: CommandContext): Promise<EntryNode | undefined> {
  const conn = await pickConnection(ctx.store, vscode.l10n.t('Filter'));
  if (!conn) return undefined;
  const path = await pickEntryPath(
    ctx.platforms,
    conn,
    vscode.l10n.t('Filter'),
    (e) => filtersOf(e).length > 0 && e.type !== 'batches',
    ctx.tree.pageSize(),
  );
  return path ? await ctx.tree.nodeForPath(conn, path) : undefined;
}

/** Opens an item's link (an asset's playback or download URL) in the browser; http(s) only. */
export async function openLink(ctx: CommandContext, node?: TreeNode): Promise<void> {
  const target = node ?? ctx.view.selection[0];
  const link = target instanceof EntryNode ? target.entry.link : undefined;
  if (!isWebLinkUrl(link)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Select an asset with a playback or download link first.'));
    return;
  }
  await vscode.env.openExternal(vscode.Uri.parse(link, true));
}
