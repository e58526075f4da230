/** The parts under a message's text: model parameters, reasoning, references, chunks. */
import { renderAnnotations } from './annotations';
import { h, icon } from '../shell/dom';
import { renderMarkdown } from '../shell/markdown';
import { display, num, type Rec } from '../shell/model';
import type { Ctx } from '../shell/plan';
import { isAllowedLinkUrl } from '../../shared/links';
import type { ChunkV, ReferenceTextV } from './model';
import { t } from '../shell/strings';
import { chip, foldIfLong } from '../shell/widgets';

const PARAM_NAMES: Record<string, string> = {
  temperature: 'temperature',
  max_completion_tokens: 'max tokens',
  top_p: 'top-p',
  top_k: 'top-k',
};

/** "model-a · temperature 0.7 · max tokens 2048 · top-p 0.95 · top-k 40", then any other keys. */
export function modelParameters(mp: Rec | undefined): HTMLElement | null {
  if (!mp) return null;
  const parts: string[] = [];
  if (mp.model !== undefined) parts.push(display(mp.model));
  const keys = Object.keys(mp).filter((k) => k !== 'model');
  const ordered = [
    ...Object.keys(PARAM_NAMES).filter((k) => keys.includes(k)),
    ...keys.filter((k) => !Object.prototype.hasOwnProperty.call(PARAM_NAMES, k)),
  ];
  for (const k of ordered) {
    const v = mp[k];
    const n = num(v);
    parts.push(`${Object.prototype.hasOwnProperty.call(PARAM_NAMES, k) ? PARAM_NAMES[k] : k} ${n !== undefined ? String(n) : display(v)}`);
  }
  return h('div', { class: 'model-params', title: t('modelParams') }, icon('settings-gear'), ' ', parts.join(' · '));
}

export function reasoning(blocks: string[]): HTMLElement | null {
  if (blocks.length === 0) return null;
  return h(
    'details',
    { class: 'reasoning' },
    h('summary', null, icon('lightbulb'), ' ', t('showReasoning')),
    blocks.map((b) => renderMarkdown(b, 'reasoning-block')),
  );
}

export function referenceTexts(refs: ReferenceTextV[]): HTMLElement | null {
  if (refs.length === 0) return null;
  return h(
    'div',
    { class: 'references' },
    h('div', { class: 'sub-title' }, t('references')),
    h(
      'ul',
      { class: 'reference-cards' },
      refs.map((r) =>
        h(
          'li',
          { class: 'reference-card' },
          h(
            'div',
            { class: 'reference-head' },
            r.category !== undefined ? chip(r.category, 'category') : null,
            r.url !== undefined
              ? isAllowedLinkUrl(r.url)
                ? h('a', { href: r.url, class: 'link', title: r.url }, icon('link-external'), ' ', r.url)
                : h('span', { class: 'url-text', title: t('linkNotAllowed') }, r.url)
              : null,
          ),
          r.content !== undefined ? foldIfLong(r.content, h('p', { class: 'pre-wrap reference-content' }, r.content)) : null,
        ),
      ),
    ),
  );
}

export function chunks(list: ChunkV[], ctx: Ctx): HTMLElement | null {
  if (list.length === 0) return null;
  return h(
    'details',
    { class: 'chunks', open: list.some((c) => c.annotations.length > 0) },
    h('summary', null, t('chunks', list.length)),
    h(
      'ol',
      { class: 'chunk-list' },
      list.map((c) =>
        h(
          'li',
          { class: 'chunk' },
          c.type !== undefined && c.type !== 'text' ? chip(c.type, 'chunk-type') : null,
          c.text !== undefined ? h('pre', { class: 'chunk-text' }, c.text) : null,
          renderAnnotations(c.annotations, ctx, 'compact'),
        ),
      ),
    ),
  );
}
