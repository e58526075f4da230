/**
 * The summary strip: counts of threads, turns, messages and annotations; rubric totals;
 * the preference winner — one line that says what happened before any scrolling.
 */
import { h, icon } from '../shell/dom';
import { formatNumber } from '../../shared/format';
import type { Ctx } from '../shell/plan';
import { isBlind } from '../shell/review';
import { preferredAmong, topOfRanking } from './preference';
import { maxScoreOf, totalText } from './rubrics';
import { countAnnotations, type TaskV } from './model';
import { t, type StringKey } from '../shell/strings';
import { candidatesOf } from './turn';

function count(n: number, one: StringKey, many: StringKey): string {
  return n === 1 ? t(one) : t(many, formatNumber(n));
}

function rubricTotals(task: TaskV): string[] {
  const out: string[] = [];
  for (const th of task.threads) {
    for (const tu of th.turns) {
      const max = maxScoreOf(tu.rubrics);
      for (const m of tu.messages) {
        for (const e of m.rubricEvaluations) {
          const total = totalText(e, max);
          if (total) out.push(m.sourceId !== undefined ? `${m.sourceId} ${total}` : total);
        }
      }
    }
  }
  return out;
}

/** Winners per turn with candidates; else the top of each thread's ranking. */
export function preferenceWinners(task: TaskV): Map<string, number> {
  const wins = new Map<string, number>();
  const add = (id: string) => wins.set(id, (wins.get(id) ?? 0) + 1);
  for (const th of task.threads) {
    for (const tu of th.turns) {
      const ids = candidatesOf(tu)
        .map((m) => m.sourceId)
        .filter((s): s is string => s !== undefined);
      if (ids.length === 0) continue;
      const p = preferredAmong(ids, tu.annotations, th.annotations);
      if (p) p.ids.forEach(add);
    }
  }
  if (wins.size === 0) for (const th of task.threads) topOfRanking(th.annotations)?.forEach(add);
  return wins;
}

function listWithMore(items: string[], max = 3): string {
  const shown = items.slice(0, max).join(' · ');
  return items.length > max ? `${shown} · ${t('andMore', items.length - max)}` : shown;
}

export function renderSummary(task: TaskV, ctx: Ctx): HTMLElement {
  const blind = isBlind(ctx);
  let turns = 0;
  let messages = 0;
  for (const th of task.threads) {
    turns += th.turns.length;
    for (const tu of th.turns) messages += tu.messages.length;
  }
  const rubric = rubricTotals(task);
  const wins = [...preferenceWinners(task).entries()].sort((a, b) => b[1] - a[1]);
  const winText = wins.map(([id, n]) => (wins.length > 1 || n > 1 ? `${id} ×${n}` : id));
  const item = (ico: string, text: string, cls = '') => h('li', { class: `summary-item${cls ? ' ' + cls : ''}` }, icon(ico), ' ', text);
  return h(
    'ul',
    { class: 'summary', 'aria-label': t('summary') },
    item('list-unordered', count(task.threads.length, 'threadOne', 'threads')),
    item('comment-discussion', count(turns, 'turnOne', 'turns')),
    item('comment', count(messages, 'messageOne', 'messages')),
    item('tag', count(countAnnotations(task), 'annotationOne', 'annotations')),
    rubric.length > 0 && !blind ? item('checklist', t('rubricSummary', listWithMore(rubric)), 'summary-rubric') : null,
    winText.length > 0 && !blind ? item('star-full', t('preferredSummary', listWithMore(winText)), 'summary-preferred') : null,
  );
}
