/**
 * Which candidate a ranking annotation put first. Ranking entries are matched against the
 * candidates' source_ids (the API does not say so, but that is how preference data is shaped).
 */
import { display } from '../shell/model';
import type { AnnotationV } from './model';

export interface Preference {
  ids: Set<string>;
  tie: boolean;
}

/** Ordered tiers of a ranking annotation (ranked_choices: one per tier), or undefined. */
export function rankingTiers(a: AnnotationV): string[][] | undefined {
  if (!Array.isArray(a.value)) return undefined;
  if (a.type === 'ranked_choices') return a.value.map((v) => [display(v)]);
  if (a.type === 'ranked_groups') return a.value.map((g) => (Array.isArray(g) ? g.map(display) : [display(g)]));
  return undefined;
}

/** The best-ranked tier that contains any of the candidates, restricted to them. */
export function preferredAmong(candidates: string[], ...annotationLists: AnnotationV[][]): Preference | undefined {
  const set = new Set(candidates);
  for (const list of annotationLists) {
    for (const a of list) {
      const tiers = rankingTiers(a);
      if (!tiers) continue;
      for (const tier of tiers) {
        const hit = tier.filter((x) => set.has(x));
        if (hit.length > 0) return { ids: new Set(hit), tie: hit.length > 1 };
      }
    }
  }
  return undefined;
}

/** The top tier of the first ranking annotation in a list, whatever it names. */
export function topOfRanking(list: AnnotationV[]): string[] | undefined {
  for (const a of list) {
    const tiers = rankingTiers(a);
    if (tiers && tiers.length > 0 && tiers[0].length > 0) return tiers[0];
  }
  return undefined;
}

/** Source ids in ranking order (best first) from the first ranking annotation of the lists, in order. */
export function rankingOrder(...annotationLists: AnnotationV[][]): string[] {
  for (const list of annotationLists) {
    for (const a of list) {
      const tiers = rankingTiers(a);
      if (tiers && tiers.length > 0) return tiers.flat();
    }
  }
  return [];
}
