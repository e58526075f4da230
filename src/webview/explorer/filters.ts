/**
 * The explorer's filter bar: status chips, the typed condition box (the `--where` grammar, parsed
 * here for an inline error and again by the host), the conditions as removable chips, the message
 * search, and a type-aware builder (a range for numbers, a value list for categories, true/false
 * for checks) that only writes condition text — so a filter made with the mouse reads like one typed.
 */
import { ConditionSyntaxError, formatCondition, parseCondition } from '../../core/taskfile/conditions';
import { formatNumber } from '../../shared/format';
import type { ExplorerFacets, ExplorerKeyFacet, ExplorerQuery } from '../../shared/explorerProtocol';
import { h, icon } from '../shell/dom';

export interface FilterEvents {
  query(query: ExplorerQuery): void;
}

function input(attrs: Record<string, string>): HTMLInputElement {
  const el = document.createElement('input');
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  return el;
}

export class FilterBar {
  readonly element: HTMLElement;
  private readonly statusRow = h('div', { class: 'ex-statuses', role: 'group', 'aria-label': 'Status' });
  private readonly conditionBox = input({
    type: 'text',
    class: 'ex-input ex-condition-input',
    placeholder: 'Condition, e.g. quality >= 3 or issues = Verbose (Enter to add)',
    'aria-label': 'Add a condition',
    spellcheck: 'false',
  });
  private readonly searchBox = input({
    type: 'search',
    class: 'ex-input ex-search-input',
    placeholder: 'Search message text (Enter)',
    'aria-label': 'Search message text',
  });
  private readonly error = h('div', { class: 'ex-error', role: 'alert' });
  private readonly notes = h('div', { class: 'ex-notes', role: 'status' });
  private readonly chips = h('div', { class: 'ex-conditions', role: 'list', 'aria-label': 'Conditions' });
  private readonly builder = h('div', { class: 'ex-builder' });
  private query: ExplorerQuery = { conditions: [], statuses: [], search: '' };
  private facets: ExplorerFacets = { statuses: [], keys: [] };

  constructor(private readonly events: FilterEvents) {
    this.conditionBox.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') this.addTyped();
    });
    this.conditionBox.addEventListener('input', () => this.showError(''));
    this.searchBox.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') this.send({ ...this.query, search: this.searchBox.value.trim() });
    });
    this.searchBox.addEventListener('search', () => {
      if (this.searchBox.value === '' && this.query.search !== '') this.send({ ...this.query, search: '' });
    });
    const clear = h('button', { type: 'button', class: 'ex-button secondary', title: 'Clear every filter' }, icon('clear-all'), ' Clear');
    clear.addEventListener('click', () => this.send({ conditions: [], statuses: [], search: '' }));
    this.element = h(
      'section',
      { class: 'ex-filters', 'aria-label': 'Filters' },
      this.statusRow,
      h('div', { class: 'ex-filter-row' }, this.conditionBox, this.searchBox, clear),
      this.error,
      this.chips,
      this.builder,
      this.notes,
    );
  }

  setFacets(facets: ExplorerFacets): void {
    this.facets = facets;
    this.drawBuilder();
  }

  /** The host's current query (after it applied one, or refused a condition). */
  show(query: ExplorerQuery, error: string | null, warnings: readonly string[], busy: boolean): void {
    this.query = query;
    if (document.activeElement !== this.searchBox) this.searchBox.value = query.search;
    this.drawStatuses();
    this.drawChips();
    this.showError(error ?? '');
    this.notes.replaceChildren(...warnings.map((w) => h('div', { class: 'ex-warning' }, icon('warning'), ' ', w)));
    if (busy) this.notes.append(h('div', { class: 'ex-busy' }, icon('loading', 'codicon-modifier-spin'), ' Searching message texts…'));
  }

  private send(query: ExplorerQuery): void {
    this.events.query(query);
  }

  private addTyped(): void {
    const text = this.conditionBox.value.trim();
    if (text === '') return;
    try {
      const condition = parseCondition(text);
      this.conditionBox.value = '';
      this.add(formatCondition(condition));
    } catch (error) {
      this.showError(error instanceof ConditionSyntaxError ? error.message : String(error));
    }
  }

  private add(condition: string): void {
    if (this.query.conditions.includes(condition)) return;
    this.send({ ...this.query, conditions: [...this.query.conditions, condition] });
  }

  private showError(message: string): void {
    this.error.textContent = message;
    this.conditionBox.setAttribute('aria-invalid', message ? 'true' : 'false');
  }

  private drawStatuses(): void {
    const chosen = new Set(this.query.statuses);
    this.statusRow.replaceChildren(
      ...this.facets.statuses.map(({ status, tasks }) => {
        const on = chosen.has(status);
        const chip = h(
          'button',
          { type: 'button', class: `ex-status-filter${on ? ' on' : ''}`, 'aria-pressed': String(on), 'data-status': status },
          status || '(no status)',
          h('span', { class: 'ex-count' }, formatNumber(tasks)),
        );
        chip.addEventListener('click', () => {
          const statuses = on ? this.query.statuses.filter((s) => s !== status) : [...this.query.statuses, status];
          this.send({ ...this.query, statuses });
        });
        return chip;
      }),
    );
  }

  private drawChips(): void {
    this.chips.replaceChildren(
      ...this.query.conditions.map((condition) => {
        const remove = h(
          'button',
          { type: 'button', class: 'ex-chip-remove', 'aria-label': `Remove ${condition}`, title: 'Remove' },
          icon('close'),
        );
        remove.addEventListener('click', () =>
          this.send({ ...this.query, conditions: this.query.conditions.filter((c) => c !== condition) }),
        );
        return h('span', { class: 'ex-condition', role: 'listitem' }, h('code', null, condition), remove);
      }),
      ...(this.query.search ? [h('span', { class: 'ex-condition', role: 'listitem' }, icon('search'), ' ', `“${this.query.search}”`)] : []),
    );
  }

  /** Key picker, then a control that suits its type. */
  private drawBuilder(): void {
    const keys = this.facets.keys;
    if (keys.length === 0) {
      this.builder.replaceChildren();
      return;
    }
    const picker = h(
      'select',
      { class: 'ex-select', 'aria-label': 'Annotation key to filter on' },
      h('option', { value: '' }, 'Filter by annotation…'),
      keys.map((k, i) => h('option', { value: String(i) }, `${k.key} (${k.type || 'no type'})`)),
    );
    const control = h('span', { class: 'ex-builder-control' });
    picker.addEventListener('change', () => {
      const facet = keys[Number(picker.value)];
      control.replaceChildren(...(picker.value === '' || !facet ? [] : this.controlFor(facet)));
    });
    this.builder.replaceChildren(picker, control);
  }

  private controlFor(facet: ExplorerKeyFacet): (Node | string)[] {
    const add = (label: string, conditions: () => string[]) => {
      const button = h('button', { type: 'button', class: 'ex-button' }, label);
      button.addEventListener('click', () => {
        const made = conditions().filter((c) => !this.query.conditions.includes(c));
        if (made.length) this.send({ ...this.query, conditions: [...this.query.conditions, ...made] });
      });
      return button;
    };
    const key = facet.key;
    if (facet.min !== undefined && facet.max !== undefined) {
      const low = input({ type: 'number', class: 'ex-input ex-num', 'aria-label': `${key} at least`, value: String(facet.min) });
      const high = input({ type: 'number', class: 'ex-input ex-num', 'aria-label': `${key} at most`, value: String(facet.max) });
      return [
        low,
        ' – ',
        high,
        add('Add range', () => [
          ...(low.value !== '' ? [formatCondition({ key, op: '>=', value: low.value })] : []),
          ...(high.value !== '' ? [formatCondition({ key, op: '<=', value: high.value })] : []),
        ]),
      ];
    }
    if (facet.values && facet.values.length > 0) {
      const op = h(
        'select',
        { class: 'ex-select', 'aria-label': 'Comparison' },
        h('option', { value: '=' }, 'is'),
        h('option', { value: '!=' }, 'is not'),
      );
      const value = h(
        'select',
        { class: 'ex-select', 'aria-label': `${key} value` },
        facet.values.map((v) => h('option', { value: v }, v || '(empty)')),
      );
      return [op, value, add('Add', () => [formatCondition({ key, op: op.value === '!=' ? '!=' : '=', value: value.value })])];
    }
    const text = input({ type: 'text', class: 'ex-input', 'aria-label': `${key} contains`, placeholder: 'contains…' });
    return [
      text,
      add('Add', () => (text.value.trim() ? [formatCondition({ key, op: '~', value: text.value.trim() })] : [])),
      add('Has a value', () => [formatCondition({ key })]),
    ];
  }
}
