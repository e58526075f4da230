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
import { hasCandidates } from './turnList';

export function reviewBar(task: TaskV, ctx: Ctx): HTMLElement | null {
  // From the raw turns: reading each turn to learn it has none would cost a 2,000-turn task ≈ 12 ms.
  if (!task.threads.some((th) => th.rawTurns.some(hasCandidates))) return null;
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
  for (const th of task.threads) for (const raw of th.rawTurns) if (hasCandidates(raw)) n++;
  return n;
}
