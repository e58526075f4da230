/**
 * Conditions evaluated over the index (explorer.md's table). A condition is compiled once against
 * the index's string pool: the key and the value become pool ids, so `=` on a category is an
 * integer comparison and a filter walks only the compact annotation columns — no JSON, no objects
 * per row. That is what lets the explorer refilter 100,000 rows within a frame or two. The CLI
 * uses the same code on each task as it is indexed, so both give the same answer.
 */
import { BOOLEAN, CANNOT_ASSESS, HAS_VALUE, LIST, NOT_APPLICABLE, TRUE } from './annotationFacts';
import type { Condition, Operator, TaskQuery } from './conditions';
import type { TaskIndex } from './taskIndex';

type Rule = (index: TaskIndex, annotation: number, c: CompiledCondition) => boolean;

interface CompiledCondition {
  readonly keyId: number | undefined;
  readonly op: Operator | undefined;
  readonly value: string;
  readonly valueId: number | undefined;
  readonly number: number;
  readonly lower: string;
}

export interface CompiledQuery {
  matches(row: number): boolean;
  /** One line per condition whose key no annotation in the index has. */
  readonly warnings: readonly string[];
}

export interface CompileOptions {
  /** `--search` result for a row (see search.ts); required when the query has `search`. */
  readonly searchHit?: (row: number) => boolean;
}

export function unknownKeyWarning(key: string): string {
  return `No annotation in the file has the key “${key}”: the condition on it matches no task.`;
}

/** Compiles against the index as it is now (keys seen later are unknown to this compilation). */
export function compileQuery(index: TaskIndex, query: TaskQuery, options: CompileOptions = {}): CompiledQuery {
  const conditions = (query.where ?? []).map((c) => compileCondition(index, c));
  const warnings = (query.where ?? []).filter((c) => !index.hasKey(c.key)).map((c) => unknownKeyWarning(c.key));
  const statusIds = query.statuses && query.statuses.length > 0 ? new Set(query.statuses.map((s) => index.strings.lookup(s) ?? -1)) : null;
  const search = query.search !== undefined && query.search !== '' ? options.searchHit : undefined;
  if (query.search && !search) throw new Error('A query with --search needs the search result (searchHit).');
  const statusColumn = index.tasks.status;
  return {
    warnings,
    matches(row) {
      if (statusIds && !statusIds.has(statusColumn.get(row))) return false;
      for (const condition of conditions) if (!rowMatches(index, row, condition)) return false;
      return search ? search(row) : true;
    },
  };
}

/** Rows (in file order) that satisfy the query. */
export function filterRows(
  index: TaskIndex,
  query: TaskQuery,
  options: CompileOptions = {},
): { rows: Uint32Array; warnings: readonly string[] } {
  const compiled = compileQuery(index, query, options);
  const rows = new Uint32Array(index.size);
  let count = 0;
  for (let row = 0; row < index.size; row++) if (compiled.matches(row)) rows[count++] = row;
  return { rows: rows.slice(0, count), warnings: compiled.warnings };
}

function compileCondition(index: TaskIndex, condition: Condition): CompiledCondition {
  const value = condition.value ?? '';
  return {
    keyId: index.strings.lookup(condition.key),
    op: condition.op,
    value,
    valueId: index.strings.lookup(value),
    number: value.trim() === '' ? NaN : Number(value),
    lower: value.toLowerCase(),
  };
}

/** At least one annotation of the row with the key satisfies the condition. */
function rowMatches(index: TaskIndex, row: number, c: CompiledCondition): boolean {
  if (c.keyId === undefined) return false;
  const a = index.annotations;
  const [start, end] = index.annotationRange(row);
  for (let j = start; j < end; j++) {
    if (a.key.get(j) !== c.keyId) continue;
    const flags = a.flags.get(j);
    // not_applicable / cannot_assess annotations take part in no condition.
    if ((flags & (NOT_APPLICABLE | CANNOT_ASSESS)) !== 0 || (flags & HAS_VALUE) === 0) continue;
    if (c.op === undefined) return true;
    if (ruleFor(index.strings.get(a.type.get(j)))(index, j, c)) return true;
  }
  return false;
}

const numeric: Rule = (index, j, c) => {
  const n = index.annotations.num.get(j);
  if (Number.isNaN(n) || Number.isNaN(c.number)) return false;
  switch (c.op) {
    case '=':
      return n === c.number;
    case '!=':
      return n !== c.number;
    case '<':
      return n < c.number;
    case '<=':
      return n <= c.number;
    case '>':
      return n > c.number;
    case '>=':
      return n >= c.number;
    default:
      return false; // `~` does not apply to numbers.
  }
};

const boolean: Rule = (index, j, c) => {
  const flags = index.annotations.flags.get(j);
  if ((flags & BOOLEAN) === 0 || (c.value !== 'true' && c.value !== 'false')) return false;
  const actual = (flags & TRUE) !== 0;
  if (c.op === '=') return actual === (c.value === 'true');
  if (c.op === '!=') return actual !== (c.value === 'true');
  return false;
};

/** category and text: one string value. */
const single: Rule = (index, j, c) => {
  const id = index.annotations.str.get(j);
  // Id 0 means the value was not a string (an empty string has an id of its own).
  if (id === 0) return false;
  if (c.op === '=') return id === c.valueId;
  if (c.op === '!=') return id !== c.valueId;
  if (c.op === '~') return index.strings.lower(id).includes(c.lower);
  return false;
};

/** Lists: all choices (category_multiple), or only the first rank position (rankings). */
function listRule(firstOnly: boolean): Rule {
  return (index, j, c) => {
    const a = index.annotations;
    if ((a.flags.get(j) & LIST) === 0) return false;
    const start = a.listStart.get(j);
    const end = start + a.listCount.get(j);
    let any = false;
    let found = false;
    for (let i = start; i < end; i++) {
      if (firstOnly && index.lists.group.get(i) !== 0) continue;
      any = true;
      const item = index.lists.item.get(i);
      if (c.op === '~' ? index.strings.lower(item).includes(c.lower) : item === c.valueId) found = true;
    }
    if (c.op === '=' || c.op === '~') return found;
    // `!=X` for choices: X is not among them (an empty choice qualifies); for rankings there
    // must be a first place holding something other than X.
    if (c.op === '!=') return firstOnly ? any && !found : !found;
    return false;
  };
}

const json: Rule = (index, j, c) => {
  const id = index.annotations.str.get(j);
  return c.op === '~' && id !== 0 && index.strings.lower(id).includes(c.lower);
};

const RULES: Record<string, Rule> = {
  integer: numeric,
  rubric_rating: numeric,
  boolean,
  category: single,
  text: single,
  category_multiple: listRule(false),
  ranked_choices: listRule(true),
  ranked_groups: listRule(true),
};

function ruleFor(type: string): Rule {
  return RULES[type] ?? json;
}
