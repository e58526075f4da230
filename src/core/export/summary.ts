/** Written and skipped counts of one export, skipped broken down by reason (exports.md, "The summary"). */
import { formatNumber } from '../../shared/format';

export const SKIP_REASONS = [
  'not_completed',
  'no_assistant_message',
  'no_preferred_candidate',
  'no_preferred_candidate_in_earlier_turn',
  'no_ranking',
  'dropped_roles',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** What each reason counts: tasks, threads, ranked turns or messages. */
export const SKIP_REASON_LABELS: Readonly<Record<SkipReason, string>> = {
  not_completed: 'not completed (tasks)',
  no_assistant_message: 'no assistant message (threads)',
  no_preferred_candidate: 'no preferred candidate (threads for sft, ranked turns for dpo)',
  no_preferred_candidate_in_earlier_turn: 'no preferred candidate in an earlier turn (threads)',
  no_ranking: 'no ranking (threads)',
  dropped_roles: 'dropped roles (messages other than system, user, assistant)',
};

export type SkipCounts = Record<SkipReason, number>;

export function emptySkipCounts(): SkipCounts {
  return Object.fromEntries(SKIP_REASONS.map((r) => [r, 0])) as SkipCounts;
}

export interface ExportCounts {
  /** Tasks read from the input (readable lines). */
  tasks: number;
  /** Tasks the `[conditions]` predicate left out. */
  filteredOut: number;
  /** Records written: lines (sft, dpo), rows of the main table (hf) or tasks (parquet). */
  written: number;
  readonly skipped: SkipCounts;
}

export function newCounts(): ExportCounts {
  return { tasks: 0, filteredOut: 0, written: 0, skipped: emptySkipCounts() };
}

/** One line per non-zero reason, for stderr and the editor's notification. */
export function describeSkipped(skipped: SkipCounts): string[] {
  return SKIP_REASONS.filter((r) => skipped[r] > 0).map((r) => `${formatNumber(skipped[r])} ${SKIP_REASON_LABELS[r]}`);
}
