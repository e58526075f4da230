/**
 * The quality report, computed from the index alone (no second read of the file), for all rows or
 * a filtered subset — so the explorer can redraw it for its current filter. One loop over the
 * selected rows' compact annotations; the maps are per key, candidate or contributor, never per task.
 */
import { BOOLEAN, CANNOT_ASSESS, HAS_VALUE, LIST, NOT_APPLICABLE, TRUE } from './annotationFacts';
import { LEVELS } from './indexBuilder';
import { RankingTally } from './reportRankings';
import type { CriterionFigures, Distribution, KeyFigures, TaskFileReport } from './reportTypes';
import type { TaskIndex } from './taskIndex';

export type * from './reportTypes';

export interface ReportOptions {
  /** Rows to cover (file order); all rows when absent. */
  readonly rows?: Uint32Array | readonly number[];
  /** The key whose values are broken down per contributor. */
  readonly contributorKey?: string;
}

const VALUE_TYPES = new Set(['integer', 'boolean', 'category', 'category_multiple']);
const NUMERIC_TYPES = new Set(['integer', 'rubric_rating']);
const RANKING_TYPES = new Set(['ranked_choices', 'ranked_groups']);
const MESSAGE_LEVEL = LEVELS.indexOf('message');

class NumberStats {
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  add(n: number): void {
    this.count++;
    this.sum += n;
    if (n < this.min) this.min = n;
    if (n > this.max) this.max = n;
  }
  get mean(): number | null {
    return this.count === 0 ? null : this.sum / this.count;
  }
}

interface KeyTally {
  figures: KeyFigures;
  stats: NumberStats;
  lastRow: number;
}

export function buildReport(index: TaskIndex, options: ReportOptions = {}): TaskFileReport {
  const rows = options.rows ?? Array.from({ length: index.size }, (_, i) => i);
  const selected = new Uint8Array(index.size);
  for (const row of rows) selected[row] = 1;
  const { strings } = index;
  const a = index.annotations;
  const typeNames: string[] = [];
  const typeName = (id: number): string => (typeNames[id] ??= strings.get(id));
  const keyInfo = new Map(index.annotationKeys().map((info) => [info.key, info]));
  const keys = new Map<number, KeyTally>();
  const rankings = new RankingTally();
  const means = new Map<string, Map<string, NumberStats>>();
  const contributorKeyId = options.contributorKey === undefined ? undefined : strings.lookup(options.contributorKey);
  const contributors = contributorKeyId === undefined ? undefined : contributorsByThread(index, selected);
  const perContributor: Record<string, Record<string, number>> = {};
  const status: Record<string, number> = {};
  let tasksWithErrors = 0;
  let tasksWithSensitiveReports = 0;

  for (const row of rows) {
    const s = index.status(row);
    status[s] = (status[s] ?? 0) + 1;
    if (index.hasErrors(row)) tasksWithErrors++;
    if (index.hasSensitiveReports(row)) tasksWithSensitiveReports++;
    const [start, end] = index.annotationRange(row);
    for (let j = start; j < end; j++) {
      const keyId = a.key.get(j);
      const type = typeName(a.type.get(j));
      let tally = keys.get(keyId);
      if (!tally) keys.set(keyId, (tally = newTally(keyInfo.get(strings.get(keyId))?.types ?? [type])));
      const f = tally.figures;
      if (tally.lastRow !== row) {
        tally.lastRow = row;
        f.tasks++;
      }
      const flags = a.flags.get(j);
      if (flags & NOT_APPLICABLE) f.notApplicable++;
      if (flags & CANNOT_ASSESS) f.cannotAssess++;
      if ((flags & (NOT_APPLICABLE | CANNOT_ASSESS)) !== 0 || (flags & HAS_VALUE) === 0) continue;
      f.count++;
      const num = a.num.get(j);
      if (!Number.isNaN(num) && NUMERIC_TYPES.has(type)) tally.stats.add(num);
      const { items, groups } = valueStrings(index, j, type, flags);
      if (VALUE_TYPES.has(type) && f.values) for (const v of items) f.values[v] = (f.values[v] ?? 0) + 1;
      if (RANKING_TYPES.has(type) && (flags & LIST) !== 0 && items.length > 0) rankings.add(items, groups);
      if (type === 'integer' && !Number.isNaN(num) && a.level.get(j) === MESSAGE_LEVEL && a.source.get(j) !== 0) {
        addMean(means, strings.get(a.source.get(j)), strings.get(keyId), num);
      }
      if (contributors && keyId === contributorKeyId) {
        for (const who of contributors.get(row * 0x10000 + a.thread.get(j)) ?? []) {
          const counts = (perContributor[who] ??= {});
          for (const v of items.length > 0 || (flags & LIST) !== 0 ? items : [jsonValue(index, j)]) counts[v] = (counts[v] ?? 0) + 1;
        }
      }
    }
  }
  const annotations: Record<string, KeyFigures> = {};
  for (const [keyId, tally] of keys) annotations[strings.get(keyId)] = finishKey(tally);
  return {
    tasks: rows.length,
    unreadableLines: index.unreadable.length,
    status,
    tasksWithErrors,
    tasksWithSensitiveReports,
    annotations,
    candidates: rankings.candidateFigures(),
    headToHead: rankings.headToHead(),
    candidateMeans: finishMeans(means),
    rubrics: rubricFigures(index, selected),
    annotators: {
      submissions: submissionCounts(index, selected),
      ...(options.contributorKey !== undefined ? { key: options.contributorKey, values: perContributor } : {}),
    },
  };
}

function newTally(types: readonly string[]): KeyTally {
  const type = types[0] ?? '';
  const figures: KeyFigures = {
    type,
    ...(types.length > 1 ? { types: [...types] } : {}),
    tasks: 0,
    count: 0,
    notApplicable: 0,
    cannotAssess: 0,
  };
  if (VALUE_TYPES.has(type)) figures.values = {};
  return { figures, stats: new NumberStats(), lastRow: -1 };
}

function finishKey(tally: KeyTally): KeyFigures {
  const f = tally.figures;
  if (!NUMERIC_TYPES.has(f.type)) return f;
  const s = tally.stats;
  return { ...f, mean: s.mean, min: s.count ? s.min : null, max: s.count ? s.max : null };
}

/** The annotation's value(s) as report strings, with rank positions for rankings. */
/** Fresh small arrays per annotation: cheaper than emptying reused ones (`length = 0` is a runtime call). */
function valueStrings(index: TaskIndex, j: number, type: string, flags: number): { items: string[]; groups: number[] } {
  const items: string[] = [];
  const groups: number[] = [];
  const a = index.annotations;
  if (flags & BOOLEAN) items.push(flags & TRUE ? 'true' : 'false');
  else if (flags & LIST) {
    const start = a.listStart.get(j);
    for (let i = start; i < start + a.listCount.get(j); i++) {
      items.push(index.strings.get(index.lists.item.get(i)));
      groups.push(index.lists.group.get(i));
    }
  } else if (!Number.isNaN(a.num.get(j)) && type === 'integer') items.push(String(a.num.get(j)));
  else if (type === 'category' && a.str.get(j) !== 0) items.push(index.strings.get(a.str.get(j)));
  return { items, groups };
}

/** For the per-contributor breakdown of a type without value strings: its score, text or JSON. */
function jsonValue(index: TaskIndex, j: number): string {
  const num = index.annotations.num.get(j);
  if (!Number.isNaN(num)) return String(num);
  return index.strings.get(index.annotations.str.get(j));
}

function addMean(means: Map<string, Map<string, NumberStats>>, source: string, key: string, n: number): void {
  let byKey = means.get(source);
  if (!byKey) means.set(source, (byKey = new Map()));
  let stats = byKey.get(key);
  if (!stats) byKey.set(key, (stats = new NumberStats()));
  stats.add(n);
}

function finishMeans(means: Map<string, Map<string, NumberStats>>): TaskFileReport['candidateMeans'] {
  const out: TaskFileReport['candidateMeans'] = {};
  for (const source of [...means.keys()].sort()) {
    const byKey: Record<string, { count: number; mean: number }> = {};
    for (const [key, stats] of means.get(source) ?? []) byKey[key] = { count: stats.count, mean: stats.mean ?? 0 };
    out[source] = byKey;
  }
  return out;
}

function rubricFigures(index: TaskIndex, selected: Uint8Array): TaskFileReport['rubrics'] {
  const r = index.rubrics;
  const criteria = new Map<number, { stats: NumberStats; zeros: number }>();
  for (let i = 0; i < r.criterionTask.length; i++) {
    const score = r.criterionScore.get(i);
    if (!selected[r.criterionTask.get(i)] || Number.isNaN(score)) continue;
    const id = r.criterionId.get(i);
    let c = criteria.get(id);
    if (!c) criteria.set(id, (c = { stats: new NumberStats(), zeros: 0 }));
    c.stats.add(score);
    if (score === 0) c.zeros++;
  }
  const named: Record<string, CriterionFigures> = {};
  for (const [id, c] of criteria) {
    const name = index.strings.get(id);
    const criterion = index.criterionNames.get(name);
    named[name] = { ...(criterion !== undefined ? { criterion } : {}), count: c.stats.count, mean: c.stats.mean, zeros: c.zeros };
  }
  const total = newDistribution();
  const percentage = newDistribution();
  const totalStats = new NumberStats();
  const percentageStats = new NumberStats();
  for (let i = 0; i < r.evaluationTask.length; i++) {
    if (!selected[r.evaluationTask.get(i)]) continue;
    addToDistribution(total, totalStats, r.evaluationTotal.get(i));
    addToDistribution(percentage, percentageStats, r.evaluationPercentage.get(i));
  }
  return {
    criteria: named,
    totalScore: finishDistribution(total, totalStats),
    percentage: finishDistribution(percentage, percentageStats),
  };
}

function newDistribution(): Distribution {
  return { count: 0, mean: null, min: null, max: null, values: {} };
}

function addToDistribution(d: Distribution, stats: NumberStats, n: number): void {
  if (Number.isNaN(n)) return;
  stats.add(n);
  d.values[String(n)] = (d.values[String(n)] ?? 0) + 1;
}

function finishDistribution(d: Distribution, stats: NumberStats): Distribution {
  return stats.count === 0 ? d : { ...d, count: stats.count, mean: stats.mean, min: stats.min, max: stats.max };
}

function submissionCounts(index: TaskIndex, selected: Uint8Array): Record<string, number> {
  const s = index.submissions;
  const out: Record<string, number> = {};
  for (let i = 0; i < s.task.length; i++) {
    if (!selected[s.task.get(i)]) continue;
    const who = index.strings.get(s.contributor.get(i));
    out[who] = (out[who] ?? 0) + 1;
  }
  return out;
}

/** (row, thread) → distinct contributors who submitted that thread. Annotations are theirs. */
function contributorsByThread(index: TaskIndex, selected: Uint8Array): Map<number, string[]> {
  const s = index.submissions;
  const out = new Map<number, string[]>();
  for (let i = 0; i < s.task.length; i++) {
    const row = s.task.get(i);
    if (!selected[row]) continue;
    const slot = row * 0x10000 + s.thread.get(i);
    const who = index.strings.get(s.contributor.get(i));
    const list = out.get(slot) ?? [];
    if (!list.includes(who)) list.push(who);
    out.set(slot, list);
  }
  return out;
}
