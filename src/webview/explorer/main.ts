/**
 * Entry of the delivery explorer page (bundled to dist/explorer.js). Handshake: post `ready`; the
 * host answers with the page's strings in the editor's language, the columns and the set, then
 * windows of rows as the table asks for them. The page filters and sorts nothing itself: it shows
 * what the host computed over the index.
 */
import {
  isHostToExplorer,
  type ExplorerColumn,
  type ExplorerCommand,
  type ExplorerToHost,
  type HostToExplorer,
} from '../../shared/explorerProtocol';
import { formatNumber, setDisplayLocale } from '../../shared/format';
import { h, icon, setDocument } from '../shell/dom';
import { FilterBar } from './filters';
import { explorerStrings, et } from './strings';
import { VirtualTable } from './table';

interface VsCodeApi {
  postMessage(msg: unknown): void;
  setState(state: unknown): void;
  getState(): unknown;
}

declare function acquireVsCodeApi(): VsCodeApi;

type PageMessages = (msg: Exclude<HostToExplorer, { type: 'strings' }>) => void;

/**
 * What the page keeps in VS Code's webview state: a hidden tab's page is discarded and started
 * again when shown, and the host's set (its version) outlives it, so the view can come back.
 */
interface ViewState {
  readonly version: number;
  readonly scrollTop: number;
  readonly selected: number;
}

function isViewState(value: unknown): value is ViewState {
  const v = value as Partial<ViewState> | null | undefined;
  return typeof v?.version === 'number' && typeof v.scrollTop === 'number' && typeof v.selected === 'number';
}

function start(): void {
  setDocument(document);
  const vscode = acquireVsCodeApi();
  const post = (msg: ExplorerToHost) => vscode.postMessage(msg);
  const root = document.getElementById('root') ?? document.body.appendChild(document.createElement('div'));
  root.classList.add('task-lens', 'explorer');
  // The host's first answer to `ready` is the strings: the page is built after them, in their language.
  let onMessage: PageMessages | undefined;
  window.addEventListener('message', (event: MessageEvent) => {
    const msg: unknown = event.data;
    if (!isHostToExplorer(msg)) return;
    if (msg.type === 'strings') {
      explorerStrings.set(msg.tables.explorer);
      setDisplayLocale(msg.locale);
      return;
    }
    onMessage ??= buildPage(root, post, vscode);
    onMessage(msg);
  });
  post({ type: 'ready' });
}

/** The toolbar, the filter bar and the table; returns what handles the host's messages. */
function buildPage(root: HTMLElement, post: (msg: ExplorerToHost) => void, vscode: VsCodeApi): PageMessages {
  let columns: ExplorerColumn[] = [];
  let visible: string[] = [];
  let version = 0;
  let count = 0;
  const saved = vscode.getState();
  let restore = isViewState(saved) ? saved : undefined;

  const table = new VirtualTable({
    requestRows: (start, n) => post({ type: 'rows', version, start, count: n }),
    open: (position, pin) => post({ type: 'open', position, pin }),
    sort: (sort) => post({ type: 'sort', sort }),
    moved: (scrollTop, selected) => vscode.setState({ version, scrollTop, selected } satisfies ViewState),
  });
  const filters = new FilterBar({ query: (query) => post({ type: 'query', query }) });
  const title = h('h1', { class: 'ex-title' });
  const summary = h('span', { class: 'ex-summary', role: 'status', 'aria-live': 'polite' });
  const chooser = h('div', { class: 'ex-columns', hidden: true, role: 'group', 'aria-label': et('columnsToShow') });
  const command = (name: ExplorerCommand, ico: string, label: string) => {
    const button = h('button', { type: 'button', class: 'ex-button secondary', 'data-command': name, title: label }, icon(ico), ' ', label);
    button.addEventListener('click', () => post({ type: 'command', name, ...(table.selection >= 0 ? { position: table.selection } : {}) }));
    return button;
  };
  const columnsButton = h(
    'button',
    { type: 'button', class: 'ex-button secondary', 'aria-expanded': 'false' },
    icon('list-selection'),
    ' ',
    et('columns'),
  );
  columnsButton.addEventListener('click', () => {
    const open = chooser.hasAttribute('hidden');
    chooser.toggleAttribute('hidden', !open);
    columnsButton.setAttribute('aria-expanded', String(open));
  });
  const toolbar = h(
    'header',
    { class: 'ex-toolbar', role: 'toolbar', 'aria-label': et('explorerActions') },
    title,
    summary,
    h('span', { class: 'spacer' }),
    columnsButton,
    command('save', 'save-as', et('saveSet')),
    command('report', 'graph', et('report')),
    command('export', 'export', et('export')),
  );
  const status = h('div', { class: 'ex-status-line' });
  const body = h('div', { class: 'ex-body', hidden: true }, filters.element, chooser, table.element);
  root.replaceChildren(toolbar, status, body);

  function drawChooser(): void {
    const shown = new Set(visible);
    chooser.replaceChildren(
      ...columns.map((column) => {
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.checked = shown.has(column.id);
        box.setAttribute('data-column', column.id);
        box.addEventListener('change', () => {
          const next = columns.filter((c) => (c.id === column.id ? box.checked : visible.includes(c.id))).map((c) => c.id);
          post({ type: 'columns', visible: next });
        });
        return h(
          'label',
          { class: 'ex-column-choice' },
          box,
          ` ${column.label}`,
          column.type ? h('small', { class: 'muted' }, ` ${column.type}`) : null,
        );
      }),
    );
  }

  return function onMessage(msg): void {
    switch (msg.type) {
      case 'indexing': {
        const percent = msg.totalBytes > 0 ? Math.floor((msg.bytesRead / msg.totalBytes) * 100) : 0;
        title.textContent = msg.fileName;
        const bar = h('progress', { max: 100, value: percent, 'aria-label': et('indexing') });
        status.replaceChildren(bar, ' ', et('indexingPercent', percent));
        return;
      }
      case 'failed': {
        const retry = h('button', { type: 'button', class: 'ex-button' }, icon('refresh'), ' ', et('indexAgain'));
        retry.addEventListener('click', () => post({ type: 'command', name: 'reindex' }));
        status.replaceChildren(h('div', { class: 'callout callout-error', role: 'alert' }, msg.message, ' ', msg.canRetry ? retry : null));
        return;
      }
      case 'table':
        title.textContent = msg.fileName;
        columns = msg.columns;
        visible = msg.visible;
        filters.setFacets(msg.facets);
        status.replaceChildren(
          ...(msg.unreadable > 0
            ? [h('span', { class: 'ex-unreadable' }, icon('warning'), ' ', et('unreadable', formatNumber(msg.unreadable)))]
            : []),
        );
        body.removeAttribute('hidden');
        drawChooser();
        return;
      case 'set': {
        const sameRows = msg.version === version && msg.visible.join('\n') === visible.join('\n') && msg.count === count;
        version = msg.version;
        count = msg.count;
        visible = msg.visible;
        summary.textContent = et('countOfTotal', formatNumber(msg.count), formatNumber(msg.total));
        filters.show(msg.query, msg.error, msg.warnings, msg.busy);
        if (!sameRows) {
          const shown = visible.map((id) => columns.find((c) => c.id === id)).filter((c): c is ExplorerColumn => c !== undefined);
          table.reset(shown, msg.sort, msg.count, msg.version);
        }
        // Only the set the page was showing: a filter applied meanwhile (from the report) starts afresh.
        if (restore) {
          if (restore.version === msg.version) table.restore(restore.scrollTop, restore.selected);
          restore = undefined;
        }
        drawChooser();
        return;
      }
      case 'rows':
        table.receive(msg.version, msg.start, msg.rows);
        return;
      case 'select':
        table.select(msg.position);
        return;
    }
  };
}

start();
