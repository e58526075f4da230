/**
 * What names one task in a list or a tab: the start of what it says (a Scale task's first user
 * message) and the end of its id, or the end of its id alone. Scale ids share a long prefix
 * (`c3b12d03000000…`), so 250 rows of ids all read alike; their last characters are what differ.
 * The text alone would not do either: a batch often asks one templated prompt many times. Pure,
 * for the tree, the tab title and the tests.
 */

/** Characters of text kept in a label; the full text is in the tooltip and the task view. */
export const TASK_TEXT_CHARS = 40;
/** Ids longer than this are shown by their end. */
const LONG_ID = 12;
const ID_TAIL = 8;

/** `…` and the last 8 characters of a long id; a short id whole. */
export function shortTaskId(id: string): string {
  return id.length > LONG_ID ? `…${id.slice(-ID_TAIL)}` : id;
}

/** The first `TASK_TEXT_CHARS` characters of `text` on one line, with `…` when cut; '' when blank. */
export function taskTextLabel(text: string | undefined): string {
  const line = (text ?? '').replace(/\s+/g, ' ').trim();
  if (line.length <= TASK_TEXT_CHARS) return line;
  // Cut on a code point, not inside a surrogate pair.
  const cut = Array.from(line).slice(0, TASK_TEXT_CHARS).join('').trimEnd();
  return cut.length < line.length ? `${cut}…` : line;
}

/** The label for a task: `text start · …id end` when it has text, else the end of its id. */
export function taskLabel(id: string, text?: string): string {
  const start = taskTextLabel(text);
  return start ? `${start} · ${shortTaskId(id)}` : shortTaskId(id);
}
