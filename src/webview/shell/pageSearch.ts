/**
 * The page's own search box. Turns are virtualised (only those near the viewport are in the DOM),
 * so the editor's find widget cannot see most of a big task; this searches the task's data for
 * every turn, rendered or not, shows the matching turn and marks the matches in it with the CSS
 * Custom Highlight API (no DOM change, so nothing hostile is ever re-parsed).
 */
import { h, icon } from './dom';
import type { Searchable } from './plan';
import { t } from './strings';

const HIGHLIGHT = 'tl-search';

/** Indexes of the units whose text contains `query` (case-insensitive), in order. */
export function searchUnits(search: Searchable, query: string): number[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const hits: number[] = [];
  for (let i = 0; i < search.count; i++) if (search.textOf(i).includes(q)) hits.push(i);
  return hits;
}

/** Marks every occurrence of `query` in `el`'s text, where the browser supports highlights. */
function mark(el: HTMLElement | undefined, query: string): void {
  const win = el?.ownerDocument.defaultView as (Window & typeof globalThis) | null | undefined;
  const registry = (win?.CSS as { highlights?: Map<string, unknown> } | undefined)?.highlights;
  const HighlightCtor = (win as unknown as { Highlight?: new (...r: Range[]) => unknown } | undefined)?.Highlight;
  if (!el || !registry || !HighlightCtor) return;
  const q = query.trim().toLowerCase();
  const ranges: Range[] = [];
  const walker = el.ownerDocument.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n && ranges.length < 500; n = walker.nextNode()) {
    const s = (n.nodeValue ?? '').toLowerCase();
    for (let at = s.indexOf(q); at !== -1 && q !== ''; at = s.indexOf(q, at + q.length)) {
      const r = el.ownerDocument.createRange();
      r.setStart(n, at);
      r.setEnd(n, at + q.length);
      ranges.push(r);
    }
  }
  registry.set(HIGHLIGHT, new HighlightCtor(...ranges));
}

export function pageSearch(search: Searchable): HTMLElement {
  const input = h('input', {
    type: 'search',
    class: 'page-search-input',
    placeholder: t('searchPlaceholder'),
    'aria-label': t('searchLabel'),
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const status = h('span', { class: 'page-search-status muted', role: 'status', 'aria-live': 'polite' });
  const button = (dir: 1 | -1) =>
    h(
      'button',
      {
        type: 'button',
        class: 'icon-button',
        title: t(dir === 1 ? 'searchNext' : 'searchPrev'),
        'aria-label': t(dir === 1 ? 'searchNext' : 'searchPrev'),
      },
      icon(dir === 1 ? 'arrow-down' : 'arrow-up'),
    );
  const next = button(1);
  const prev = button(-1);
  let query = '';
  let hits: number[] = [];
  let at = -1;

  const go = (delta: 1 | -1) => {
    if (input.value !== query) {
      query = input.value;
      hits = searchUnits(search, query);
      at = delta === 1 ? -1 : 0;
    }
    if (hits.length === 0) {
      status.textContent = query.trim() === '' ? '' : t('searchNone');
      return;
    }
    at = (at + delta + hits.length) % hits.length;
    const card = search.reveal(hits[at]);
    mark(card, query);
    status.textContent = t('searchCount', at + 1, hits.length);
  };
  input.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    go(e.shiftKey ? -1 : 1);
  });
  next.addEventListener('click', () => go(1));
  prev.addEventListener('click', () => go(-1));
  return h('div', { class: 'page-search', role: 'search' }, icon('search'), input, prev, next, status);
}
