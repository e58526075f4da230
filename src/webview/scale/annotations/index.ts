/**
 * Annotations, everywhere the same: a compact row with title (or key), the value rendered for
 * its type, flags, labels, description on expand, justification as a quote.
 * The type → renderer table is the one place to add a new annotation type.
 */
import { h, icon } from '../../shell/dom';
import type { Ctx } from '../../shell/plan';
import type { AnnotationV } from '../model';
import { t } from '../../shell/strings';
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
export const ANNOTATION_CHUNK = 100;

export function renderAnnotations(list: AnnotationV[], ctx: Ctx, extraClass = ''): HTMLElement | null {
  if (list.length === 0) return null;
  const box = h('div', { class: `annotations${extraClass ? ' ' + extraClass : ''}` });
  const chunk = ctx.defer ? ANNOTATION_CHUNK : list.length;
  const appendFrom = (from: number) => {
    box.append(...list.slice(from, from + chunk).map((a) => renderAnnotation(a, ctx)));
    if (from + chunk < list.length) ctx.defer?.(() => appendFrom(from + chunk));
  };
  appendFrom(0);
  return box;
}
