/**
 * The explorer's filter bar: status chips, the typed condition box (the `--where` grammar, parsed
 * here for an inline error and again by the host), the conditions as removable chips, the message
 * search, and a type-aware builder (a range for numbers, a value list for categories, true/false
 * for checks) that only writes condition text — so a filter made with the mouse reads like one typed.
 */
import { conditionErrorText, ConditionSyntaxError, formatCondition, parseCondition } from '../../core/taskfile/conditions';
import { formatNumber } from '../../shared/format';
import type { ExplorerFacets, ExplorerKeyFacet, ExplorerQuery } from '../../shared/explorerProtocol';
import { h, icon } from '../shell/dom';
import { conditionWordsIn, et } from './strings';

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
  private readonly statusRow = h('div', { class: 'ex-statuses', role: 'group', 'aria-label': et('status') });
  private readonly conditionBox = input({
    type: 'text',
    class: 'ex-input ex-condition-input',
    placeholder: et('conditionPlaceholder'),
    'aria-label': et('addCondition'),
    spellcheck: 'false',
  });
  private readonly searchBox = input({
    type: 'search',
    class: 'ex-input ex-search-input',
    placeholder: et('searchPlaceholder'),
    'aria-label': et('searchLabel'),
  });
  private readonly error = h('div', { class: 'ex-error', role: 'alert' });
  private readonly notes = h('div', { class: 'ex-notes', role: 'status' });
  private readonly chips = h('div', { class: 'ex-conditions', role: 'list', 'aria-label': et('conditions') });
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
    const clear = h(
      'button',
      { type: 'button', class: 'ex-button secondary', title: et('clearTitle') },
      icon('clear-all'),
      ' ',
      et('clear'),
    );
    clear.addEventListener('click', () => this.send({ conditions: [], statuses: [], search: '' }));
    this.element = h(
      'section',
      { class: 'ex-filters', 'aria-label': et('filters') },
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
    if (busy) this.notes.append(h('div', { class: 'ex-busy' }, icon('loading', 'codicon-modifier-spin'), ' ', et('searching')));
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
      this.showError(
        error instanceof ConditionSyntaxError
          ? conditionErrorText(
              error,
              conditionWordsIn((key) => et(key)),
            )
          : String(error),
      );
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
          status || et('noStatus'),
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
          { type: 'button', class: 'ex-chip-remove', 'aria-label': et('removeCondition', condition), title: et('remove') },
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
      { class: 'ex-select', 'aria-label': et('keyToFilter') },
      h('option', { value: '' }, et('filterByAnnotation')),
      keys.map((k, i) => h('option', { value: String(i) }, et('keyWithType', k.key, k.type || et('noType')))),
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
      const low = input({ type: 'number', class: 'ex-input ex-num', 'aria-label': et('atLeast', key), value: String(facet.min) });
      const high = input({ type: 'number', class: 'ex-input ex-num', 'aria-label': et('atMost', key), value: String(facet.max) });
      return [
        low,
        ' – ',
        high,
        add(et('addRange'), () => [
          ...(low.value !== '' ? [formatCondition({ key, op: '>=', value: low.value })] : []),
          ...(high.value !== '' ? [formatCondition({ key, op: '<=', value: high.value })] : []),
        ]),
      ];
    }
    if (facet.values && facet.values.length > 0) {
      const op = h(
        'select',
        { class: 'ex-select', 'aria-label': et('comparison') },
        h('option', { value: '=' }, et('is')),
        h('option', { value: '!=' }, et('isNot')),
      );
      const value = h(
        'select',
        { class: 'ex-select', 'aria-label': et('keyValue', key) },
        facet.values.map((v) => h('option', { value: v }, v || et('emptyValue'))),
      );
      return [op, value, add(et('add'), () => [formatCondition({ key, op: op.value === '!=' ? '!=' : '=', value: value.value })])];
    }
    const text = input({ type: 'text', class: 'ex-input', 'aria-label': et('contains', key), placeholder: et('containsPlaceholder') });
    return [
      text,
      add(et('add'), () => (text.value.trim() ? [formatCondition({ key, op: '~', value: text.value.trim() })] : [])),
      add(et('hasValue'), () => [formatCondition({ key })]),
    ];
  }
}
