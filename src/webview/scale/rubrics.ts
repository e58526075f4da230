/** Rubric definitions (turn foot) and rubric evaluations (criteria table on a message). */
import { renderAnnotations } from './annotations';
import { h } from '../shell/dom';
import { formatNumber } from '../../shared/format';
import type { Ctx } from '../shell/plan';
import type { CriterionDefV, RubricEvalV, RubricV } from './model';
import { t } from '../shell/strings';

export function rubricDefinitions(rubrics: RubricV[], ctx: Ctx): HTMLElement | null {
  if (rubrics.length === 0) return null;
  return h(
    'div',
    { class: 'rubrics' },
    rubrics.map((r) =>
      h(
        'details',
        { class: 'rubric' },
        h('summary', null, t('rubrics'), r.maxTotalScore !== undefined ? ` · ${t('maxScore', formatNumber(r.maxTotalScore))}` : ''),
        h(
          'table',
          { class: 'grid-table' },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              h('th', { scope: 'col' }, t('criterion')),
              h('th', { scope: 'col' }, t('weight')),
              h('th', { scope: 'col' }, t('notes')),
            ),
          ),
          h(
            'tbody',
            null,
            r.criteria.map((c) =>
              h(
                'tr',
                null,
                h('td', null, c.criterion ?? c.id ?? ''),
                h('td', { class: 'num' }, c.weight !== undefined ? formatNumber(c.weight) : '—'),
                h('td', null, renderAnnotations(c.annotations, ctx, 'compact')),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

export function criterionIndex(rubrics: RubricV[]): Map<string, CriterionDefV> {
  const map = new Map<string, CriterionDefV>();
  for (const r of rubrics) for (const c of r.criteria) if (c.id !== undefined && !map.has(c.id)) map.set(c.id, c);
  return map;
}

export function maxScoreOf(rubrics: RubricV[]): number | undefined {
  for (const r of rubrics) if (r.maxTotalScore !== undefined) return r.maxTotalScore;
  return undefined;
}

export function totalText(e: RubricEvalV, max: number | undefined): string {
  const parts: string[] = [];
  if (e.totalScore !== undefined)
    parts.push(max !== undefined ? `${formatNumber(e.totalScore)} / ${formatNumber(max)}` : formatNumber(e.totalScore));
  if (e.percentage !== undefined) parts.push(t('percentage', formatNumber(e.percentage)));
  return parts.join(' · ');
}

export function rubricEvaluation(e: RubricEvalV, defs: Map<string, CriterionDefV>, max: number | undefined, ctx: Ctx): HTMLElement {
  const rows = e.criteria.map((c) => {
    const def = c.definitionId !== undefined ? defs.get(c.definitionId) : undefined;
    const weighted = c.score !== undefined && def?.weight !== undefined ? c.score * def.weight : undefined;
    return h(
      'tr',
      null,
      h('td', null, def?.criterion ?? t('unknownCriterion', c.definitionId ?? '?')),
      h('td', { class: 'num' }, def?.weight !== undefined ? formatNumber(def.weight) : '—'),
      h('td', { class: 'num' }, c.score !== undefined ? formatNumber(c.score) : '—'),
      h('td', { class: 'num' }, weighted !== undefined ? formatNumber(weighted) : '—'),
      h('td', { class: 'notes' }, renderAnnotations(c.annotations, ctx, 'compact')),
    );
  });
  const total = totalText(e, max);
  return h(
    'div',
    { class: 'rubric-eval' },
    h(
      'div',
      { class: 'sub-title' },
      t('rubricEvaluation'),
      total ? h('span', { class: 'rubric-total' }, ` · ${t('total')} ${total}`) : null,
    ),
    h(
      'table',
      { class: 'grid-table' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          [t('criterion'), t('weight'), t('score'), t('weighted')].map((c) => h('th', { scope: 'col' }, c)),
          h('th', { scope: 'col', class: 'notes' }, t('notes')),
        ),
      ),
      h('tbody', null, rows),
    ),
    renderAnnotations(e.annotations, ctx),
  );
}
