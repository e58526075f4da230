/** Escapes text from an API or a setting so a markdown tooltip shows it literally (no links, no HTML). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>&~]/g, (ch) => `\\${ch}`);
}

/** Short date for descriptions: `2025-05-21 14:42` (UTC), or the input if it is not a date. */
export function shortDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}
