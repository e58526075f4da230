/**
 * The text form of a `--where` condition (explorer.md, "Details"): KEY is the text before the
 * first operator, VALUE the rest, trimmed; a key holding an operator character is written in
 * double quotes. The same parser serves the CLI and the explorer's typed filter box.
 */

export type Operator = '=' | '!=' | '<' | '<=' | '>' | '>=' | '~';

export interface Condition {
  readonly key: string;
  /** Absent for `KEY` alone: "has an annotation with that key and a value". */
  readonly op?: Operator;
  readonly value?: string;
}

/** Everything a task must satisfy; each part is optional and all given parts must hold. */
export interface TaskQuery {
  readonly where?: readonly Condition[];
  /** Any of these statuses (exact). */
  readonly statuses?: readonly string[];
  /** Case-insensitive substring of some message's content.text. */
  readonly search?: string;
}

export const CONDITION_GRAMMAR =
  'a condition is KEY OP VALUE or KEY alone, where OP is one of = != < <= > >= ~ ' +
  '(e.g. "instruction_following >= 2", "issues = Verbose", "rewrite"); write a KEY that holds an operator character in double quotes: "a<b" = x';

/** Why a condition does not parse (the words: CONDITION_WORDS, translated by the editor's pages). */
export type ConditionProblem = 'unclosedQuote' | 'operatorAfterQuotedKey' | 'emptyKey' | 'noValue';

/** The words of a condition error: templates with `{0}`, `{1}` … (English here; the editor passes its translations). */
export interface ConditionWords {
  /** `{0}` the condition as typed, `{1}` the problem, `{2}` the grammar. */
  readonly unreadable: string;
  readonly grammar: string;
  /** `{0}` the operator, where the problem names one. */
  readonly problems: Readonly<Record<ConditionProblem, string>>;
}

export const CONDITION_WORDS: ConditionWords = {
  unreadable: 'Cannot read the condition “{0}”: {1}. {2}.',
  grammar: capitalize(CONDITION_GRAMMAR),
  problems: {
    unclosedQuote: 'the quoted key has no closing "',
    operatorAfterQuotedKey: 'expected an operator after the quoted key',
    emptyKey: 'the key is empty',
    noValue: 'the operator {0} has no value',
  },
};

export class ConditionSyntaxError extends Error {
  override readonly name = 'ConditionSyntaxError';
  constructor(
    readonly input: string,
    readonly problem: ConditionProblem,
    /** The operator the problem is about, if any. */
    readonly operator = '',
  ) {
    super(conditionErrorText({ input, problem, operator }));
  }
}

/** The message of a condition error in `words` (the message itself is English, as the CLI says it). */
export function conditionErrorText(
  error: Pick<ConditionSyntaxError, 'input' | 'problem' | 'operator'>,
  words: ConditionWords = CONDITION_WORDS,
): string {
  const fill = (template: string, args: readonly string[]) => template.replace(/\{(\d+)\}/g, (m, i: string) => args[Number(i)] ?? m);
  return fill(words.unreadable, [error.input, fill(words.problems[error.problem], [error.operator]), words.grammar]);
}

/** Longest operators first, so `<=` is not read as `<` followed by a value starting with `=`. */
const OPERATORS: readonly Operator[] = ['!=', '<=', '>=', '=', '<', '>', '~'];

export function parseCondition(input: string): Condition {
  const text = input.trim();
  let key: string;
  let rest: string;
  if (text.startsWith('"')) {
    const close = closingQuote(text);
    if (close < 0) throw new ConditionSyntaxError(input, 'unclosedQuote');
    key = text.slice(1, close).replace(/\\(["\\])/g, '$1');
    rest = text.slice(close + 1).trimStart();
    if (rest !== '' && operatorAt(rest, 0) === undefined) throw new ConditionSyntaxError(input, 'operatorAfterQuotedKey');
  } else {
    const at = firstOperator(text);
    key = (at < 0 ? text : text.slice(0, at)).trim();
    rest = at < 0 ? '' : text.slice(at);
  }
  if (key === '') throw new ConditionSyntaxError(input, 'emptyKey');
  if (rest === '') return { key };
  const op = operatorAt(rest, 0) as Operator;
  const value = rest.slice(op.length).trim();
  if (value === '') throw new ConditionSyntaxError(input, 'noValue', op);
  return { key, op, value };
}

/** The canonical text of a condition (what the explorer shows in its filter chips). */
export function formatCondition(condition: Condition): string {
  const needsQuotes = firstOperator(condition.key) >= 0 || condition.key.startsWith('"') || condition.key.trim() !== condition.key;
  const key = needsQuotes ? `"${condition.key.replace(/(["\\])/g, '\\$1')}"` : condition.key;
  return condition.op === undefined ? key : `${key} ${condition.op} ${condition.value ?? ''}`;
}

function firstOperator(text: string): number {
  for (let i = 0; i < text.length; i++) if (operatorAt(text, i) !== undefined) return i;
  return -1;
}

function operatorAt(text: string, at: number): Operator | undefined {
  for (const op of OPERATORS) if (text.startsWith(op, at)) return op;
  return undefined;
}

/** Index of the `"` that closes a key opened at 0; `\"` and `\\` are escapes. */
function closingQuote(text: string): number {
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return -1;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
