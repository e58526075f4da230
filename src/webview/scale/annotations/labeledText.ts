/** labeled_text annotations: highlighted spans with their labels. */
import { h } from '../../shell/dom';
import { display, isRec, sget } from '../../shell/model';
import type { ValueRenderer } from './types';

export const renderLabeledText: ValueRenderer = (a) => {
  if (!Array.isArray(a.value)) return undefined;
  const items = a.value.map((v) => {
    const label = isRec(v) ? sget(v, 'label') : undefined;
    const text = isRec(v) ? sget(v, 'text') : display(v);
    return h(
      'li',
      { class: 'labeled-span' },
      h('mark', null, text ?? ''),
      label !== undefined ? h('span', { class: 'span-label' }, label) : null,
    );
  });
  return { node: h('ul', { class: 'labeled-spans' }, items) };
};
