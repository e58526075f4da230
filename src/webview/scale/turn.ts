/**
 * A numbered turn card. Several assistant messages in one turn are candidates: shown side by
 * side in columns labelled by source_id, the one a ranking put first marked "Preferred".
 * Turn-level annotations and rubric definitions sit at the foot of the card.
 * In blind review the columns are shuffled (stable per task and turn), named "Candidate A, B…",
 * and each has a "Prefer this" button; once revealed, the reviewer's choice sits beside the
 * annotators' ranking.
 */
import { renderAnnotations } from './annotations';
import { h, icon, type Child } from '../shell/dom';
import { renderCompare } from './compare';
import { renderMessage } from './message';
import type { Ctx } from '../shell/plan';
import { preferredAmong, rankingOrder } from './preference';
import { choicesOf, isBlind } from '../shell/review';
import { criterionIndex, maxScoreOf, rubricDefinitions } from './rubrics';
import type { AnnotationV, MessageV, TurnV } from './model';
import { t } from '../shell/strings';
import { postMessages } from '../shell/widgets';
import { blindLetter, seededOrder } from '../../shared/review';

export function candidatesOf(turn: TurnV): MessageV[] {
  const assistants = turn.messages.filter((m) => m.role === 'assistant');
  return assistants.length > 1 ? assistants : [];
}

/** Where a turn sits: its task (the blind shuffle's seed) and the key its choice is kept under. */
export interface TurnPlace {
  taskId: string;
  key: string;
}

function chooseButton(m: MessageV, label: string, place: TurnPlace, ctx: Ctx): HTMLElement | null {
  if (m.sourceId === undefined) return null;
  const chosen = choicesOf(ctx)[place.key] === m.sourceId;
  const b = h(
    'button',
    { type: 'button', class: 'tool choose', 'data-action': 'post', 'aria-pressed': String(chosen), 'aria-label': t('preferThis', label) },
    icon(chosen ? 'pass-filled' : 'circle-large-outline'),
    h('span', null, t('preferThisShort')),
  );
  const sourceId = m.sourceId;
  postMessages.set(b, () => {
    // Kept in the page's copy too, so a card the virtual list renders again shows the choice.
    const choices = choicesOf(ctx);
    const again = choices[place.key] === sourceId;
    if (again) delete choices[place.key];
    else choices[place.key] = sourceId;
    const card = b.closest('.turn-card');
    for (const other of Array.from(card?.querySelectorAll('.choose') ?? [])) {
      const on = other === b && !again;
      other.setAttribute('aria-pressed', String(on));
      other.querySelector('.codicon')?.setAttribute('class', `codicon codicon-${on ? 'pass-filled' : 'circle-large-outline'}`);
    }
    return { type: 'review', choice: { turn: place.key, sourceId: again ? null : sourceId } };
  });
  return b;
}

/** After blind review: the reviewer's choice beside the annotators' ranking of these candidates. */
function revealLine(choice: string, ranking: string[], winners: Set<string> | undefined): HTMLElement {
  const agreed = winners?.has(choice);
  return h(
    'div',
    { class: `review-reveal${agreed === undefined ? '' : agreed ? ' agree' : ' differ'}`, role: 'note' },
    icon(agreed === undefined ? 'question' : agreed ? 'check' : 'close'),
    ' ',
    t('yourChoice', choice),
    ' · ',
    ranking.length > 0 ? t('annotatorsRanked', ranking.join(' > ')) : t('annotatorsNoRanking'),
    agreed === undefined ? null : [' · ', h('strong', null, t(agreed ? 'reviewAgree' : 'reviewDiffer'))],
  );
}

export function renderTurn(turn: TurnV, index: number, threadAnnotations: AnnotationV[], ctx: Ctx, place?: TurnPlace): HTMLElement {
  const blind = isBlind(ctx);
  const defs = criterionIndex(turn.rubrics);
  const maxScore = maxScoreOf(turn.rubrics);
  const candidates = candidatesOf(turn);
  const candidateIds = candidates.map((m) => m.sourceId).filter((s): s is string => s !== undefined);
  const pref = preferredAmong(candidateIds, turn.annotations, threadAnnotations);
  const order = rankingOrder(turn.annotations, threadAnnotations);
  const opts = { ctx, defs, maxScore, blind };
  // Blind: columns in a stable shuffled order; labels say only the column's letter.
  const shown = blind && place ? seededOrder(candidates.length, `${place.taskId}|${place.key}`).map((i) => candidates[i]) : candidates;
  const labels = new Map(shown.map((m, i) => [m, blind ? t('candidateN', blindLetter(i)) : (m.sourceId ?? '')]));
  const content: Child[] = [];
  let placed = false;
  for (const m of turn.messages) {
    if (!candidates.includes(m)) {
      content.push(renderMessage(m, opts));
      continue;
    }
    if (placed) continue;
    placed = true;
    const grid = h('div', { class: `candidates cols-${Math.min(candidates.length, 4)}`, role: 'group', 'aria-label': t('candidates') });
    for (const c of shown) {
      const label = labels.get(c) ?? '';
      const preferred = !blind && pref && c.sourceId !== undefined && pref.ids.has(c.sourceId) ? (pref.tie ? 'tie' : 'yes') : undefined;
      grid.append(
        h(
          'div',
          { class: preferred ? 'candidate preferred' : 'candidate', role: 'group', 'aria-label': label },
          h('div', { class: 'candidate-label' }, label, blind && place ? chooseButton(c, label, place, ctx) : null),
          renderMessage(c, { ...opts, preferred }),
        ),
      );
    }
    content.push(
      grid,
      renderCompare(shown, blind ? [] : order, (c) => labels.get(c) ?? ''),
    );
  }
  const choice = place && !blind ? choicesOf(ctx)[place.key] : undefined;
  const label = t('turn', index + 1);
  return h(
    'section',
    { class: 'turn-card', tabindex: 0, 'aria-label': turn.id !== undefined ? `${label} (${turn.id})` : label, 'data-turn-index': index },
    h('header', { class: 'turn-head' }, h('h3', null, label), turn.id !== undefined ? h('code', { class: 'turn-id' }, turn.id) : null),
    choice !== undefined
      ? revealLine(
          choice,
          order.filter((id) => candidateIds.includes(id)),
          pref?.ids,
        )
      : null,
    content.length > 0 ? content : h('p', { class: 'muted' }, t('noMessages')),
    (turn.annotations.length > 0 && !blind) || turn.rubrics.length > 0
      ? h('footer', { class: 'turn-foot' }, renderAnnotations(turn.annotations, ctx), rubricDefinitions(turn.rubrics, ctx))
      : null,
  );
}
