/**
 * How often a reviewer's blind choices agree with the annotators: for every turn the reviewer
 * chose in, the annotators' winner is the best-ranked tier of the first ranking annotation (turn
 * first, then thread) that names any of the turn's candidates, restricted to them — the rule the
 * task view uses to mark "Preferred". A choice agrees when it is in that tier (a tie counts for
 * every member). Turns without such a ranking are counted apart, never as disagreement.
 * Plain data in, plain data out: the explorer's filtered set feeds it tasks and stored choices.
 */
import { rankingTiersOf, turnKey } from '../../shared/review';

export interface TurnAgreement {
  taskId: string;
  turn: string;
  choice: string;
  /** The annotators' winner(s) among the candidates; empty when no ranking names them. */
  winners: string[];
  agreed: boolean;
}

export interface Agreement {
  /** Turns with both a reviewer choice and an annotators' ranking. */
  compared: number;
  agreed: number;
  /** agreed / compared, or null when nothing was compared. */
  rate: number | null;
  /** Choices in turns no ranking annotation covers. */
  unranked: number;
  turns: TurnAgreement[];
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function winnersAmong(candidates: Set<string>, ...annotationLists: unknown[][]): string[] {
  for (const annotations of annotationLists) {
    for (const a of annotations) {
      for (const tier of rankingTiersOf(a) ?? []) {
        const hit = tier.filter((x) => candidates.has(x));
        if (hit.length > 0) return hit;
      }
    }
  }
  return [];
}

/**
 * `tasks`: raw Scale tasks; `choicesOf(taskId)`: the reviewer's stored choices for that task
 * (turn key → source_id), as the task view keeps them.
 */
export function agreementOf(
  tasks: Iterable<unknown>,
  choicesOf: (taskId: string) => Readonly<Record<string, string>> | undefined,
): Agreement {
  const turns: TurnAgreement[] = [];
  let unranked = 0;
  for (const task of tasks) {
    if (!isRec(task)) continue;
    const taskId = typeof task.task_id === 'string' ? task.task_id : undefined;
    const choices = taskId !== undefined ? choicesOf(taskId) : undefined;
    if (!taskId || !choices || Object.keys(choices).length === 0) continue;
    list(task.threads)
      .filter(isRec)
      .forEach((thread, i) => {
        list(thread.turns)
          .filter(isRec)
          .forEach((turn, j) => {
            const key = turnKey(
              typeof thread.id === 'string' ? thread.id : undefined,
              i,
              typeof turn.id === 'string' ? turn.id : undefined,
              j,
            );
            const choice = choices[key];
            if (choice === undefined) return;
            const candidates = new Set(
              list(turn.messages)
                .filter(isRec)
                .filter((m) => m.role === 'assistant' && typeof m.source_id === 'string')
                .map((m) => m.source_id as string),
            );
            const winners = winnersAmong(candidates, list(turn.annotations), list(thread.annotations));
            if (winners.length === 0) {
              unranked++;
              return;
            }
            turns.push({ taskId, turn: key, choice, winners, agreed: winners.includes(choice) });
          });
      });
  }
  const agreed = turns.filter((t) => t.agreed).length;
  return { compared: turns.length, agreed, rate: turns.length > 0 ? agreed / turns.length : null, unranked, turns };
}
