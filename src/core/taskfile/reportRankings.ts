/**
 * The ranking figures of the report: per candidate how often first and its pairwise win rate, and
 * the head-to-head matrix. In a ranking every option beats every option ranked below it; two
 * options in one group tie; win rate = (wins + ties / 2) / comparisons.
 */
import type { CandidateFigures, HeadToHead } from './reportTypes';

export class RankingTally {
  private readonly candidates = new Map<string, CandidateFigures>();
  private readonly pairs = new Map<string, Map<string, HeadToHead>>();

  /** One ranking: members with their rank position (0 = first), in any order. */
  add(items: readonly string[], groups: readonly number[]): void {
    // A name listed twice in one ranking is counted once, at its best place.
    const place = new Map<string, number>();
    items.forEach((item, i) => {
      const group = groups[i] as number;
      const known = place.get(item);
      if (known === undefined || group < known) place.set(item, group);
    });
    const members = [...place.entries()];
    for (const [name, group] of members) {
      const figures = this.candidate(name);
      if (group === 0) figures.first++;
    }
    for (let i = 0; i < members.length; i++) {
      for (let k = i + 1; k < members.length; k++) {
        const [a, groupA] = members[i] as [string, number];
        const [b, groupB] = members[k] as [string, number];
        const outcome = groupA === groupB ? 0 : groupA < groupB ? 1 : -1;
        this.record(a, b, outcome);
        this.record(b, a, -outcome);
      }
    }
  }

  candidateFigures(): Record<string, CandidateFigures> {
    const out: Record<string, CandidateFigures> = {};
    for (const name of [...this.candidates.keys()].sort()) {
      const figures = this.candidates.get(name) as CandidateFigures;
      out[name] = { ...figures, winRate: rate(figures) };
    }
    return out;
  }

  headToHead(): Record<string, Record<string, HeadToHead>> {
    const out: Record<string, Record<string, HeadToHead>> = {};
    for (const a of [...this.pairs.keys()].sort()) {
      const row: Record<string, HeadToHead> = {};
      const against = this.pairs.get(a) as Map<string, HeadToHead>;
      for (const b of [...against.keys()].sort()) {
        const cell = against.get(b) as HeadToHead;
        row[b] = { ...cell, winRate: rate(cell) };
      }
      out[a] = row;
    }
    return out;
  }

  private candidate(name: string): CandidateFigures {
    let figures = this.candidates.get(name);
    if (!figures) this.candidates.set(name, (figures = { first: 0, wins: 0, ties: 0, losses: 0, comparisons: 0, winRate: null }));
    return figures;
  }

  /** outcome: 1 = a beat b, 0 = tie, -1 = b beat a; counted from a's side only. */
  private record(a: string, b: string, outcome: number): void {
    const figures = this.candidate(a);
    let against = this.pairs.get(a);
    if (!against) this.pairs.set(a, (against = new Map()));
    let cell = against.get(b);
    if (!cell) against.set(b, (cell = { wins: 0, ties: 0, losses: 0, comparisons: 0, winRate: null }));
    for (const target of [figures, cell]) {
      target.comparisons++;
      if (outcome > 0) target.wins++;
      else if (outcome < 0) target.losses++;
      else target.ties++;
    }
  }
}

function rate(figures: { wins: number; ties: number; comparisons: number }): number | null {
  return figures.comparisons === 0 ? null : (figures.wins + figures.ties / 2) / figures.comparisons;
}
