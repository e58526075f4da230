import { CONDITION_WORDS, type ConditionWords } from '../../core/taskfile/conditions';
import { stringTable } from '../shell/stringTable';

/**
 * Every string of the delivery explorer's page (toolbar, filter bar, table), translated by the host
 * like the task view's (see `webview/pageStrings.ts`). `{0}`, `{1}` … are positional arguments.
 */
const en = {
  columnsToShow: 'Columns to show',
  columns: 'Columns',
  explorerActions: 'Explorer actions',
  saveSet: 'Save Filtered Set…',
  report: 'Report',
  export: 'Export…',
  indexing: 'Indexing',
  indexingPercent: 'Indexing… {0}%',
  indexAgain: 'Index Again',
  unreadable: '{0} unreadable lines (not JSON objects) are left out.',
  countOfTotal: '{0} of {1} tasks',
  status: 'Status',
  conditionPlaceholder: 'Condition, e.g. quality >= 3 or issues = Verbose (Enter to add)',
  addCondition: 'Add a condition',
  searchPlaceholder: 'Search message text (Enter)',
  searchLabel: 'Search message text',
  conditions: 'Conditions',
  clearTitle: 'Clear every filter',
  clear: 'Clear',
  filters: 'Filters',
  searching: 'Searching message texts…',
  noStatus: '(no status)',
  removeCondition: 'Remove {0}',
  remove: 'Remove',
  keyToFilter: 'Annotation key to filter on',
  filterByAnnotation: 'Filter by annotation…',
  keyWithType: '{0} ({1})',
  noType: 'no type',
  atLeast: '{0} at least',
  atMost: '{0} at most',
  addRange: 'Add range',
  comparison: 'Comparison',
  is: 'is',
  isNot: 'is not',
  keyValue: '{0} value',
  emptyValue: '(empty)',
  add: 'Add',
  contains: '{0} contains',
  containsPlaceholder: 'contains…',
  hasValue: 'Has a value',
  tasks: 'Tasks',
  sortBy: 'Sort by {0}',
  sortByTyped: 'Sort by {0} ({1})',
  line: 'Line {0}',
  // A condition that does not parse (the words are core's, so the CLI says the same in English).
  conditionUnreadable: CONDITION_WORDS.unreadable,
  conditionGrammar: CONDITION_WORDS.grammar,
  problemUnclosedQuote: CONDITION_WORDS.problems.unclosedQuote,
  problemOperatorAfterQuotedKey: CONDITION_WORDS.problems.operatorAfterQuotedKey,
  problemEmptyKey: CONDITION_WORDS.problems.emptyKey,
  problemNoValue: CONDITION_WORDS.problems.noValue,
};

/** The English table: the page's defaults and the source the host translates. */
export const EXPLORER_STRINGS: Readonly<typeof en> = en;

export type ExplorerStringKey = keyof typeof en;
export const explorerStrings = stringTable<ExplorerStringKey>(en);
export const et = explorerStrings.t;

/**
 * The condition error's words through `text` (a key to its translated template: the page's `et`,
 * or the host's `vscode.l10n.t` of the English).
 */
export function conditionWordsIn(text: (key: ExplorerStringKey) => string): ConditionWords {
  return {
    unreadable: text('conditionUnreadable'),
    grammar: text('conditionGrammar'),
    problems: {
      unclosedQuote: text('problemUnclosedQuote'),
      operatorAfterQuotedKey: text('problemOperatorAfterQuotedKey'),
      emptyKey: text('problemEmptyKey'),
      noValue: text('problemNoValue'),
    },
  };
}
