/**
 * Keeps the reader's place across re-renders of the same task (Refresh, Reveal secrets):
 * the selected thread tab and the turn card at the top of the viewport, with its offset.
 * Restored as soon as that card exists, so progressive rendering does not lose it.
 */
import { selectTab, visibleCards } from './interactions';

export interface Anchor {
  tab: number;
  card: number;
  offset: number;
}

export function captureAnchor(root: HTMLElement): Anchor | undefined {
  const tabEl = root.querySelector('[role="tab"][aria-selected="true"]');
  const tab = Number(tabEl?.getAttribute('data-tab-index') ?? 0) || 0;
  const win = root.ownerDocument.defaultView;
  let card = -1;
  let offset = 0;
  if (win && win.scrollY > 0) {
    const toolbar = root.querySelector('.toolbar')?.getBoundingClientRect().bottom ?? 0;
    const cards = visibleCards(root);
    card = cards.findIndex((c) => c.getBoundingClientRect().bottom > toolbar);
    if (card >= 0) offset = cards[card].getBoundingClientRect().top;
  }
  return tab > 0 || card >= 0 ? { tab, card, offset } : undefined;
}

export function restoreTab(root: HTMLElement, anchor: Anchor | undefined): void {
  if (!anchor || anchor.tab <= 0) return;
  const tab = root.querySelector(`[role="tab"][data-tab-index="${anchor.tab}"]`);
  if (tab) selectTab(tab, false);
}

/** True once the anchor card is back in view (or there is nothing to restore). */
export function restoreScroll(root: HTMLElement, anchor: Anchor | undefined): boolean {
  if (!anchor || anchor.card < 0) return true;
  const cards = visibleCards(root);
  if (cards.length <= anchor.card) return false;
  const win = root.ownerDocument.defaultView;
  cards[anchor.card].scrollIntoView?.({ block: 'start' });
  win?.scrollBy?.(0, -anchor.offset);
  return true;
}
