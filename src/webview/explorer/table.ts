/**
 * The explorer's virtualised table: only the rows in view (and a few around them) are in the DOM;
 * two spacer rows hold the height of the rest. The spacers are SVG elements sized by their `height`
 * attribute, because the page's CSP forbids inline styles. Rows come from the host a window at a
 * time; a row not yet here shows as a placeholder until its window arrives.
 */
import { h, icon } from '../shell/dom';
import { et } from './strings';
import { formatNumber } from '../../shared/format';
import { LIVEPEER_TASK_PHASE, SCALE_TASK_STATUS, statusLookIn } from '../../shared/statusLooks';
import type { ExplorerCell, ExplorerColumn, ExplorerRow, ExplorerSort } from '../../shared/explorerProtocol';

/** Must match `.ex-table tbody tr.ex-row` height in explorer.css. */
export const ROW_HEIGHT = 24;
const OVERSCAN = 10;
const CHUNK = 100;

export interface TableEvents {
  requestRows(start: number, count: number): void;
  open(position: number, pin: boolean): void;
  sort(sort: ExplorerSort | null): void;
  /** The scroll position or the selection changed (the page keeps them across a hidden tab). */
  moved?(scrollTop: number, selected: number): void;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

function spacer(): { row: HTMLTableRowElement; cell: HTMLTableCellElement; svg: SVGSVGElement } {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('width', '1');
  svg.setAttribute('height', '0');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'ex-spacer-svg');
  const cell = h('td', { class: 'ex-spacer-cell' });
  cell.appendChild(svg);
  return { row: h('tr', { class: 'ex-spacer', 'aria-hidden': 'true' }, cell), cell, svg };
}

export class VirtualTable {
  readonly element: HTMLElement;
  private readonly table: HTMLTableElement;
  private readonly head: HTMLTableRowElement;
  private readonly body: HTMLTableSectionElement;
  private readonly top = spacer();
  private readonly bottom = spacer();
  private columns: ExplorerColumn[] = [];
  private sortState: ExplorerSort | null = null;
  private count = 0;
  private version = -1;
  private rows = new Map<number, ExplorerRow>();
  private pending = new Set<number>();
  private selected = -1;
  private frame = 0;

  constructor(private readonly events: TableEvents) {
    this.head = h('tr', { role: 'row' });
    this.body = h('tbody', null);
    this.table = h('table', { class: 'ex-table', role: 'grid', 'aria-label': et('tasks') }, h('thead', null, this.head), this.body);
    this.element = h('div', { class: 'ex-viewport', tabindex: 0 }, this.table);
    this.element.addEventListener('scroll', () => {
      this.schedule();
      this.events.moved?.(this.element.scrollTop, this.selected);
    });
    this.element.addEventListener('keydown', (e) => this.onKey(e));
    this.body.addEventListener('click', (e) => {
      const tr = (e.target as Element).closest('tr[data-position]');
      if (!tr) return;
      const position = Number(tr.getAttribute('data-position'));
      this.select(position, false);
      this.element.focus({ preventScroll: true });
      this.events.open(position, e.ctrlKey || e.metaKey);
    });
    new ResizeObserver(() => this.schedule()).observe(this.element);
  }

  /** New columns or a new set: drop the rows held and draw from the top (or the selection). */
  reset(columns: ExplorerColumn[], sort: ExplorerSort | null, count: number, version: number): void {
    const sameSet = version === this.version;
    this.columns = columns;
    this.sortState = sort;
    this.count = count;
    this.version = version;
    this.rows = new Map();
    this.pending = new Set();
    if (!sameSet) this.selected = count > 0 ? Math.min(Math.max(this.selected, 0), count - 1) : -1;
    this.table.setAttribute('aria-rowcount', String(count + 1));
    this.drawHead();
    this.top.cell.setAttribute('colspan', String(Math.max(1, columns.length)));
    this.bottom.cell.setAttribute('colspan', String(Math.max(1, columns.length)));
    this.draw();
  }

  receive(version: number, start: number, rows: ExplorerRow[]): void {
    if (version !== this.version) return;
    rows.forEach((row, i) => this.rows.set(start + i, row));
    this.pending.delete(Math.floor(start / CHUNK));
    this.schedule();
  }

  select(position: number, scroll = true): void {
    if (this.count === 0) return;
    this.selected = Math.max(0, Math.min(this.count - 1, position));
    if (scroll) this.scrollToSelected();
    this.draw();
    this.events.moved?.(this.element.scrollTop, this.selected);
  }

  /** Back where the page was before VS Code discarded it (its tab was hidden): same set, same view. */
  restore(scrollTop: number, selected: number): void {
    if (this.count === 0) return;
    if (selected >= 0) this.selected = Math.min(this.count - 1, selected);
    this.element.scrollTop = scrollTop;
    this.draw();
  }

  get selection(): number {
    return this.selected;
  }

  private scrollToSelected(): void {
    const view = this.element;
    const headHeight = this.head.getBoundingClientRect().height;
    const top = this.selected * ROW_HEIGHT;
    const visible = view.clientHeight - headHeight;
    if (top < view.scrollTop) view.scrollTop = top;
    else if (top + ROW_HEIGHT > view.scrollTop + visible) view.scrollTop = top + ROW_HEIGHT - visible;
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private drawHead(): void {
    const cells = this.columns.map((column) => {
      const sorted = this.sortState?.column === column.id ? this.sortState : null;
      const ariaSort = sorted ? (sorted.descending ? 'descending' : 'ascending') : 'none';
      const button = h(
        'button',
        {
          type: 'button',
          class: 'ex-sort',
          title: column.type ? et('sortByTyped', column.label, column.type) : et('sortBy', column.label),
        },
        h('span', { class: 'ex-head-label' }, column.label),
        sorted ? icon(sorted.descending ? 'arrow-down' : 'arrow-up') : null,
      );
      button.addEventListener('click', () => this.events.sort(nextSort(this.sortState, column.id)));
      return h(
        'th',
        { role: 'columnheader', scope: 'col', 'aria-sort': ariaSort, class: columnClass(column), 'data-column': column.id },
        button,
      );
    });
    this.head.replaceChildren(...cells);
  }

  private draw(): void {
    const view = this.element;
    const first = Math.floor(view.scrollTop / ROW_HEIGHT);
    const visible = Math.ceil(view.clientHeight / ROW_HEIGHT) + 1;
    const start = Math.max(0, first - OVERSCAN);
    const end = Math.min(this.count, first + visible + OVERSCAN);
    this.request(start, end);
    this.top.svg.setAttribute('height', String(start * ROW_HEIGHT));
    this.bottom.svg.setAttribute('height', String(Math.max(0, this.count - end) * ROW_HEIGHT));
    const rows: HTMLTableRowElement[] = [];
    for (let position = start; position < end; position++) rows.push(this.drawRow(position));
    this.body.replaceChildren(this.top.row, ...rows, this.bottom.row);
  }

  private drawRow(position: number): HTMLTableRowElement {
    const row = this.rows.get(position);
    const selected = position === this.selected;
    const attrs = {
      role: 'row',
      class: `ex-row${selected ? ' selected' : ''}${row ? '' : ' loading'}`,
      'data-position': position,
      'aria-rowindex': position + 2,
      'aria-selected': selected ? 'true' : 'false',
      title: row ? et('line', formatNumber(row.line)) : undefined,
    };
    if (!row)
      return h(
        'tr',
        attrs,
        this.columns.map(() => h('td', { role: 'gridcell' }, '')),
      );
    return h(
      'tr',
      { ...attrs, 'data-line': row.line },
      row.cells.map((cell, i) => h('td', { role: 'gridcell', class: this.columns[i]?.numeric ? 'num' : undefined }, cellContent(cell))),
    );
  }

  private request(start: number, end: number): void {
    for (let chunk = Math.floor(start / CHUNK); chunk * CHUNK < end; chunk++) {
      const from = chunk * CHUNK;
      if (this.pending.has(chunk) || this.rows.has(from)) continue;
      this.pending.add(chunk);
      this.events.requestRows(from, Math.min(CHUNK, this.count - from));
    }
  }

  private onKey(e: KeyboardEvent): void {
    const page = Math.max(1, Math.floor(this.element.clientHeight / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (e.key in moves) this.select((this.selected < 0 ? 0 : this.selected) + (moves[e.key] as number));
    else if (e.key === 'Home') this.select(0);
    else if (e.key === 'End') this.select(this.count - 1);
    else if (e.key === 'Enter' && this.selected >= 0) this.events.open(this.selected, e.ctrlKey || e.metaKey);
    else return;
    e.preventDefault();
  }
}

/** Ascending, then descending, then file order. */
function nextSort(current: ExplorerSort | null, column: string): ExplorerSort | null {
  if (current?.column !== column) return { column, descending: false };
  return current.descending ? null : { column, descending: true };
}

function columnClass(column: ExplorerColumn): string {
  if (column.id === 'taskId') return 'col-id';
  if (column.numeric || column.type === 'boolean') return 'col-num';
  return 'col-text';
}

function cellContent(cell: ExplorerCell): Node | string {
  switch (cell.kind) {
    case 'status': {
      const look = statusLookIn({ ...SCALE_TASK_STATUS, ...LIVEPEER_TASK_PHASE }, cell.text);
      return h('span', { class: `status-chip ex-status status-${look.tone}` }, cell.text || '—');
    }
    case 'chip':
      return h('span', { class: 'ex-chip' }, cell.text);
    case 'yes':
      return h('span', { class: 'ex-yes' }, icon('check'), ' ', cell.text);
    case 'no':
      return h('span', { class: 'ex-no' }, icon('close'), ' ', cell.text);
    case 'muted':
      return h('span', { class: 'muted' }, cell.text);
    case 'rank':
      return h('span', { class: 'ex-rank' }, cell.text);
    default:
      return cell.text;
  }
}
