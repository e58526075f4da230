/** boolean, integer and text annotations. */
import { h, icon } from '../../shell/dom';
import { formatNumber } from '../../../shared/format';
import { num } from '../../shell/model';
import { t } from '../../shell/strings';
import { quote } from '../../shell/widgets';
import type { ValueRenderer } from './types';

export const renderBoolean: ValueRenderer = (a) => {
  if (typeof a.value !== 'boolean') return undefined;
  const yes = a.value;
  return {
    node: h('span', { class: `bool ${yes ? 'bool-yes' : 'bool-no'}` }, icon(yes ? 'check' : 'close'), ' ', t(yes ? 'yes' : 'no')),
  };
};

/** Possible values of a scale: given, or 1..n when only labels are given (a Likert scale). */
function scaleValues(pv: unknown[] | undefined, labels: string[]): number[] {
  const given = (pv ?? []).map(num).filter((n): n is number => n !== undefined);
  if (given.length > 0) return given;
  return labels.map((_, i) => i + 1);
}

export const renderInteger: ValueRenderer = (a) => {
  const v = num(a.value);
  if (v === undefined) return undefined;
  const values = scaleValues(a.possibleValues, a.labels);
  const lined = a.labels.length === values.length;
  const labelOf = (x: number): string | undefined => (lined ? a.labels[values.indexOf(x)] : undefined);
  const label = labelOf(v);
  const headline = h('strong', { class: 'int-value' }, formatNumber(v), label !== undefined ? ` · ${label}` : '');
  if (values.length === 0 || values.length > 20) return { node: headline, usesLabels: lined };
  const steps = values.map((x) =>
    h(
      'li',
      {
        class: `step${x <= v ? ' filled' : ''}${x === v ? ' chosen' : ''}`,
        title: labelOf(x) ?? String(x),
        'aria-current': x === v ? 'true' : undefined,
      },
      h('span', { class: 'dot', 'aria-hidden': 'true' }),
      h('span', { class: 'step-label' }, formatNumber(x), labelOf(x) !== undefined ? ` · ${labelOf(x)}` : ''),
    ),
  );
  const outside = values.includes(v) ? null : h('small', { class: 'note' }, t('notInOptions'));
  return { node: [headline, h('ol', { class: 'scale' }, steps), outside], usesLabels: lined };
};

export const renderText: ValueRenderer = (a) => {
  if (typeof a.value !== 'string') return undefined;
  return { node: quote(a.value) };
};
