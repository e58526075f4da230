/**
 * One figure of the report: a heading, the chart, and its numbers as a table (the accessible form:
 * what a screen reader reads, and what a keyboard user clicks — a row that filters has a button).
 */
import type { ReportFilter } from '../../shared/reportProtocol';
import { h, type Child } from '../shell/dom';
import { rt } from './strings';

export interface TableRow {
  readonly cells: readonly Child[];
  /** The first cell becomes a button that applies this filter (the chart mark's twin). */
  readonly filter?: ReportFilter;
}

export interface Figure {
  /** A stable, file-name-safe name for the export (`status`, `key-2-quality`). */
  readonly name: string;
  readonly title: string;
  readonly chart?: SVGSVGElement;
  readonly note?: string;
  readonly header: readonly string[];
  readonly rows: readonly TableRow[];
}

/** Longer tables show their first rows (the largest, as they are sorted); the Markdown export has all. */
export const MAX_TABLE_ROWS = 100;

export function filterButton(label: Child, filter: ReportFilter, what: string): HTMLElement {
  return h('button', { type: 'button', class: 'link-button', 'data-filter': JSON.stringify(filter), title: what }, label);
}

export function figureSection(f: Figure): HTMLElement {
  if (f.chart) f.chart.setAttribute('data-chart-name', f.name);
  const table = h(
    'table',
    { class: 'figure-table', 'aria-label': f.title },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        f.header.map((c) => h('th', { scope: 'col' }, c)),
      ),
    ),
    h(
      'tbody',
      null,
      f.rows.slice(0, MAX_TABLE_ROWS).map((row) =>
        h(
          'tr',
          null,
          row.cells.map((c, i) =>
            i === 0
              ? h('th', { scope: 'row' }, row.filter ? filterButton(c, row.filter, rt('showTheseTasks', conditionText(row.filter))) : c)
              : h('td', null, c),
          ),
        ),
      ),
    ),
  );
  return h(
    'section',
    { class: 'figure', 'data-figure': f.name },
    h('h3', null, f.title),
    f.note ? h('p', { class: 'muted figure-note' }, f.note) : null,
    h(
      'div',
      { class: 'figure-body' },
      f.chart ? h('div', { class: 'chart' }, f.chart) : null,
      h('div', { class: 'figure-numbers' }, table),
    ),
  );
}

export function conditionText(filter: ReportFilter): string {
  // `status = …` is the --where grammar (not translated); only the joining word is.
  const parts = [...(filter.statuses ?? []).map((s) => `status = ${s}`), ...filter.conditions];
  return parts.reduce((joined, part) => (joined === '' ? part : rt('conditionsJoined', joined, part)), '');
}
