/**
 * `dpo` preference pairs (exports.md) in TRL's conversational form. `best-worst`: the preferred
 * candidate against each last-ranked one; `all`: every strictly ordered pair. The prompt is the
 * thread before the ranked turn's candidates, earlier turns as in `sft`.
 */
import type { Message, Task } from '../scale/types';
import { chatMessage, DroppedRoles, hasAssistant, historyOf, promptPartOf, threadsOf, type ChatMessage } from './chat';
import { planThread, type AppliedRanking, type RankingOptions, type TurnPlan } from './preferred';
import { Redactor } from '../secrets/redactor';
import type { SkipCounts } from './summary';

export type PairMode = 'best-worst' | 'all';
export const PAIR_MODES: readonly PairMode[] = ['best-worst', 'all'];

export interface DpoRecord {
  readonly prompt: ChatMessage[];
  readonly chosen: ChatMessage[];
  readonly rejected: ChatMessage[];
  readonly metadata: {
    readonly task_id: string;
    readonly thread_id: string;
    readonly turn_id: string;
    readonly chosen_source: string;
    readonly rejected_source: string;
    readonly annotation_key: string;
  };
}

export interface DpoOptions extends RankingOptions {
  readonly pairs?: PairMode;
}

export function dpoRecords(task: Task, skipped: SkipCounts, options: DpoOptions = {}): DpoRecord[] {
  if (task.status !== 'completed') {
    skipped.not_completed++;
    return [];
  }
  const redactor = Redactor.forTask(task);
  const mode = options.pairs ?? 'best-worst';
  const records: DpoRecord[] = [];
  const threads = threadsOf(task);
  if (threads.length === 0) skipped.no_assistant_message++;
  for (const thread of threads) {
    const plans = planThread(thread, options);
    if (!hasAssistant(plans)) {
      skipped.no_assistant_message++;
      continue;
    }
    const ranked = plans.filter((p) => p.candidates.length > 0 && p.ranking);
    if (ranked.length === 0) {
      skipped.no_ranking++;
      continue;
    }
    const lastRanked = ranked[ranked.length - 1]!.index;
    if (plans.some((p) => p.index < lastRanked && p.candidates.length > 0 && !p.preferred)) {
      skipped.no_preferred_candidate_in_earlier_turn++;
      continue;
    }
    const dropped = new DroppedRoles();
    const ids = { task_id: redactor.text(task.task_id), thread_id: redactor.text(String(thread.id ?? '')) };
    const history: ChatMessage[] = [];
    for (const plan of plans) {
      if (plan.ranking && plan.candidates.length > 0) {
        const pairs = pairsOf(plan, plan.ranking, mode);
        if (pairs === undefined) skipped.no_preferred_candidate++;
        const prompt = [...history, ...promptPartOf(plan, redactor, dropped)];
        for (const [chosen, rejected] of pairs ?? []) {
          records.push({
            prompt,
            chosen: [chatMessage(chosen, redactor)],
            rejected: [chatMessage(rejected, redactor)],
            metadata: {
              ...ids,
              turn_id: redactor.text(String(plan.turn.id ?? '')),
              chosen_source: redactor.text(chosen.source_id),
              rejected_source: redactor.text(rejected.source_id),
              annotation_key: redactor.text(plan.ranking.key),
            },
          });
        }
      }
      if (plan.index >= lastRanked) break;
      history.push(...historyOf(plan, redactor, dropped));
    }
    skipped.dropped_roles += dropped.count;
  }
  return records;
}

/** (chosen, rejected) pairs of one ranked turn; undefined when best-worst finds no preferred candidate. */
export function pairsOf(plan: TurnPlan, ranking: AppliedRanking, mode: PairMode): Array<[Message, Message]> | undefined {
  const bySource = (id: string): Message => plan.candidates.find((m) => m.source_id === id)!;
  const groups = ranking.groups.map((g) => g.map(bySource));
  if (mode === 'best-worst') {
    if (!plan.preferred) return undefined;
    const worst = groups[groups.length - 1] ?? [];
    return worst.filter((m) => m !== plan.preferred).map((m) => [plan.preferred!, m]);
  }
  const pairs: Array<[Message, Message]> = [];
  // Grouped by the better candidate, in ranking order: all of a's pairs, then b's, …
  groups.forEach((group, i) => {
    for (const better of group) for (const worse of groups.slice(i + 1).flat()) pairs.push([better, worse]);
  });
  return pairs;
}
