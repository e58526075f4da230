/**
 * Which candidate a ranking prefers (exports.md, "The preferred candidate"). A turn with two or
 * more assistant messages holds candidates named by `source_id`; a `ranked_choices` or
 * `ranked_groups` annotation on the turn, or on the thread (then for the last turn with candidates
 * it names), orders them. Everything here is pure: the same thread always gives the same answer.
 */
import type { Annotation, Message, Thread, Turn } from '../scale/types';

export type RankingType = 'ranked_choices' | 'ranked_groups';

/** A ranking as it applies to one turn: only that turn's candidates, duplicates and empty groups gone. */
export interface AppliedRanking {
  readonly key: string;
  readonly type: RankingType;
  readonly level: 'turn' | 'thread';
  /** Rank positions, most preferred first; each holds one or more (tied) candidate `source_id`s. */
  readonly groups: readonly (readonly string[])[];
}

export interface TurnPlan {
  readonly turn: Turn;
  readonly index: number;
  /** The turn's assistant messages when there are two or more; empty otherwise. */
  readonly candidates: readonly Message[];
  /** The ranking that applies (the one `--ranking` names, or the first), if any. */
  readonly ranking: AppliedRanking | undefined;
  /** The preferred candidate, when the ranking has one. */
  readonly preferred: Message | undefined;
}

export interface RankingOptions {
  /** Only rankings with this annotation key count (`--ranking KEY`). */
  readonly rankingKey?: string | undefined;
}

export function candidatesOf(turn: Turn): Message[] {
  const assistants = (turn.messages ?? []).filter((m) => m?.role === 'assistant');
  return assistants.length >= 2 ? assistants : [];
}

/** One plan per turn of the thread, in order. */
export function planThread(thread: Thread, options: RankingOptions = {}): TurnPlan[] {
  const turns = Array.isArray(thread.turns) ? thread.turns : [];
  const candidates = turns.map((turn) => candidatesOf(turn));
  const applicable: AppliedRanking[][] = turns.map(() => []);
  turns.forEach((turn, i) => {
    for (const annotation of annotationsOf(turn)) {
      const applied = applyRanking(annotation, 'turn', candidates[i] ?? [], options);
      if (applied) applicable[i]?.push(applied);
    }
  });
  for (const annotation of annotationsOf(thread)) {
    const names = rankingNames(annotation, options);
    if (!names) continue;
    const target = lastTurnNaming(candidates, names);
    if (target === undefined) continue;
    const applied = applyRanking(annotation, 'thread', candidates[target] ?? [], options);
    if (applied) applicable[target]?.push(applied);
  }
  return turns.map((turn, index) => {
    const ranking = applicable[index]?.[0];
    const preferredId = ranking ? preferredSource(ranking) : undefined;
    const preferred = preferredId === undefined ? undefined : candidates[index]?.find((m) => m.source_id === preferredId);
    return { turn, index, candidates: candidates[index] ?? [], ranking, preferred };
  });
}

/** The first of the first position, when that position holds a single candidate (a tie has none). */
export function preferredSource(ranking: AppliedRanking): string | undefined {
  const first = ranking.groups[0];
  return first?.length === 1 ? first[0] : undefined;
}

/** `ranking` restricted to `candidates`; undefined when it is no preference or orders fewer than two. */
export function applyRanking(
  annotation: Annotation,
  level: 'turn' | 'thread',
  candidates: readonly Message[],
  options: RankingOptions = {},
): AppliedRanking | undefined {
  const raw = rankingGroups(annotation, options);
  if (!raw) return undefined;
  const known = new Set(candidates.map((m) => m.source_id).filter((id): id is string => typeof id === 'string'));
  const seen = new Set<string>();
  const groups: string[][] = [];
  for (const group of raw) {
    const kept = group.filter((name) => known.has(name) && !seen.has(name));
    for (const name of kept) seen.add(name);
    if (kept.length > 0) groups.push(kept);
  }
  if (seen.size < 2) return undefined;
  return { key: annotation.key ?? '', type: annotation.type as RankingType, level, groups };
}

function lastTurnNaming(candidates: readonly (readonly Message[])[], names: ReadonlySet<string>): number | undefined {
  for (let i = candidates.length - 1; i >= 0; i--) {
    if (candidates[i]?.some((m) => names.has(m.source_id))) return i;
  }
  return undefined;
}

function rankingNames(annotation: Annotation, options: RankingOptions): Set<string> | undefined {
  const groups = rankingGroups(annotation, options);
  return groups ? new Set(groups.flat()) : undefined;
}

/** The ranking's positions as written (strings only), or undefined when it is not a usable ranking. */
function rankingGroups(annotation: Annotation, options: RankingOptions): string[][] | undefined {
  if (typeof annotation !== 'object' || annotation === null) return undefined;
  if (annotation.type !== 'ranked_choices' && annotation.type !== 'ranked_groups') return undefined;
  if (annotation.not_applicable === true || annotation.cannot_assess === true) return undefined;
  if (options.rankingKey !== undefined && annotation.key !== options.rankingKey) return undefined;
  const value: unknown = annotation.value;
  if (!Array.isArray(value)) return undefined;
  if (annotation.type === 'ranked_choices') return value.filter((v): v is string => typeof v === 'string').map((v) => [v]);
  return value.map((group: unknown) =>
    Array.isArray(group) ? group.filter((v): v is string => typeof v === 'string') : typeof group === 'string' ? [group] : [],
  );
}

function annotationsOf(holder: { annotations?: Annotation[] | null }): Annotation[] {
  return Array.isArray(holder.annotations) ? holder.annotations : [];
}
