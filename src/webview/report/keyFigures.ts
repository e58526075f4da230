/**
 * Per annotation key, the chart its type calls for (explorer.md, "The quality report"): bars for
 * categories and booleans, a histogram with its mean for integers, stacked chosen / not-chosen
 * bars for category_multiple; every other type shows its coverage. A mark filters to the tasks
 * whose annotations of the key have that value, in the `--where` grammar.
 */
import { formatCondition, type Operator } from '../../core/taskfile/conditions';
import type { Distribution, KeyFigures } from '../../core/taskfile/reportTypes';
import { formatNumber } from '../../shared/format';
import type { ReportFilter } from '../../shared/reportProtocol';
import { scaleLinear } from 'd3-scale';
import { roundTo } from './chartParts';
import { barChart, binLabel, histogram, stackedChart, type Bar, type Bin } from './charts';
import type { Figure } from './figure';
import { rt } from './strings';

/** More bars than this and the chart shows the largest ones (the table keeps every value). */
export const MAX_BARS = 40;
/** Integer values spread wider than this are binned. */
const MAX_INTEGER_BINS = 30;
const BINS = 10;

export function where(key: string, op: Operator, value: string): string {
  return formatCondition({ key, op, value });
}

const whereFilter = (key: string, op: Operator, value: string): ReportFilter => ({ conditions: [where(key, op, value)] });

export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'key'
  );
}

function coverage(f: KeyFigures, tasks: number): string {
  const parts = [
    `${f.types ? f.types.join(' / ') : f.type}`,
    rt('inTasks', formatNumber(f.tasks), formatNumber(tasks)),
    rt('withValue', formatNumber(f.count)),
  ];
  if (f.notApplicable) parts.push(rt('notApplicableCount', formatNumber(f.notApplicable)));
  if (f.cannotAssess) parts.push(rt('cannotAssessCount', formatNumber(f.cannotAssess)));
  if (typeof f.mean === 'number') parts.push(rt('meanMinMax', roundTo(f.mean), f.min ?? '', f.max ?? ''));
  return parts.join(' · ');
}

function sortedEntries(values: Record<string, number>): [string, number][] {
  return Object.entries(values).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function limitNote(shown: number, total: number): string {
  return shown < total ? ` ${rt('mostFrequent', shown, formatNumber(total))}` : '';
}

export function keyFigure(key: string, f: KeyFigures, tasks: number, index: number): Figure {
  const name = `key-${index + 1}-${slug(key)}`;
  const title = `${key}`;
  const note = coverage(f, tasks);
  const values = f.values ?? {};
  if (f.type === 'integer' && Object.keys(values).length > 0) return integerFigure(name, title, note, key, f);
  if ((f.type === 'category' || f.type === 'boolean') && Object.keys(values).length > 0) {
    const entries = f.type === 'boolean' ? ['true', 'false'].map((v) => [v, values[v] ?? 0] as [string, number]) : sortedEntries(values);
    const bars: Bar[] = entries.map(([v, n]) => ({ label: v, value: n, filter: whereFilter(key, '=', v) }));
    const shown = bars.slice(0, MAX_BARS);
    return {
      name,
      title,
      note: note + limitNote(shown.length, bars.length),
      chart: barChart(rt('tasksPerValue', key), shown),
      header: [rt('value'), rt('annotations')],
      rows: bars.map((b) => ({ cells: [b.label, formatNumber(b.value)], filter: b.filter })),
    };
  }
  if (f.type === 'category_multiple' && Object.keys(values).length > 0) {
    const entries = sortedEntries(values);
    const chosen = rt('chosen');
    const notChosen = rt('notChosen');
    const rows = entries.map(([v, n]) => ({
      label: v,
      segments: [
        { name: chosen, value: n, filter: whereFilter(key, '=', v) },
        { name: notChosen, value: Math.max(0, f.count - n), filter: whereFilter(key, '!=', v) },
      ],
    }));
    const shown = rows.slice(0, MAX_BARS);
    return {
      name,
      title,
      note: note + limitNote(shown.length, rows.length),
      chart: stackedChart(rt('howOftenChosen', key), shown, [chosen, notChosen]),
      header: [rt('option'), rt('chosenHeader'), rt('notChosenHeader'), rt('share')],
      rows: entries.map(([v, n]) => ({
        cells: [v, formatNumber(n), formatNumber(Math.max(0, f.count - n)), f.count ? `${((n / f.count) * 100).toFixed(1)}%` : '—'],
        filter: whereFilter(key, '=', v),
      })),
    };
  }
  const summary: [string, string][] = [
    [rt('tasksWithKey'), formatNumber(f.tasks)],
    [rt('annotationsWithValue'), formatNumber(f.count)],
    [rt('notApplicable'), formatNumber(f.notApplicable)],
    [rt('cannotAssess'), formatNumber(f.cannotAssess)],
  ];
  if (typeof f.mean === 'number')
    summary.push([rt('mean'), roundTo(f.mean)], [rt('min'), String(f.min ?? '')], [rt('max'), String(f.max ?? '')]);
  const ranking = f.type === 'ranked_choices' || f.type === 'ranked_groups';
  return {
    name,
    title,
    note: ranking ? rt('candidatesUnder', note) : note,
    header: [rt('figure'), rt('value')],
    rows: summary.map(([a, b], i) => ({ cells: [a, b], filter: i === 0 ? { conditions: [formatCondition({ key })] } : undefined })),
  };
}

function integerFigure(name: string, title: string, note: string, key: string, f: KeyFigures): Figure {
  const bins = numberBins(f.values ?? {}, (lo, hi, last, integers) =>
    integers
      ? whereFilter(key, '=', String(lo))
      : { conditions: [where(key, '>=', String(lo)), where(key, last ? '<=' : '<', String(hi))] },
  );
  return {
    name,
    title,
    note,
    chart: histogram(rt('distribution', key, typeof f.mean === 'number' ? roundTo(f.mean) : '—'), bins, f.mean),
    header: [rt('value'), rt('annotations')],
    rows: bins.map((b) => ({ cells: [binLabel(b), formatNumber(b.count)], filter: b.filter })),
  };
}

/**
 * Bins for a value → count map: one per integer when they are few, else equal-width bins (the
 * last one closed). `filterOf` says which tasks a bin selects, if it selects any.
 */
export function numberBins(
  values: Record<string, number>,
  filterOf?: (lo: number, hi: number, last: boolean, integers: boolean) => ReportFilter | undefined,
): Bin[] {
  const points = Object.entries(values)
    .map(([v, n]) => [Number(v), n] as const)
    .filter(([v]) => Number.isFinite(v));
  if (points.length === 0) return [];
  const min = Math.min(...points.map(([v]) => v));
  const max = Math.max(...points.map(([v]) => v));
  if (points.every(([v]) => Number.isInteger(v)) && max - min < MAX_INTEGER_BINS) {
    const bins: Bin[] = [];
    for (let v = min; v <= max; v++)
      bins.push({ lo: v, hi: v + 1, count: values[String(v)] ?? 0, filter: filterOf?.(v, v + 1, false, true) });
    return bins;
  }
  // Nice edges from d3 (0, 5, 10…), so a bin's conditions read as a person would type them.
  const edges = scaleLinear().domain([min, max]).nice(BINS).ticks(BINS);
  if (edges.length < 2)
    return [{ lo: min, hi: max, count: points.reduce((s, [, n]) => s + n, 0), filter: filterOf?.(min, max, true, false) }];
  const counts = new Array<number>(edges.length - 1).fill(0);
  for (const [v, n] of points) {
    let i = edges.findIndex((edge, k) => k > 0 && v < edge) - 1;
    if (i < 0) i = counts.length - 1;
    counts[i] = (counts[i] ?? 0) + n;
  }
  return counts.map((count, i) => {
    const lo = edges[i] ?? min;
    const hi = edges[i + 1] ?? max;
    return { lo, hi, count, filter: filterOf?.(lo, hi, i === counts.length - 1, false) };
  });
}

export function distributionFigure(name: string, title: string, d: Distribution): Figure | undefined {
  if (d.count === 0) return undefined;
  const bins = numberBins(d.values);
  return {
    name,
    title,
    note: rt('evaluationsNote', formatNumber(d.count), d.mean === null ? '—' : roundTo(d.mean), d.min ?? '', d.max ?? ''),
    chart: histogram(rt('titleWithMean', title, d.mean === null ? '—' : roundTo(d.mean)), bins, d.mean),
    header: [rt('value'), rt('evaluations')],
    rows: bins.map((b) => ({ cells: [binLabel(b), formatNumber(b.count)] })),
  };
}
