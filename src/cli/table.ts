/**
 * `--format table`: lists as aligned columns for a person at a terminal. Rows still stream: the
 * widths are measured on the first rows (up to `SAMPLE_ROWS`, or all of a shorter list), and a
 * later cell wider than its column is cut with `…`. On a terminal the widest flexible column (a
 * name) gives way so a row fits the window. Server text is escaped like every other output.
 */
import type { StatusTone } from '../shared/statusLooks';
import { displayText } from '../shared/displayText';
import { NO_PAINT, type Paint } from './color';

export interface Column<T = Record<string, unknown>> {
  readonly header: string;
  readonly value: (item: T) => unknown;
  /** The tone of a cell (a status), for colour. */
  readonly tone?: (item: T) => StatusTone;
  /**
   * Gives way first when a row is wider than the terminal (names, not ids). A column that may hold
   * either (a task's batch: its name, or its id when the name is not known) gives way only while
   * none of the first rows shows an id there.
   */
  readonly flexible?: boolean;
}

export interface TableSettings {
  /** Terminal width, when stdout is one; no limit otherwise. */
  readonly width?: number;
  readonly paint?: Paint;
}

export const SAMPLE_ROWS = 100;
const GAP = '  ';
const MIN_FLEXIBLE = 12;

/** Columns for a list whose shape is not described: its first row's plain (non-object) fields. */
export function columnsOf(item: unknown): Column[] {
  if (typeof item !== 'object' || item === null) return [{ header: 'VALUE', value: (row) => row }];
  return Object.entries(item)
    .filter(([, value]) => value === null || typeof value !== 'object')
    .slice(0, 8)
    .map(([key]) => ({ header: key.toUpperCase(), value: (row) => row[key] }));
}

/** One cell as one line of plain, terminal-safe text. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value as number);
  return displayText(text.replace(/[\t\r\n]+/g, ' '));
}

export class TableWriter<T> {
  private widths: number[] | undefined;
  private readonly paint: Paint;

  constructor(
    private readonly columns: readonly Column<T>[],
    private readonly settings: TableSettings,
  ) {
    this.paint = settings.paint ?? NO_PAINT;
  }

  /** The header and the first rows, with widths measured on them. */
  start(sample: readonly T[]): string {
    const cells = sample.map((item) => this.columns.map((column) => cellText(column.value(item))));
    const widths = this.columns.map((column, i) => Math.max(length(column.header), ...cells.map((row) => length(row[i] ?? ''))));
    this.widths = this.fit(widths, cells);
    const header = this.line(this.columns.map((c) => c.header)).replace(/\s+$/, '');
    return [this.paint(header, 'dim'), ...sample.map((item) => this.row(item))].map((line) => `${line}\n`).join('');
  }

  /** A later row, in the widths of the first ones. */
  row(item: T): string {
    const texts = this.columns.map((column) => cellText(column.value(item)));
    const tones = this.columns.map((column) => column.tone?.(item));
    return this.line(texts, tones).replace(/\s+$/, '');
  }

  private line(texts: readonly string[], tones: ReadonlyArray<StatusTone | undefined> = []): string {
    const widths = this.widths ?? texts.map(length);
    return texts
      .map((text, i) => {
        const width = widths[i] ?? length(text);
        const cut = length(text) > width ? `${[...text].slice(0, Math.max(0, width - 1)).join('')}…` : text;
        const padded = i === texts.length - 1 ? cut : cut + ' '.repeat(Math.max(0, width - length(cut)));
        const tone = tones[i];
        return tone ? this.paint(padded, tone) : padded;
      })
      .join(GAP);
  }

  /** Shrinks flexible columns (widest first) until a row fits the terminal, if there is one. */
  private fit(widths: number[], cells: readonly (readonly string[])[]): number[] {
    const limit = this.settings.width;
    if (limit === undefined) return widths;
    const total = (): number => widths.reduce((sum, w) => sum + w, 0) + GAP.length * (widths.length - 1);
    const flexible = this.columns
      .map((column, i) => (column.flexible && !cells.some((row) => looksLikeId(row[i] ?? '')) ? i : -1))
      .filter((i) => i >= 0);
    while (total() > limit) {
      const widest = flexible.reduce((best, i) => ((widths[i] ?? 0) > (widths[best] ?? 0) ? i : best), flexible[0] ?? -1);
      if (widest < 0 || (widths[widest] ?? 0) <= MIN_FLEXIBLE) break;
      widths[widest] = Math.max(MIN_FLEXIBLE, (widths[widest] ?? 0) - (total() - limit));
    }
    return widths;
  }
}

/** Scale's 24-hex-digit ids and UUIDs (Livepeer's): what a person copies whole into the next command. */
function looksLikeId(text: string): boolean {
  return /^[0-9a-f]{24}$/i.test(text) || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);
}

/** Width in code points (close enough for names; wide characters make a row a little longer). */
function length(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
