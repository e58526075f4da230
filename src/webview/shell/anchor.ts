/**
 * Keeps the reader's place across re-renders of the same task (Refresh, Reveal secrets):
 * the selected thread tab and the turn card at the top of the viewport, with its offset.
 * Cards are addressed by their turn index, so a card of a virtual list that is not in the DOM
 * yet is brought back through the list.
 */
import { selectTab, visibleCards } from './interactions';
import { virtualListOf } from './virtualList';

export interface Anchor {
  tab: number;
  /** data-turn-index of the card, or -1. */
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
    const toolbar = root.querySelector('.toolbar-bar')?.getBoundingClientRect().bottom ?? 0;
    const top = visibleCards(root).find((c) => c.getBoundingClientRect().bottom > toolbar);
    if (top) {
      card = Number(top.getAttribute('data-turn-index') ?? -1);
      offset = top.getBoundingClientRect().top;
    }
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
  const turns = Array.from(root.querySelectorAll('.turns')).find((el) => !el.closest('[hidden]'));
  const list = virtualListOf(turns);
  const card = list
    ? list.reveal(anchor.card, false)
    : visibleCards(root).find((c) => c.getAttribute('data-turn-index') === String(anchor.card));
  if (!card) return false;
  const win = root.ownerDocument.defaultView;
  card.scrollIntoView?.({ block: 'start' });
  win?.scrollBy?.(0, -anchor.offset);
  return true;
}
