import { displayText } from '../../shared/displayText';

/**
 * Text from an API or a setting, for a markdown tooltip: shown exactly as written, and inert.
 *
 * Every ASCII punctuation character becomes a numeric character reference (`&#60;` for `<`), which
 * markdown shows as the character itself. Backslash escapes would not do: the editor's hover turns
 * `http://…` and `www.…` into links before it reads them, and then shows the backslashes. With
 * `:`, `.` and `@` written as references nothing looks like a link, `*`, `_`, `[`, `` ` `` and `<`
 * start no markup, and no raw HTML reaches the hover's sanitizer. Control, bidirectional and
 * zero-width characters are shown escaped, by the CLI's rule (`displayText`); spaces at either end
 * are kept (markdown would drop them, and emphasis around them would break).
 */
export function markdownText(text: string): string {
  return displayText(text)
    .replace(/[!-/:-@[-`{-~]/g, (c) => `&#${c.charCodeAt(0)};`)
    .replace(/^ +| +$/g, (spaces) => '&#32;'.repeat(spaces.length));
}

/** A name for a tooltip: `markdownText`, or “(no name)” in italics when it is empty. */
export function markdownName(name: unknown): string {
  return typeof name === 'string' && name.trim() !== '' ? markdownText(name) : `_${NO_NAME}_`;
}

/** What the editor shows for an empty name (with the id beside it). */
export const NO_NAME = '(no name)';
