/** ranked_choices (strict order) and ranked_groups (tiers with ties) annotations. */
import { h, icon } from '../../shell/dom';
import { display } from '../../shell/model';
import { t } from '../../shell/strings';
import { chip } from '../../shell/widgets';
import type { ValueRenderer } from './types';

export const renderRankedChoices: ValueRenderer = (a) => {
  if (!Array.isArray(a.value)) return undefined;
  const items = a.value.map((v, i) =>
    h(
      'li',
      { class: i === 0 ? 'rank first' : 'rank' },
      h('span', { class: 'rank-no' }, i === 0 ? [icon('star-full'), ' ', t('first')] : t('rank', i + 1)),
      ' ',
      h('span', { class: 'rank-item' }, display(v)),
    ),
  );
  return { node: h('ol', { class: 'ranking' }, items) };
};

export const renderRankedGroups: ValueRenderer = (a) => {
  if (!Array.isArray(a.value)) return undefined;
  const tiers = a.value.map((group, i) => {
    const members = Array.isArray(group) ? group.map(display) : [display(group)];
    return h(
      'li',
      { class: i === 0 ? 'tier first' : 'tier' },
      h('span', { class: 'rank-no' }, i === 0 ? [icon('star-full'), ' '] : null, t('tier', i + 1)),
      ' ',
      h(
        'span',
        { class: 'chips' },
        members.map((m) => chip(m, members.length > 1 ? 'tied' : '')),
      ),
    );
  });
  return { node: h('ol', { class: 'ranking tiers' }, tiers) };
};
