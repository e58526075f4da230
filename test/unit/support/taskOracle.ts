/**
 * The tests' own, deliberately plain reading of explorer.md, to compute expected answers without
 * the code under test: a walk that lists every annotation with its place, and the condition table
 * written as one straightforward function.
 */

type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Placed {
  readonly annotation: Rec;
  readonly level: string;
  readonly thread: number;
  /** source_id of the message it sits on, for message-level annotations only. */
  readonly messageSource?: string;
}

const list = (value: unknown): Rec[] => (Array.isArray(value) ? value.filter((x) => x && typeof x === 'object' && !Array.isArray(x)) : []);

export function everyAnnotation(task: Rec): Placed[] {
  const out: Placed[] = [];
  const add = (annotations: unknown, level: string, thread: number, messageSource?: string): void => {
    for (const annotation of list(annotations))
      if (typeof annotation.key === 'string') out.push({ annotation, level, thread, messageSource });
  };
  list(task.threads).forEach((thread, t) => {
    add(thread.annotations, 'thread', t);
    for (const turn of list(thread.turns)) {
      add(turn.annotations, 'turn', t);
      for (const rubric of list(turn.rubrics))
        for (const definition of list(rubric.criteria_definitions)) add(definition.annotations, 'criterion', t);
      for (const message of list(turn.messages)) {
        add(message.annotations, 'message', t, message.source_id);
        for (const chunk of list(message.content?.chunks)) add(chunk.annotations, 'chunk', t);
        for (const evaluation of list(message.rubric_evaluations)) {
          add(evaluation.annotations, 'evaluation', t);
          for (const criterion of list(evaluation.criteria_evaluations)) add(criterion.annotations, 'criterion_evaluation', t);
        }
      }
    }
  });
  return out;
}

export function messagesOf(task: Rec): Rec[] {
  return list(task.threads).flatMap((thread) => list(thread.turns).flatMap((turn) => list(turn.messages)));
}

export const usable = (a: Rec): boolean =>
  a.not_applicable !== true && a.cannot_assess !== true && a.value !== undefined && a.value !== null;

/** explorer.md's table, for one annotation. */
export function oracleMatches(a: Rec, op: string | undefined, value: string | undefined): boolean {
  if (!usable(a)) return false;
  if (op === undefined) return true;
  const v = a.value;
  const x = value as string;
  const type = a.type;
  if (type === 'integer' || type === 'rubric_rating') {
    const n = type === 'integer' ? v : v?.score;
    const wanted = Number(x);
    if (typeof n !== 'number' || Number.isNaN(wanted)) return false;
    return { '=': n === wanted, '!=': n !== wanted, '<': n < wanted, '<=': n <= wanted, '>': n > wanted, '>=': n >= wanted }[op] ?? false;
  }
  if (type === 'boolean') {
    if (typeof v !== 'boolean' || (x !== 'true' && x !== 'false')) return false;
    if (op === '=') return String(v) === x;
    if (op === '!=') return String(v) !== x;
    return false;
  }
  if (type === 'category' || type === 'text') {
    if (typeof v !== 'string') return false;
    if (op === '=') return v === x;
    if (op === '!=') return v !== x;
    if (op === '~') return v.toLowerCase().includes(x.toLowerCase());
    return false;
  }
  if (type === 'category_multiple') {
    if (!Array.isArray(v)) return false;
    if (op === '=') return v.includes(x);
    if (op === '!=') return !v.includes(x);
    if (op === '~') return v.some((item) => typeof item === 'string' && item.toLowerCase().includes(x.toLowerCase()));
    return false;
  }
  if (type === 'ranked_choices' || type === 'ranked_groups') {
    if (!Array.isArray(v) || v.length === 0) return false;
    const first: unknown[] = type === 'ranked_choices' ? [v[0]] : Array.isArray(v[0]) ? v[0] : [v[0]];
    const names = first.filter((item): item is string => typeof item === 'string');
    if (op === '=') return names.includes(x);
    if (op === '!=') return names.length > 0 && !names.includes(x);
    if (op === '~') return names.some((item) => item.toLowerCase().includes(x.toLowerCase()));
    return false;
  }
  return op === '~' && JSON.stringify(v).toLowerCase().includes(x.toLowerCase());
}
