/**
 * The quality report page: a header with what the report covers (and a way back to the whole file
 * after a click narrowed it), the export button, the sections of figures, and the indexing
 * progress with Cancel. A click (or Enter / Space) on any mark or table button that carries a
 * filter posts it to the host, which decides where the filter goes (this report, or the explorer).
 */
import type { TaskFileReport } from '../../core/taskfile/reportTypes';
import { formatNumber } from '../../shared/format';
import { isReportFilter, type ReportScope, type ReportToHost } from '../../shared/reportProtocol';
import { h, icon, setDocument } from '../shell/dom';
import { figureSection } from './figure';
import { contributorKeyChoices, reportSections } from './sections';
import { rt } from './strings';
import { chartExports } from './svgExport';

export interface ReportViewOptions {
  readonly post: (msg: ReportToHost) => void;
  readonly serialize?: (node: Node) => string;
}

export interface ReportView {
  progress(fraction: number, text: string): void;
  show(report: TaskFileReport, scope: ReportScope): void;
  error(message: string): void;
}

export function createReportView(root: HTMLElement, options: ReportViewOptions): ReportView {
  const doc = root.ownerDocument;
  setDocument(doc);
  const post = options.post;
  const serialize =
    options.serialize ?? ((node: Node) => new (doc.defaultView as Window & typeof globalThis).XMLSerializer().serializeToString(node));
  root.classList.add('task-lens', 'report');

  const activate = (target: EventTarget | null): boolean => {
    const el = (target as Element | null)?.closest?.('[data-filter]');
    if (!el) return false;
    let filter: unknown;
    try {
      filter = JSON.parse(el.getAttribute('data-filter') ?? '');
    } catch {
      return false;
    }
    if (!isReportFilter(filter)) return false;
    post({ type: 'filter', filter });
    return true;
  };
  root.addEventListener('click', (event) => {
    const command = (event.target as Element | null)?.closest?.('[data-command]')?.getAttribute('data-command');
    if (command === 'clear') post({ type: 'clearFilter' });
    else if (command === 'export') post({ type: 'export', charts: chartExports(root, serialize) });
    else if (command === 'cancel') post({ type: 'cancel' });
    else activate(event.target);
  });
  root.addEventListener('keydown', (event) => {
    // Buttons handle their own keys; SVG marks with role=button need Enter and Space here.
    const target = event.target as Element | null;
    if ((event.key === 'Enter' || event.key === ' ') && target?.tagName.toLowerCase() === 'rect' && activate(target))
      event.preventDefault();
  });
  root.addEventListener('change', (event) => {
    const target = event.target as HTMLSelectElement | null;
    if (target?.getAttribute('data-command') === 'contributor-key') post({ type: 'contributorKey', key: target.value });
  });

  return {
    progress(fraction, text) {
      const pct = Math.round(Math.min(1, Math.max(0, fraction)) * 100);
      root.replaceChildren(
        h(
          'div',
          { class: 'content report-progress', role: 'status', 'aria-live': 'polite' },
          h('p', null, text),
          h('progress', { max: 100, value: pct, 'aria-label': text }),
          h('p', null, h('button', { type: 'button', class: 'button', 'data-command': 'cancel' }, rt('cancel'))),
        ),
      );
    },
    error(message) {
      root.replaceChildren(
        h('div', { class: 'content' }, h('div', { class: 'callout callout-error', role: 'alert' }, icon('error'), ' ', message)),
      );
    },
    show(report, scope) {
      const started = performance.now();
      const sections = reportSections(report).map((s) =>
        h(
          'section',
          { class: 'report-section', id: `section-${s.id}`, 'aria-labelledby': `heading-${s.id}` },
          h('h2', { id: `heading-${s.id}` }, s.title),
          s.id === 'annotators' ? keyPicker(report, scope) : null,
          s.figures.length === 0 ? h('p', { class: 'muted' }, s.empty ?? rt('nothingToShow')) : s.figures.map(figureSection),
        ),
      );
      root.replaceChildren(h('div', { class: 'content' }, header(report, scope), summary(report), sections));
      post({ type: 'rendered', ms: performance.now() - started });
    },
  };
}

function header(report: TaskFileReport, scope: ReportScope): HTMLElement {
  const covered = scope.label
    ? rt('reportOfSubset', formatNumber(report.tasks), formatNumber(scope.total))
    : rt('reportOfAll', formatNumber(report.tasks));
  return h(
    'header',
    { class: 'report-header' },
    h('h1', null, rt('heading', scope.fileName)),
    h(
      'p',
      { class: 'report-scope', 'data-scope': scope.label ? 'subset' : 'all' },
      h('span', { class: 'report-count' }, covered),
      scope.label ? [' — ', h('code', { class: 'report-filter' }, scope.label)] : null,
      scope.label && scope.origin !== 'explorer'
        ? [' ', h('button', { type: 'button', class: 'button secondary', 'data-command': 'clear' }, icon('clear-all'), ' ', rt('showAll'))]
        : null,
      ' ',
      h('button', { type: 'button', class: 'button', 'data-command': 'export' }, icon('export'), ' ', rt('exportMarkdown')),
    ),
    h('p', { class: 'muted' }, rt('clickHint')),
  );
}

function summary(r: TaskFileReport): HTMLElement {
  const tile = (label: string, value: number) =>
    h('div', { class: 'tile' }, h('div', { class: 'tile-value' }, formatNumber(value)), h('div', { class: 'muted' }, label));
  return h(
    'div',
    { class: 'tiles', role: 'list' },
    [
      tile(rt('tileTasks'), r.tasks),
      tile(rt('tileUnreadable'), r.unreadableLines),
      tile(rt('tileErrors'), r.tasksWithErrors),
      tile(rt('tileSensitive'), r.tasksWithSensitiveReports),
    ].map((t) => (t.setAttribute('role', 'listitem'), t)),
  );
}

function keyPicker(report: TaskFileReport, scope: ReportScope): HTMLElement | null {
  const keys = contributorKeyChoices(report);
  if (keys.length === 0) return null;
  const current = scope.contributorKey;
  return h(
    'p',
    { class: 'key-picker' },
    h('label', { for: 'contributor-key' }, rt('valuesPerContributorFor'), ' '),
    h(
      'select',
      { id: 'contributor-key', 'data-command': 'contributor-key' },
      h('option', { value: '', selected: current === undefined }, rt('chooseKey')),
      keys.map((k) => h('option', { value: k, selected: k === current }, k)),
    ),
  );
}
