/**
 * Defensive readers for JSON the page did not produce. Every reader accepts `unknown` and
 * returns a value of the promised JS type or `undefined` — never throws, never returns a
 * prototype member (only own properties are read).
 */

export type Rec = Record<string, unknown>;

export function isRec(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function rec(v: unknown): Rec {
  return isRec(v) ? v : {};
}

export function own(o: unknown, key: string): unknown {
  return isRec(o) && Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

/** A string, or a finite number shown as a string (ids sometimes arrive as numbers). */
export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function bool(v: unknown): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}

export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function strs(v: unknown): string[] {
  const out: string[] = [];
  for (const x of arr(v)) {
    const s = str(x);
    if (s !== undefined) out.push(s);
  }
  return out;
}

/** A string field of an object. */
export function sget(o: unknown, key: string): string | undefined {
  return str(own(o, key));
}

export function nget(o: unknown, key: string): number | undefined {
  return num(own(o, key));
}

export function bget(o: unknown, key: string): boolean | undefined {
  return bool(own(o, key));
}

export function aget(o: unknown, key: string): unknown[] {
  return arr(own(o, key));
}

/** Short, single-line text for any JSON value (used where a scalar was expected). */
export function display(v: unknown): string {
  if (v === undefined) return '';
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

export function prettyJson(v: unknown): string {
  try {
    return JSON.stringify(v, null, 2) ?? String(v);
  } catch {
    return String(v);
  }
}
