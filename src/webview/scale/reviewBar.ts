/**
 * The blind-review bar under the summary: the toggle, and while blind a line saying what is
 * hidden and how many turns the reviewer has chosen in. Shown only for tasks with candidates.
 */
import { h, icon } from '../shell/dom';
import type { Ctx } from '../shell/plan';
import { choicesOf, isBlind } from '../shell/review';
import { t } from '../shell/strings';
import { postMessages } from '../shell/widgets';
import type { TaskV } from './model';
import { candidatesOf } from './turn';

export function reviewBar(task: TaskV, ctx: Ctx): HTMLElement | null {
  let withCandidates = 0;
  for (const th of task.threads)
    for (let j = 0; j < th.turnCount && withCandidates < 1; j++) if (candidatesOf(th.turnAt(j)).length > 0) withCandidates++;
  if (withCandidates === 0) return null;
  const blind = isBlind(ctx);
  const toggle = h(
    'button',
    { type: 'button', class: 'tool review-toggle', 'data-action': 'post', 'aria-pressed': String(blind) },
    icon(blind ? 'eye' : 'eye-closed'),
    h('span', null, blind ? t('revealReview') : t('blindReview')),
  );
  postMessages.set(toggle, () => ({ type: 'review', blind: !blind }));
  return h(
    'div',
    { class: `review-bar${blind ? ' blind' : ''}`, role: 'region', 'aria-label': t('blindReview') },
    toggle,
    blind
      ? h(
          'span',
          { class: 'review-hint' },
          t('blindOn'),
          ' ',
          t('blindChosen', Object.keys(choicesOf(ctx)).length, countCandidateTurns(task)),
        )
      : null,
  );
}

function countCandidateTurns(task: TaskV): number {
  let n = 0;
  for (const th of task.threads) for (let j = 0; j < th.turnCount; j++) if (candidatesOf(th.turnAt(j)).length > 0) n++;
  return n;
}
