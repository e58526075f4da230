/**
 * What the explorer's type-aware filter controls offer, read from the index once: the statuses
 * (chips, with counts), and per annotation key the range of its numbers or its most frequent
 * values. A control only ever builds condition text in the `--where` grammar, so a filter made
 * with the mouse means exactly what the same text typed means.
 */
import { BOOLEAN, CANNOT_ASSESS, HAS_VALUE, LIST, NOT_APPLICABLE, TRUE } from './annotationFacts';
import type { TaskIndex } from './taskIndex';

export interface StatusFacet {
  readonly status: string;
  readonly tasks: number;
}

export interface KeyFacet {
  readonly key: string;
  readonly type: string;
  /** For integer and rubric_rating keys. */
  readonly min?: number;
  readonly max?: number;
  /** For boolean, category, category_multiple and ranking keys: the most frequent values first. */
  readonly values?: readonly string[];
}

export interface TableFacets {
  readonly statuses: readonly StatusFacet[];
  readonly keys: readonly KeyFacet[];
}

/** Values offered per key, at most (a free-text category would otherwise send thousands). */
const MAX_VALUES = 50;

export function tableFacets(index: TaskIndex): TableFacets {
  const statusCounts = new Map<number, number>();
  for (let row = 0; row < index.size; row++) {
    const id = index.tasks.status.get(row);
    statusCounts.set(id, (statusCounts.get(id) ?? 0) + 1);
  }
  const statuses = [...statusCounts.entries()].sort((a, b) => b[1] - a[1]).map(([id, tasks]) => ({ status: index.strings.get(id), tasks }));

  const ranges = new Map<number, [number, number]>();
  const values = new Map<number, Map<number | string, number>>();
  const a = index.annotations;
  for (let j = 0; j < a.key.length; j++) {
    const flags = a.flags.get(j);
    if ((flags & (NOT_APPLICABLE | CANNOT_ASSESS)) !== 0 || (flags & HAS_VALUE) === 0) continue;
    const key = a.key.get(j);
    const num = a.num.get(j);
    if (!Number.isNaN(num)) {
      const range = ranges.get(key);
      if (range) {
        range[0] = Math.min(range[0], num);
        range[1] = Math.max(range[1], num);
      } else ranges.set(key, [num, num]);
      continue;
    }
    let counts = values.get(key);
    if (!counts) values.set(key, (counts = new Map()));
    if (flags & BOOLEAN) bump(counts, flags & TRUE ? 'true' : 'false');
    else if (flags & LIST) {
      const start = a.listStart.get(j);
      for (let i = start; i < start + a.listCount.get(j); i++) bump(counts, index.lists.item.get(i));
    } else if (a.str.get(j) !== 0 && index.strings.get(a.type.get(j)) === 'category') bump(counts, a.str.get(j));
  }

  const keys = index.annotationKeys().map((info): KeyFacet => {
    const keyId = index.strings.lookup(info.key) as number;
    const range = ranges.get(keyId);
    const counts = values.get(keyId);
    const listed =
      counts && counts.size > 0
        ? [...counts.entries()]
            .sort((x, y) => y[1] - x[1])
            .slice(0, MAX_VALUES)
            .map(([v]) => (typeof v === 'string' ? v : index.strings.get(v)))
        : undefined;
    return {
      key: info.key,
      type: info.type,
      ...(range ? { min: range[0], max: range[1] } : {}),
      ...(listed ? { values: listed } : {}),
    };
  });
  return { statuses, keys };
}

function bump<K>(counts: Map<K, number>, key: K): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}
