/** rubric_criteria and rubric_rating annotations. */
import { h } from '../../shell/dom';
import { formatNumber } from '../../../shared/format';
import { kvView } from '../../shell/kvtree';
import { isRec, nget, sget, type Rec } from '../../shell/model';
import { t } from '../../shell/strings';
import { chip, quote } from '../../shell/widgets';
import type { Ctx } from '../../shell/plan';
import type { ValueRenderer } from './types';

const COLORS = new Set(['green', 'yellow', 'orange', 'red', 'blue', 'purple', 'gray', 'grey']);

function extras(v: Rec, known: string[], ctx: Ctx): HTMLElement | null {
  const rest: Rec = {};
  for (const k of Object.keys(v)) if (!known.includes(k)) rest[k] = v[k];
  return Object.keys(rest).length > 0 ? kvView(rest, { revealSecrets: ctx.revealSecrets }) : null;
}

export const renderRubricCriteria: ValueRenderer = (a, ctx) => {
  if (!isRec(a.value)) return undefined;
  const weight = nget(a.value, 'weight');
  return {
    node: [
      weight !== undefined ? h('span', { class: 'weight' }, `${t('weight')} ${formatNumber(weight)}`) : null,
      extras(a.value, ['weight'], ctx),
    ],
  };
};

export const renderRubricRating: ValueRenderer = (a, ctx) => {
  if (!isRec(a.value)) return undefined;
  const score = nget(a.value, 'score');
  const color = sget(a.value, 'color');
  const justification = sget(a.value, 'justification');
  const colorKey = color?.toLowerCase();
  return {
    node: [
      score !== undefined ? h('strong', { class: 'score' }, `${t('score')} ${formatNumber(score)}`) : null,
      color !== undefined
        ? chip(color, `rating-color${colorKey && COLORS.has(colorKey) ? ' rating-' + colorKey : ''}`, t('color', color))
        : null,
      justification !== undefined ? quote(justification, 'justification') : null,
      extras(a.value, ['score', 'color', 'justification'], ctx),
    ],
  };
};
