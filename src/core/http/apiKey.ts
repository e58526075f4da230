/**
 * What an API key may contain. A key travels in an `Authorization` header, which carries visible
 * ASCII only; a key pasted from a document often brings smart quotes, a non-breaking space or a
 * line break with it. Such a key is refused where it is read or entered, with the position of the
 * first bad character, never the key itself.
 */

/** Visible ASCII, the characters a Bearer token is made of. */
const KEY_CHAR = /^[\x21-\x7e]$/;

const NAMES: Readonly<Record<number, string>> = {
  0x09: 'a tab',
  0x0a: 'a line break',
  0x0d: 'a carriage return',
  0x20: 'a space',
  0xa0: 'a non-breaking space',
  0x2018: 'a curly quote ‘',
  0x2019: 'a curly quote ’',
  0x201c: 'a curly quote “',
  0x201d: 'a curly quote ”',
  0x200b: 'a zero-width space',
  0xfeff: 'a byte-order mark',
};

/**
 * Why `key` cannot be sent in a header, or undefined when it can.
 * @param what how the message names the key, e.g. `SCALE_API_KEY` or `The key`.
 */
export function apiKeyProblem(key: string, what = 'The API key'): string | undefined {
  let position = 0;
  for (const char of key) {
    position++;
    if (KEY_CHAR.test(char)) continue;
    const code = char.codePointAt(0) ?? 0;
    const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    const name = NAMES[code] ?? 'a character';
    return `${what} has ${name} (${hex}) at position ${position} of ${[...key].length}, which an HTTP header cannot carry — API keys are plain ASCII letters, digits and punctuation; copy the key again without quotes or spaces.`;
  }
  return undefined;
}
