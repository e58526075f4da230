/**
 * One rule for showing a string from a server to a person: characters that control a terminal or
 * change how the text around them reads are shown escaped instead of acting. That covers C0 (ESC,
 * BEL, CR, LF, …), DEL, C1 (CSI, OSC, … as single code points), the bidirectional controls that
 * reorder text ("Trojan Source") and the zero-width characters that hide inside names.
 *
 * Pure TypeScript (no DOM, no vscode, no Node): the CLI uses it for everything it prints to a
 * terminal, and the editor's labels can use the same rule.
 */

/** Every character `displayText` escapes. */
export const UNSAFE_DISPLAY_CHARS =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;

const SHORT: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

function escaped(char: string): string {
  const short = SHORT[char];
  if (short) return short;
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with every unsafe character shown as an escape (`\e`, `\n`, `\x9b`, `\u202e`, …). */
export function displayText(text: string): string {
  return text.replace(UNSAFE_DISPLAY_CHARS, escaped);
}

/** The characters above that `JSON.stringify` leaves raw (it escapes C0 itself). */
const JSON_RAW_UNSAFE = /[\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;

/**
 * JSON text with those characters written as `\uXXXX` escapes: the same JSON value, but safe to
 * print to a terminal. They can only occur inside strings, where the escape means the same.
 */
export function escapeJsonText(json: string): string {
  return json.replace(JSON_RAW_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
