/** Small shared pieces: folds, quotes, chips, callouts. */
import { h, icon, type Child } from './dom';
import { t } from './strings';
import type { PageToHost } from '../../shared/protocol';

export const FOLD_LINES = 40;

export function isLong(s: string): boolean {
  if (s.length > FOLD_LINES * 150) return true;
  let lines = 1;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) if (++lines > FOLD_LINES) return true;
  return false;
}

/** Wraps long content so it shows ~40 lines with a "Show more" toggle. */
export function foldable(content: HTMLElement): HTMLElement {
  return h(
    'div',
    { class: 'fold folded' },
    h('div', { class: 'fold-body' }, content),
    h(
      'button',
      { type: 'button', class: 'fold-toggle link-button', 'data-action': 'toggle-fold', 'aria-expanded': 'false' },
      t('showMore'),
    ),
  );
}

export function foldIfLong(s: string, content: HTMLElement): HTMLElement {
  return isLong(s) ? foldable(content) : content;
}

export function quote(s: string, extraClass = ''): HTMLElement {
  const q = h('blockquote', { class: `quote${extraClass ? ' ' + extraClass : ''}` }, s === '' ? t('emptyValue') : s);
  return foldIfLong(s, q);
}

export function chip(content: Child, cls = '', title?: string): HTMLElement {
  return h('span', { class: `chip${cls ? ' ' + cls : ''}`, title }, content);
}

export function callout(kind: 'error' | 'warning' | 'info', title: string, body: Child): HTMLElement {
  const ico = kind === 'error' ? 'error' : kind === 'warning' ? 'warning' : 'info';
  return h(
    'div',
    { class: `callout callout-${kind}`, role: kind === 'info' ? 'note' : 'alert' },
    icon(ico, 'callout-icon'),
    h('div', { class: 'callout-body' }, h('strong', { class: 'callout-title' }, title), ' ', body),
  );
}

/** Text for screen readers only. */
export function srOnly(s: string): HTMLElement {
  return h('span', { class: 'sr-only' }, s);
}

/** Texts behind copy buttons, kept out of the DOM (a message can be megabytes). */
export const copyTexts = new WeakMap<Element, string>();

export function copyButton(textToCopy: string, label: string): HTMLElement {
  const b = h('button', { type: 'button', class: 'icon-button', 'data-action': 'copy', title: label, 'aria-label': label }, icon('copy'));
  copyTexts.set(b, textToCopy);
  return b;
}

/** Messages behind `data-action="post"` buttons, built when clicked (they may carry long texts). */
export const postMessages = new WeakMap<Element, () => PageToHost | undefined>();
