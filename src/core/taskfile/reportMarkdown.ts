/**
 * The quality report as Markdown tables a reviewer can paste into a review or an issue. Every
 * figure of the JSON form appears; cells are escaped because keys and values come from strangers.
 */
import { formatNumber } from '../../shared/format';
import type { Distribution, TaskFileReport } from './reportTypes';

export function reportToMarkdown(report: TaskFileReport, title = 'Task file report'): string {
  const out: string[] = [`# ${cell(title)}`, ''];
  out.push(
    ...table(
      ['Figure', 'Value'],
      [
        ['Tasks', count(report.tasks)],
        ['Unreadable lines', count(report.unreadableLines)],
        ['Tasks with errors', count(report.tasksWithErrors)],
        ['Tasks with sensitive-content reports', count(report.tasksWithSensitiveReports)],
      ],
    ),
  );
  section(out, 'Status', ['Status', 'Tasks'], sortedCounts(report.status));
  const keys = Object.entries(report.annotations);
  section(
    out,
    'Annotations',
    ['Key', 'Type', 'Tasks', 'Count', 'Mean', 'Min', 'Max', 'Not applicable', 'Cannot assess'],
    keys.map(([key, f]) => [
      key,
      f.types ? f.types.join(', ') : f.type,
      count(f.tasks),
      count(f.count),
      num(f.mean),
      num(f.min),
      num(f.max),
      count(f.notApplicable),
      count(f.cannotAssess),
    ]),
  );
  for (const [key, f] of keys) {
    if (f.values && Object.keys(f.values).length > 0) section(out, `Values of ${key}`, ['Value', 'Count'], sortedCounts(f.values), 3);
  }
  const candidates = Object.entries(report.candidates);
  if (candidates.length === 0) out.push('## Candidates', '', 'No ranking annotations.', '');
  else {
    section(
      out,
      'Candidates',
      ['Candidate', 'Ranked first', 'Wins', 'Ties', 'Losses', 'Comparisons', 'Win rate'],
      candidates.map(([name, c]) => [
        name,
        count(c.first),
        count(c.wins),
        count(c.ties),
        count(c.losses),
        count(c.comparisons),
        percent(c.winRate),
      ]),
    );
    const names = Object.keys(report.headToHead);
    section(
      out,
      'Head to head (row’s win rate against column)',
      ['', ...names],
      names.map((a) => [a, ...names.map((b) => (a === b ? '—' : percent(report.headToHead[a]?.[b]?.winRate ?? null)))]),
    );
  }
  const meanKeys = [...new Set(Object.values(report.candidateMeans).flatMap((byKey) => Object.keys(byKey)))];
  if (meanKeys.length > 0) {
    section(
      out,
      'Mean of integer annotations per candidate',
      ['Candidate', ...meanKeys],
      Object.entries(report.candidateMeans).map(([name, byKey]) => [
        name,
        ...meanKeys.map((k) => (byKey[k] ? `${num(byKey[k].mean)} (n=${count(byKey[k].count)})` : '')),
      ]),
    );
  }
  const criteria = Object.entries(report.rubrics.criteria);
  if (criteria.length > 0) {
    section(
      out,
      'Rubric criteria',
      ['Criterion', 'Text', 'Evaluations', 'Mean score', 'Scored 0'],
      criteria.map(([id, c]) => [id, c.criterion ?? '', count(c.count), num(c.mean), count(c.zeros)]),
    );
    distribution(out, 'Rubric total score', report.rubrics.totalScore);
    distribution(out, 'Rubric percentage', report.rubrics.percentage);
  }
  section(out, 'Annotators', ['Contributor', 'Submissions'], sortedCounts(report.annotators.submissions));
  const perContributor = report.annotators.values;
  if (report.annotators.key !== undefined && perContributor) {
    const values = [...new Set(Object.values(perContributor).flatMap((counts) => Object.keys(counts)))].sort();
    section(
      out,
      `Values of ${report.annotators.key} per contributor`,
      ['Contributor', ...values],
      Object.entries(perContributor).map(([who, counts]) => [who, ...values.map((v) => count(counts[v] ?? 0))]),
    );
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function section(out: string[], heading: string, header: string[], rows: string[][], level = 2): void {
  out.push(`${'#'.repeat(level)} ${cell(heading)}`, '');
  if (rows.length === 0) out.push('None.', '');
  else out.push(...table(header, rows));
}

function distribution(out: string[], heading: string, d: Distribution): void {
  out.push(`### ${heading}`, '', `Count ${count(d.count)}, mean ${num(d.mean)}, min ${num(d.min)}, max ${num(d.max)}.`, '');
  if (Object.keys(d.values).length > 0)
    out.push(
      ...table(
        ['Value', 'Count'],
        Object.entries(d.values)
          .sort((a, b) => Number(a[0]) - Number(b[0]))
          .map(([v, n]) => [v, count(n)]),
      ),
    );
}

function table(header: string[], rows: string[][]): string[] {
  const line = (cells: string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), `|${header.map(() => ' --- |').join('')}`, ...rows.map(line), ''];
}

function sortedCounts(counts: Record<string, number>): string[][] {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([name, n]) => [name, count(n)]);
}

/** A table cell: pipes escaped, line breaks flattened, so a stranger's text cannot break the table. */
function cell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ');
}

function count(n: number): string {
  return formatNumber(n);
}

function num(n: number | null | undefined): string {
  if (n === null || n === undefined) return '';
  return Number.isInteger(n) ? String(n) : n.toFixed(3);
}

function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}
