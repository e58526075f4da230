/** category (single choice) and category_multiple annotations: chips, chosen highlighted. */
import { h, icon } from '../../shell/dom';
import { display } from '../../shell/model';
import { t } from '../../shell/strings';
import { srOnly } from '../../shell/widgets';
import type { AnnotationV } from '../model';
import type { ValueRenderer, ValueView } from './types';

function chips(a: AnnotationV, chosen: string[]): ValueView {
  const options = (a.possibleValues ?? []).map(display);
  const lined = a.labels.length > 0 && a.labels.length === options.length;
  const chosenSet = new Set(chosen);
  const items = options.map((opt, i) => {
    const on = chosenSet.has(opt);
    const label = lined ? a.labels[i] : opt;
    return h(
      'li',
      { class: on ? 'chip option chosen' : 'chip option', title: label !== opt ? opt : undefined, 'aria-current': on ? 'true' : undefined },
      on ? icon('check') : null,
      label,
      on ? srOnly(` (${t('chosen')})`) : null,
    );
  });
  // Chosen values outside the possible values are shown too, marked as such.
  for (const c of chosen) {
    if (options.includes(c)) continue;
    items.push(
      h(
        'li',
        { class: 'chip option chosen outside', title: t('notInOptions'), 'aria-current': 'true' },
        icon('check'),
        c,
        srOnly(` (${t('chosen')}, ${t('notInOptions')})`),
      ),
    );
  }
  return { node: h('ul', { class: 'chips options' }, items), usesLabels: lined };
}

export const renderCategory: ValueRenderer = (a) => {
  if (typeof a.value !== 'string' && typeof a.value !== 'number' && typeof a.value !== 'boolean') return undefined;
  return chips(a, [display(a.value)]);
};

export const renderCategoryMultiple: ValueRenderer = (a) => {
  if (!Array.isArray(a.value)) return typeof a.value === 'string' ? chips(a, [a.value]) : undefined;
  return chips(a, a.value.map(display));
};
