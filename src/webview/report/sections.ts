/**
 * The report's figures beyond the per-key ones: status, candidates (first places, win rates, the
 * head-to-head heat map), per-candidate means, rubrics and annotators. Each is a `Figure` (chart
 * plus table); the order here is the order on the page and in the Markdown export.
 */
import type { TaskFileReport } from '../../core/taskfile/reportTypes';
import { formatNumber } from '../../shared/format';
import { percentText, roundTo } from './chartParts';
import { barChart, stackedChart, type Bar } from './charts';
import { heatMap } from './heatMap';
import type { Figure } from './figure';
import { distributionFigure, keyFigure, MAX_BARS, where } from './keyFigures';
import { rt } from './strings';

export interface Section {
  readonly id: string;
  readonly title: string;
  readonly figures: readonly Figure[];
  readonly empty?: string;
}

const RANKING_TYPES = new Set(['ranked_choices', 'ranked_groups']);

export function reportSections(report: TaskFileReport): Section[] {
  return [statusSection(report), keysSection(report), candidatesSection(report), rubricsSection(report), annotatorsSection(report)];
}

function statusSection(r: TaskFileReport): Section {
  const bars: Bar[] = Object.entries(r.status)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([s, n]) => ({ label: s, value: n, filter: { conditions: [], statuses: [s] } }));
  return {
    id: 'status',
    title: rt('status'),
    figures: [
      {
        name: 'status',
        title: rt('tasksPerStatus'),
        note: rt('statusNote', formatNumber(r.tasksWithErrors), formatNumber(r.tasksWithSensitiveReports)),
        chart: barChart(rt('tasksPerStatus'), bars),
        header: [rt('status'), rt('tasks')],
        rows: bars.map((b) => ({ cells: [b.label, formatNumber(b.value)], filter: b.filter })),
      },
    ],
  };
}

function keysSection(r: TaskFileReport): Section {
  const keys = Object.entries(r.annotations ?? {});
  return {
    id: 'annotations',
    title: rt('annotations'),
    figures: keys.map(([key, f], i) => keyFigure(key, f, r.tasks, i)),
    empty: rt('noAnnotations'),
  };
}

function candidatesSection(r: TaskFileReport): Section {
  const names = Object.keys(r.candidates ?? {});
  const rankingKeys = Object.entries(r.annotations ?? {})
    .filter(([, f]) => RANKING_TYPES.has(f.type))
    .map(([k]) => k);
  // A first place selects tasks only when one ranking key is in play (conditions are and-ed).
  const onlyKey = rankingKeys.length === 1 ? rankingKeys[0] : undefined;
  const figures: Figure[] = [];
  if (names.length > 0) {
    const c = r.candidates;
    const first: Bar[] = names.map((n) => ({
      label: n,
      value: c[n]?.first ?? 0,
      filter: onlyKey === undefined ? undefined : { conditions: [where(onlyKey, '=', n)] },
    }));
    figures.push({
      name: 'candidates-first',
      title: rt('rankedFirst'),
      note: onlyKey === undefined ? rt('fromKeys', rankingKeys.length, rankingKeys.join(', ')) : rt('fromKey', onlyKey),
      chart: barChart(rt('rankedFirstChart'), first),
      header: [rt('candidate'), rt('rankedFirst'), rt('wins'), rt('ties'), rt('losses'), rt('comparisons'), rt('winRate')],
      rows: names.map((n, i) => {
        const f = c[n];
        return {
          cells: [
            n,
            formatNumber(f?.first ?? 0),
            formatNumber(f?.wins ?? 0),
            formatNumber(f?.ties ?? 0),
            formatNumber(f?.losses ?? 0),
            formatNumber(f?.comparisons ?? 0),
            f?.winRate == null ? '—' : percentText(f.winRate),
          ],
          filter: first[i]?.filter,
        };
      }),
    });
    const rates: Bar[] = names.map((n) => {
      const rate = c[n]?.winRate ?? null;
      return { label: n, value: rate ?? 0, text: rate === null ? '—' : percentText(rate) };
    });
    figures.push({
      name: 'candidates-win-rate',
      title: rt('pairwiseWinRate'),
      note: rt('winRateNote'),
      chart: barChart(rt('pairwiseWinRateChart'), rates, { max: 1, percent: true }),
      header: [rt('candidate'), rt('winRate')],
      rows: rates.map((b) => ({ cells: [b.label, b.text ?? ''] })),
    });
    const h2h = r.headToHead ?? {};
    const rate = (a: string, b: string): number | null => h2h[a]?.[b]?.winRate ?? null;
    figures.push({
      name: 'candidates-head-to-head',
      title: rt('headToHead'),
      note: rt('headToHeadNote'),
      chart: heatMap(rt('headToHeadChart'), names, rate),
      header: ['', ...names],
      rows: names.map((a) => ({
        cells: [a, ...names.map((b) => (a === b ? '—' : rate(a, b) === null ? '—' : percentText(rate(a, b) ?? 0)))],
      })),
    });
  }
  const means = r.candidateMeans ?? {};
  const meanKeys = [...new Set(Object.values(means).flatMap((byKey) => Object.keys(byKey)))];
  meanKeys.forEach((key, i) => {
    const sources = Object.keys(means).filter((s) => means[s]?.[key]);
    const bars: Bar[] = sources.map((s) => ({ label: s, value: means[s]?.[key]?.mean ?? 0, text: roundTo(means[s]?.[key]?.mean ?? 0) }));
    const max = r.annotations?.[key]?.max;
    figures.push({
      name: `candidates-mean-${i + 1}`,
      title: rt('meanPerCandidate', key),
      note: rt('meanNote'),
      chart: barChart(rt('meanPerCandidate', key), bars, typeof max === 'number' && max > 0 ? { max } : {}),
      header: [rt('candidate'), rt('mean'), rt('annotations')],
      rows: sources.map((s) => ({ cells: [s, roundTo(means[s]?.[key]?.mean ?? 0), formatNumber(means[s]?.[key]?.count ?? 0)] })),
    });
  });
  return {
    id: 'candidates',
    title: rt('candidates'),
    figures,
    empty: rt('noCandidates'),
  };
}

function rubricsSection(r: TaskFileReport): Section {
  const rubrics = r.rubrics;
  const figures: Figure[] = [];
  const criteria = Object.entries(rubrics?.criteria ?? {});
  if (criteria.length > 0) {
    const bars: Bar[] = criteria.map(([id, c]) => ({
      label: c.criterion || id,
      value: c.mean ?? 0,
      text: c.mean === null ? '—' : roundTo(c.mean),
    }));
    figures.push({
      name: 'rubric-criteria',
      title: rt('rubricCriteria'),
      chart: barChart(rt('rubricCriteriaChart'), bars.slice(0, MAX_BARS)),
      header: [rt('criterion'), rt('text'), rt('evaluations'), rt('meanScore'), rt('scoredZero'), rt('shareZero')],
      rows: criteria.map(([id, c]) => ({
        cells: [
          id,
          c.criterion ?? '',
          formatNumber(c.count),
          c.mean === null ? '—' : roundTo(c.mean),
          formatNumber(c.zeros),
          c.count ? `${((c.zeros / c.count) * 100).toFixed(1)}%` : '—',
        ],
      })),
    });
  }
  const total = rubrics && distributionFigure('rubric-total-score', rt('rubricTotal'), rubrics.totalScore);
  const percentage = rubrics && distributionFigure('rubric-percentage', rt('rubricPercentage'), rubrics.percentage);
  if (total) figures.push(total);
  if (percentage) figures.push(percentage);
  return { id: 'rubrics', title: rt('rubrics'), figures, empty: rt('noRubrics') };
}

function annotatorsSection(r: TaskFileReport): Section {
  const submissions = Object.entries(r.annotators?.submissions ?? {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const figures: Figure[] = [];
  if (submissions.length > 0) {
    const bars: Bar[] = submissions.map(([who, n]) => ({ label: who, value: n }));
    figures.push({
      name: 'annotators-submissions',
      title: rt('submissionsPerContributor'),
      note: submissions.length > MAX_BARS ? rt('mostActive', MAX_BARS, formatNumber(submissions.length)) : undefined,
      chart: barChart(rt('submissionsPerContributor'), bars.slice(0, MAX_BARS)),
      header: [rt('contributor'), rt('submissions')],
      rows: bars.map((b) => ({ cells: [b.label, formatNumber(b.value)] })),
    });
  }
  const key = r.annotators?.key;
  const perContributor = r.annotators?.values;
  if (key !== undefined && perContributor) {
    const series = [...new Set(Object.values(perContributor).flatMap((counts) => Object.keys(counts)))].sort(byValue);
    const who = Object.keys(perContributor).sort((a, b) => total(perContributor[b]) - total(perContributor[a]) || a.localeCompare(b));
    const rows = who.map((w) => ({
      label: w,
      // Not clickable: no condition selects one contributor's annotations, and `key = v` alone
      // would show everyone's tasks under one contributor's bar.
      segments: series.map((v) => ({ name: v, value: perContributor[w]?.[v] ?? 0 })),
    }));
    figures.push({
      name: 'annotators-values',
      title: rt('valuesPerContributor', key),
      note: rt('valuesPerContributorNote', key),
      chart: who.length > 0 ? stackedChart(rt('valuesPerContributor', key), rows.slice(0, MAX_BARS), series) : undefined,
      header: [rt('contributor'), ...series],
      rows: who.map((w) => ({ cells: [w, ...series.map((v) => formatNumber(perContributor[w]?.[v] ?? 0))] })),
    });
  }
  return { id: 'annotators', title: rt('annotators'), figures, empty: rt('noSubmissions') };
}

function total(counts: Record<string, number> | undefined): number {
  return Object.values(counts ?? {}).reduce((s, n) => s + n, 0);
}

function byValue(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  return Number.isFinite(x) && Number.isFinite(y) ? x - y : a.localeCompare(b);
}

/** Keys a contributor breakdown makes sense for (the view's key picker). */
export function contributorKeyChoices(r: TaskFileReport): string[] {
  return Object.entries(r.annotations ?? {})
    .filter(([, f]) => f.count > 0 && f.type !== 'text')
    .map(([k]) => k);
}
