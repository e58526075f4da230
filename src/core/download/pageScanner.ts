/**
 * Pass-through: a page body is scanned, not parsed. The scanner checks the page's structure
 * (brackets matched, strings closed, nothing after the end), finds the list of items and the next
 * page token, and hands back each item as the exact bytes the server sent, with its id. Nothing is
 * re-serialised, so a line in the file is byte-for-byte the server's JSON for that task, and the
 * cost is a few memchr-like scans instead of `JSON.parse` plus `JSON.stringify`.
 *
 * The body is collected as it streams in, with a size cap checked on every chunk; the scan itself
 * runs once on the whole page (pages are bounded; the download is not held in memory).
 */
import { formatNumber } from '../../shared/format';
import { PageBodyError } from './pageBody';

export interface PageShape {
  /** Top-level key of the item array (Scale: `tasks`); null when the body is the array itself. */
  readonly itemsKey: string | null;
  /** Top-level key of the next page token (Scale: `next_token`); absent when paging is elsewhere. */
  readonly tokenKey?: string;
  /** Keys an item's id may be under, in order of preference (default `task_id`, then `id`). */
  readonly idKeys?: readonly string[];
}

export interface ScannedPage {
  /** Each item exactly as sent (without separators or a newline). */
  readonly items: readonly Buffer[];
  /** Each item's id (undefined when it has none, or it is not a string). */
  readonly ids: readonly (string | undefined)[];
  /** The page token from the body; null when absent or null (see `PageShape.tokenKey`). */
  readonly nextToken: string | null;
  readonly bytes: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const NEWLINE = 0x0a;
const RETURN = 0x0d;

const DEFAULT_ID_KEYS = ['task_id', 'id'] as const;

function isSpace(c: number | undefined): boolean {
  return c === 0x20 || c === NEWLINE || c === RETURN || c === 0x09;
}

/** Scans a whole page body. @throws PageBodyError when its structure is broken. */
export function scanPage(body: Buffer, shape: PageShape): ScannedPage {
  return new Scanner(body, shape).page();
}

class Scanner {
  private i = 0;
  private readonly items: Buffer[] = [];
  private readonly ids: (string | undefined)[] = [];
  private nextToken: string | null = null;
  private readonly idKeys: readonly Buffer[];

  constructor(
    private readonly b: Buffer,
    private readonly shape: PageShape,
  ) {
    this.idKeys = (shape.idKeys ?? DEFAULT_ID_KEYS).map((key) => Buffer.from(JSON.stringify(key), 'utf8'));
  }

  page(): ScannedPage {
    this.space();
    if (this.shape.itemsKey === null) {
      this.itemArray();
    } else {
      this.topObject(this.shape.itemsKey);
    }
    this.space();
    if (this.i !== this.b.length) throw this.broken(this.i > this.b.length ? 'it ends early' : 'there is more after the end of the JSON');
    return { items: this.items, ids: this.ids, nextToken: this.nextToken, bytes: this.b.length };
  }

  private topObject(itemsKey: string): void {
    if (this.b[this.i] !== OPEN_OBJECT) throw this.broken(this.b[this.i] === 0x3c ? 'it is HTML, not JSON' : 'it is not a JSON object');
    this.i++;
    let sawItems = false;
    this.space();
    if (this.b[this.i] === CLOSE_OBJECT) {
      this.i++;
    } else {
      for (;;) {
        this.space();
        if (this.b[this.i] !== QUOTE) throw this.broken('a key is missing');
        const keyStart = this.i;
        this.i = this.stringEnd(this.i);
        const key = this.decode(keyStart, this.i);
        this.space();
        if (this.b[this.i] !== COLON) throw this.broken('a colon is missing');
        this.i++;
        this.space();
        if (key === itemsKey) {
          this.itemArray();
          sawItems = true;
        } else if (key === this.shape.tokenKey) {
          this.token();
        } else {
          this.i = this.valueEnd(this.i);
        }
        this.space();
        const c = this.b[this.i++];
        if (c === CLOSE_OBJECT) break;
        if (c !== COMMA) throw this.broken(c === undefined ? 'it ends early' : 'a comma is missing');
      }
    }
    if (!sawItems) throw this.broken(`it has no “${itemsKey}” list`);
  }

  private token(): void {
    const c = this.b[this.i];
    if (c === QUOTE) {
      const start = this.i;
      this.i = this.stringEnd(this.i);
      const token = this.decode(start, this.i);
      this.nextToken = token === '' ? null : token;
    } else if (this.b.toString('latin1', this.i, this.i + 4) === 'null') {
      this.i += 4;
    } else {
      throw this.broken('its page token is neither text nor null');
    }
  }

  private itemArray(): void {
    if (this.b[this.i] !== OPEN_ARRAY) throw this.broken('the task list is not an array');
    this.i++;
    this.space();
    if (this.b[this.i] === CLOSE_ARRAY) {
      this.i++;
      return;
    }
    for (;;) {
      this.space();
      const start = this.i;
      if (this.b[start] !== OPEN_OBJECT) throw this.broken(`item ${this.items.length + 1} is not an object`);
      const { end, id } = this.item(start);
      const bytes = this.b.subarray(start, end);
      // A raw line break would split the task over two lines of the file (and is not valid JSON).
      if (bytes.indexOf(NEWLINE) !== -1 || bytes.indexOf(RETURN) !== -1) {
        throw this.broken(`item ${this.items.length + 1} holds a raw line break`);
      }
      this.items.push(bytes);
      this.ids.push(id);
      this.i = end;
      this.space();
      const c = this.b[this.i++];
      if (c === CLOSE_ARRAY) return;
      if (c !== COMMA) throw this.broken(c === undefined ? 'it ends early' : 'a comma is missing between items');
    }
  }

  /** An item object: its end, and the string value of its first id key at its top level. */
  private item(start: number): { end: number; id: string | undefined } {
    const { b } = this;
    const closers: number[] = [];
    let expectKey = false;
    let captureKey = -1;
    let best = Number.POSITIVE_INFINITY;
    let id: string | undefined;
    for (let i = start; i < b.length; i++) {
      const c = b[i] as number;
      if (c === QUOTE) {
        const end = this.stringEnd(i);
        if (closers.length === 1) {
          if (expectKey) {
            captureKey = this.idKeyIndex(i, end);
            expectKey = false;
          } else if (captureKey !== -1) {
            if (captureKey < best) {
              best = captureKey;
              id = this.decode(i, end);
            }
            captureKey = -1;
          }
        }
        i = end - 1;
      } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        closers.push(c === OPEN_OBJECT ? CLOSE_OBJECT : CLOSE_ARRAY);
        if (closers.length === 1) expectKey = true;
        else if (closers.length === 2) captureKey = -1;
      } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        if (closers.pop() !== c) throw this.broken('its brackets do not match');
        if (closers.length === 0) return { end: i + 1, id };
      } else if (c === COMMA && closers.length === 1) {
        expectKey = true;
        captureKey = -1;
      }
    }
    throw this.broken('it ends early');
  }

  /** Index of the id key the string at [start, end) is (exact bytes), or -1. */
  private idKeyIndex(start: number, end: number): number {
    for (let k = 0; k < this.idKeys.length; k++) {
      const key = this.idKeys[k] as Buffer;
      if (key.length === end - start && this.b.compare(key, 0, key.length, start, end) === 0) return k;
    }
    return -1;
  }

  /** The end (exclusive) of the value starting at `start`. */
  private valueEnd(start: number): number {
    const c = this.b[start];
    if (c === QUOTE) return this.stringEnd(start);
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      const closers: number[] = [];
      for (let i = start; i < this.b.length; i++) {
        const d = this.b[i] as number;
        if (d === QUOTE) i = this.stringEnd(i) - 1;
        else if (d === OPEN_OBJECT) closers.push(CLOSE_OBJECT);
        else if (d === OPEN_ARRAY) closers.push(CLOSE_ARRAY);
        else if (d === CLOSE_OBJECT || d === CLOSE_ARRAY) {
          if (closers.pop() !== d) throw this.broken('its brackets do not match');
          if (closers.length === 0) return i + 1;
        }
      }
      throw this.broken('it ends early');
    }
    // A number or literal: up to the next delimiter.
    let i = start;
    while (i < this.b.length) {
      const d = this.b[i];
      if (d === COMMA || d === CLOSE_OBJECT || d === CLOSE_ARRAY || isSpace(d)) break;
      i++;
    }
    if (i === start || !/^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)$/.test(this.b.toString('latin1', start, i))) {
      throw this.broken('a value is not JSON');
    }
    return i;
  }

  /** The end (exclusive, after the closing quote) of the string starting at `start`. */
  private stringEnd(start: number): number {
    const { b } = this;
    let from = start + 1;
    for (;;) {
      const quote = b.indexOf(QUOTE, from);
      if (quote === -1) throw this.broken('it ends early');
      let backslashes = 0;
      for (let k = quote - 1; b[k] === BACKSLASH; k--) backslashes++;
      if (backslashes % 2 === 0) return quote + 1;
      from = quote + 1;
    }
  }

  private decode(start: number, end: number): string {
    const raw = this.b.subarray(start, end);
    if (raw.indexOf(BACKSLASH) === -1) return raw.toString('utf8', 1, raw.length - 1);
    try {
      return JSON.parse(raw.toString('utf8')) as string;
    } catch {
      throw this.broken('a string is not valid JSON');
    }
  }

  private space(): void {
    while (isSpace(this.b[this.i])) this.i++;
  }

  private broken(why: string): PageBodyError {
    return new PageBodyError(`the body is not a valid page (${why}; ${formatNumber(this.b.length)} bytes)`);
  }
}
