/**
 * Every interaction, delegated from the root: links become `openLink` (the page never
 * navigates), `data-action` controls post commands/copies or toggle folds and tabs, and
 * `j`/`k` (or arrows on a focused turn card) move focus between turn cards.
 */
import { isElement } from './dom';
import { isAllowedLinkUrl } from '../../shared/links';
import { isPageCommand, type PageToHost } from '../../shared/protocol';
import { t } from './strings';
import { copyTexts } from './widgets';

export type Post = (msg: PageToHost) => void;

function toggleFold(button: Element): void {
  const fold = button.closest('.fold');
  if (!fold) return;
  const folded = fold.classList.toggle('folded');
  button.setAttribute('aria-expanded', folded ? 'false' : 'true');
  button.textContent = t(folded ? 'showMore' : 'showLess');
}

export function selectTab(tab: Element, focus: boolean): void {
  const list = tab.closest('[role="tablist"]');
  if (!list) return;
  const doc = tab.ownerDocument;
  for (const other of Array.from(list.querySelectorAll('[role="tab"]'))) {
    const on = other === tab;
    other.setAttribute('aria-selected', on ? 'true' : 'false');
    other.setAttribute('tabindex', on ? '0' : '-1');
    const panel = doc.getElementById(other.getAttribute('aria-controls') ?? '');
    if (panel) {
      if (on) panel.removeAttribute('hidden');
      else panel.setAttribute('hidden', '');
    }
  }
  if (focus) (tab as HTMLElement).focus();
}

function onAction(el: Element, post: Post): void {
  switch (el.getAttribute('data-action')) {
    case 'command': {
      const name = el.getAttribute('data-command');
      if (isPageCommand(name)) post({ type: 'command', name });
      return;
    }
    case 'copy': {
      const text = copyTexts.get(el);
      if (text !== undefined) post({ type: 'copy', text });
      return;
    }
    case 'reveal-secrets':
      post({ type: 'revealSecrets' });
      return;
    case 'toggle-fold':
      toggleFold(el);
      return;
    case 'tab':
      selectTab(el, false);
      return;
  }
}

function isTyping(el: Element | null): boolean {
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (el as HTMLElement).isContentEditable === true;
}

/** Turn cards of the visible thread, in document order. */
export function visibleCards(root: Element): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>('.turn-card')).filter((c) => !c.closest('[hidden]'));
}

function moveTurn(root: Element, delta: 1 | -1): boolean {
  const cards = visibleCards(root);
  if (cards.length === 0) return false;
  const active = root.ownerDocument.activeElement;
  const current = active ? active.closest('.turn-card') : null;
  const i = current ? cards.indexOf(current as HTMLElement) : -1;
  let next: HTMLElement;
  if (i === -1) {
    // Nothing focused yet: start at the first card still on screen.
    const v = cards.findIndex((c) => c.getBoundingClientRect().bottom > 0);
    next = cards[v === -1 ? 0 : v];
  } else {
    next = cards[Math.min(Math.max(i + delta, 0), cards.length - 1)];
  }
  next.focus();
  next.scrollIntoView?.({ block: 'nearest' });
  return true;
}

function onKey(root: Element, e: KeyboardEvent, post: Post): void {
  if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
  const target = isElement(e.target as Node) ? (e.target as Element) : null;
  if (isTyping(target)) return;
  if (target?.getAttribute('role') === 'tab' && (e.key === 'ArrowRight' || e.key === 'ArrowLeft')) {
    const tabs = Array.from(target.closest('[role="tablist"]')?.querySelectorAll('[role="tab"]') ?? []);
    const i = tabs.indexOf(target);
    const next = tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    if (next) selectTab(next, true);
    e.preventDefault();
    return;
  }
  // `n` / `p`: the next or previous task of the delivery explorer's set (only when the toolbar offers them).
  if (e.key === 'n' || e.key === 'p') {
    const button = root.querySelector(`[data-command="${e.key === 'n' ? 'next' : 'previous'}"]`);
    if (button && !(button as HTMLButtonElement).disabled) {
      onAction(button, post);
      e.preventDefault();
    }
    return;
  }
  const onCard = target?.classList.contains('turn-card') === true;
  const down = e.key === 'j' || (onCard && e.key === 'ArrowDown');
  const up = e.key === 'k' || (onCard && e.key === 'ArrowUp');
  if ((down || up) && moveTurn(root, down ? 1 : -1)) e.preventDefault();
}

/** Installs the delegated listeners; returns a function removing them. */
export function installInteractions(root: HTMLElement, post: Post): () => void {
  const click = (e: MouseEvent) => {
    const target = e.target as Node | null;
    const el = isElement(target) ? target : (target?.parentElement ?? null);
    if (!el || !root.contains(el)) return;
    const link = el.closest('a');
    if (link) {
      e.preventDefault();
      const href = link.getAttribute('href');
      if (e.type === 'click' && isAllowedLinkUrl(href)) post({ type: 'openLink', url: href });
      return;
    }
    const action = el.closest('[data-action]');
    if (action && !(action as HTMLButtonElement).disabled) onAction(action, post);
  };
  const key = (e: KeyboardEvent) => onKey(root, e, post);
  const doc = root.ownerDocument;
  root.addEventListener('click', click);
  root.addEventListener('auxclick', click);
  doc.addEventListener('keydown', key);
  return () => {
    root.removeEventListener('click', click);
    root.removeEventListener('auxclick', click);
    doc.removeEventListener('keydown', key);
  };
}
