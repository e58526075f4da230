/**
 * The names in a `tasklens:` URI that identify something (the connection, the task id) travel
 * reversibly: `%`, `/`, `\` and control characters are percent-escaped and nothing is cut, so an
 * id such as `a/b` or one of 200 characters opens again. Pure, so it is tested without the editor.
 */

const ESCAPED = /[%/\\\u0000-\u001f\u007f]/g;

export function encodeUriName(name: string): string {
  const escaped = name.replace(ESCAPED, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  // Empty or dot-only segments would be dropped or resolved by path handling.
  return escaped === '' || /^\.+$/.test(escaped) ? escaped.replace(/\./g, '%2E') || '%' : escaped;
}

export function decodeUriName(segment: string): string {
  if (segment === '%') return '';
  return segment.replace(/%([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
