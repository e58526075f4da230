/**
 * Annotations, everywhere the same: a compact row with title (or key), the value rendered for
 * its type, flags, labels, description on expand, justification as a quote.
 * The type → renderer table is the one place to add a new annotation type.
 */
import { h, icon } from '../../shell/dom';
import type { Ctx } from '../../shell/plan';
import { isBlind } from '../../shell/review';
import type { AnnotationV } from '../model';
import { t } from '../../shell/strings';
import { formatNumber } from '../../../shared/format';
import { chip, quote } from '../../shell/widgets';
import { renderCategory, renderCategoryMultiple } from './choice';
import { renderFile } from './file';
import { renderLabeledText } from './labeledText';
import { renderRankedChoices, renderRankedGroups } from './ranking';
import { renderRubricCriteria, renderRubricRating } from './rubric';
import { renderBoolean, renderInteger, renderText } from './scalar';
import type { ValueRenderer, ValueView } from './types';
import { renderUnknown } from './unknown';
import { renderWorkspace } from './workspace';

const RENDERERS: Readonly<Record<string, ValueRenderer>> = {
  boolean: renderBoolean,
  integer: renderInteger,
  text: renderText,
  category: renderCategory,
  category_multiple: renderCategoryMultiple,
  labeled_text: renderLabeledText,
  ranked_choices: renderRankedChoices,
  ranked_groups: renderRankedGroups,
  rubric_criteria: renderRubricCriteria,
  rubric_rating: renderRubricRating,
  file: renderFile,
  workspace_container: renderWorkspace,
};

export function knownType(type: string | undefined): type is string {
  return type !== undefined && Object.prototype.hasOwnProperty.call(RENDERERS, type);
}

function valueView(a: AnnotationV, ctx: Ctx): ValueView | undefined {
  if (!a.hasValue) return undefined;
  const r = knownType(a.type) ? RENDERERS[a.type] : undefined;
  try {
    return (r && r(a, ctx)) ?? renderUnknown(a, ctx);
  } catch {
    return renderUnknown(a, ctx);
  }
}

export function renderAnnotation(a: AnnotationV, ctx: Ctx): HTMLElement {
  const known = knownType(a.type);
  const view = valueView(a, ctx);
  const name = a.title ?? a.key ?? a.id ?? t('annotation');
  const head = h(
    'div',
    { class: 'ann-head' },
    h('span', { class: 'ann-title', title: a.description }, name),
    a.title !== undefined && a.key !== undefined ? h('code', { class: 'ann-key' }, a.key) : null,
    a.type !== undefined
      ? h('span', { class: known ? 'ann-type' : 'ann-type unknown-type' }, known ? a.type : t('unknownType', a.type))
      : null,
    a.notApplicable ? chip(t('notApplicable'), 'flag flag-na') : null,
    a.cannotAssess ? chip(t('cannotAssess'), 'flag flag-ca') : null,
  );
  return h(
    'div',
    { class: `annotation ann-${known ? a.type : 'unknown'}` },
    head,
    h(
      'div',
      { class: 'ann-value' },
      view ? view.node : h('span', { class: 'muted' }, a.notApplicable || a.cannotAssess ? '—' : t('noValue')),
    ),
    a.labels.length > 0 && !view?.usesLabels
      ? h(
          'div',
          { class: 'ann-labels' },
          icon('tag'),
          ' ',
          a.labels.map((l) => chip(l, 'label')),
        )
      : null,
    a.criteria !== undefined ? h('div', { class: 'ann-criteria muted' }, t('criteriaOf', a.criteria)) : null,
    a.justification !== undefined ? quote(a.justification, 'justification') : null,
    a.description !== undefined
      ? h('details', { class: 'ann-desc' }, h('summary', null, t('description')), h('p', { class: 'pre-wrap' }, a.description))
      : null,
  );
}

/** Annotations rendered in one go; a longer list renders the rest in later slices (ctx.defer). */
export const ANNOTATION_CHUNK = 50;
/** Annotations shown before "Show more": 2,000 annotations on one message would be 40,000 elements. */
export const ANNOTATION_PAGE = 400;

export function renderAnnotations(list: AnnotationV[], ctx: Ctx, extraClass = ''): HTMLElement | null {
  // Blind review hides every annotation, at every level.
  if (list.length === 0 || isBlind(ctx)) return null;
  const box = h('div', { class: `annotations${extraClass ? ' ' + extraClass : ''}` });
  const chunk = ctx.defer ? ANNOTATION_CHUNK : list.length;
  let more: HTMLElement | undefined;
  const appendFrom = (from: number, pageEnd: number) => {
    const end = Math.min(from + chunk, pageEnd, list.length);
    const nodes = list.slice(from, end).map((a) => renderAnnotation(a, ctx));
    if (more) more.before(...nodes);
    else box.append(...nodes);
    if (end < pageEnd && end < list.length) ctx.defer?.(() => appendFrom(end, pageEnd));
    else if (end < list.length) showMore(end);
    else more?.remove();
  };
  const showMore = (from: number) => {
    const left = list.length - from;
    const label = t('showMoreAnnotations', formatNumber(Math.min(left, ANNOTATION_PAGE)), formatNumber(left));
    const button = h('button', { type: 'button', class: 'link-button more-annotations' }, label);
    button.addEventListener('click', () => {
      button.disabled = true;
      appendFrom(from, from + ANNOTATION_PAGE);
    });
    if (more) more.replaceWith(button);
    else box.append(button);
    more = button;
  };
  appendFrom(0, ctx.defer ? ANNOTATION_PAGE : list.length);
  return box;
}
