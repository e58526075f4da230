/**
 * Every page's string tables, translated by the host: the host sends `strings` (each English text
 * through `vscode.l10n.t`, and the editor's display language) before anything else, and the page
 * swaps in the tables it shows (the task view: shell and livepeer; the explorer and the report:
 * their own). Only known keys are taken, so a message cannot add or rename anything. The tables are
 * plain data, so the host and `npm run l10n` import them too.
 */
import { explorerStrings } from './explorer/strings';
import { livepeerStrings } from './livepeer/strings';
import { reportStrings } from './report/strings';
import { shellStrings } from './shell/strings';

const TABLES = { shell: shellStrings, livepeer: livepeerStrings, explorer: explorerStrings, report: reportStrings } as const;
export type PageStringTable = keyof typeof TABLES;

export const PAGE_STRING_TABLES = Object.values(TABLES).map((table) => table.english);

/** Every table by name, in the shape the `strings` message carries. */
export function pageStringTables(): Record<PageStringTable, Record<string, string>> {
  return {
    shell: { ...shellStrings.english },
    livepeer: { ...livepeerStrings.english },
    explorer: { ...explorerStrings.english },
    report: { ...reportStrings.english },
  };
}

/**
 * Every table from a `strings` message (for tests; each page sets only the tables it shows, so a
 * page's bundle holds no other page's strings).
 */
export function applyPageStrings(tables: Record<string, Record<string, string>>): void {
  for (const [name, table] of Object.entries(TABLES)) table.set(tables[name]);
}
