/**
 * A numbered turn card. Several assistant messages in one turn are candidates: shown side by
 * side in columns labelled by source_id, the one a ranking put first marked "Preferred".
 * Turn-level annotations and rubric definitions sit at the foot of the card.
 */
import { renderAnnotations } from './annotations';
import { h, type Child } from '../shell/dom';
import { renderMessage } from './message';
import type { Ctx } from '../shell/plan';
import { renderCompare } from './compare';
import { preferredAmong, rankingOrder } from './preference';
import { criterionIndex, maxScoreOf, rubricDefinitions } from './rubrics';
import type { AnnotationV, MessageV, TurnV } from './model';
import { t } from '../shell/strings';

export function candidatesOf(turn: TurnV): MessageV[] {
  const assistants = turn.messages.filter((m) => m.role === 'assistant');
  return assistants.length > 1 ? assistants : [];
}

export function renderTurn(turn: TurnV, index: number, threadAnnotations: AnnotationV[], ctx: Ctx): HTMLElement {
  const defs = criterionIndex(turn.rubrics);
  const maxScore = maxScoreOf(turn.rubrics);
  const candidates = candidatesOf(turn);
  const pref = preferredAmong(
    candidates.map((m) => m.sourceId).filter((s): s is string => s !== undefined),
    turn.annotations,
    threadAnnotations,
  );
  const opts = { ctx, defs, maxScore };
  const content: Child[] = [];
  let grid: HTMLElement | undefined;
  for (const m of turn.messages) {
    if (candidates.includes(m)) {
      const preferred = pref && m.sourceId !== undefined && pref.ids.has(m.sourceId) ? (pref.tie ? 'tie' : 'yes') : undefined;
      const column = h(
        'div',
        { class: preferred ? 'candidate preferred' : 'candidate', role: 'group', 'aria-label': m.sourceId ?? '' },
        h('div', { class: 'candidate-label' }, m.sourceId ?? ''),
        renderMessage(m, { ...opts, preferred }),
      );
      if (!grid) {
        grid = h('div', { class: `candidates cols-${Math.min(candidates.length, 4)}`, role: 'group', 'aria-label': t('candidates') });
        content.push(grid, renderCompare(candidates, rankingOrder(turn.annotations, threadAnnotations)));
      }
      grid.append(column);
    } else {
      content.push(renderMessage(m, opts));
    }
  }
  const label = t('turn', index + 1);
  return h(
    'section',
    { class: 'turn-card', tabindex: 0, 'aria-label': turn.id !== undefined ? `${label} (${turn.id})` : label, 'data-turn-index': index },
    h('header', { class: 'turn-head' }, h('h3', null, label), turn.id !== undefined ? h('code', { class: 'turn-id' }, turn.id) : null),
    content.length > 0 ? content : h('p', { class: 'muted' }, t('noMessages')),
    turn.annotations.length > 0 || turn.rubrics.length > 0
      ? h('footer', { class: 'turn-foot' }, renderAnnotations(turn.annotations, ctx), rubricDefinitions(turn.rubrics, ctx))
      : null,
  );
}
