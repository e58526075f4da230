/**
 * The page's string tables, translated by the host: the host sends `strings` (each English text
 * through `vscode.l10n.t`, and the editor's display language) before the first render, and the page
 * swaps them in. Only known keys are taken, so a message cannot add or rename anything. The tables
 * are plain data, so the host and `npm run l10n` import them too.
 */
import { LIVEPEER_STRINGS, setLivepeerStrings, type LivepeerStringKey } from './livepeer/strings';
import { SHELL_STRINGS, setStrings, type StringKey } from './shell/strings';

export const PAGE_STRING_TABLES = [SHELL_STRINGS, LIVEPEER_STRINGS] as const;

/** Every table by name, in the shape the `strings` message carries. */
export function pageStringTables(): Record<'shell' | 'livepeer', Record<string, string>> {
  return { shell: { ...SHELL_STRINGS }, livepeer: { ...LIVEPEER_STRINGS } };
}

function known<K extends string>(
  english: Readonly<Record<K, string>>,
  given: Record<string, string> | undefined,
): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  if (!given) return out;
  for (const key of Object.keys(english) as K[]) if (typeof given[key] === 'string') out[key] = given[key];
  return out;
}

export function applyPageStrings(tables: Record<string, Record<string, string>>): void {
  setStrings(known<StringKey>(SHELL_STRINGS, tables.shell));
  setLivepeerStrings(known<LivepeerStringKey>(LIVEPEER_STRINGS, tables.livepeer));
}
