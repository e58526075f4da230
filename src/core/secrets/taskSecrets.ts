/**
 * Credentials a task carries, removed before a task is shown, printed or written. The Scale
 * reference says a workspace container's `workspace_token` must never be logged or persisted; it
 * is replaced by a marker that says it was removed (so a reader knows a value existed), unless the
 * person asks to keep it (`--keep-secrets`, the `taskLens.keepSecrets` setting, or Reveal in the
 * task view).
 *
 * Two forms of the same rule: over a parsed task (the editor, the CLI's `task`) and over one task's
 * JSON text (downloads, which pass the server's bytes through: every other byte stays as it was).
 */

import { hasRawPages, type PageCall, type RawPage } from '../download/rawPages';
import type { DownloadPlan } from '../platform/platform';

/** Fields whose string value is a credential, wherever they occur in a task. */
export const SECRET_FIELDS: ReadonlySet<string> = new Set(['workspace_token']);

/** What a removed value is replaced by. */
export const REDACTED_MARKER = '[redacted by Task Lens]';

/**
 * `value` with every secret field's string replaced by the marker. Returns `value` itself when
 * there is nothing to remove; otherwise a copy (the input is never modified).
 */
export function redactTaskSecrets<T>(value: T): T {
  return redactValue(value, 0) as T;
}

const MAX_DEPTH = 200;

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const redacted = redactValue(item, depth + 1);
      if (redacted !== item) (copy ??= [...value])[i] = redacted;
    });
    return copy ?? value;
  }
  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(record)) {
    const item = record[key];
    const redacted =
      SECRET_FIELDS.has(key) && typeof item === 'string' && item !== REDACTED_MARKER ? REDACTED_MARKER : redactValue(item, depth + 1);
    if (redacted !== item) {
      // Object spread keeps key order; defineProperty keeps a `__proto__` key an own property.
      copy ??= { ...record };
      Object.defineProperty(copy, key, { value: redacted, enumerable: true, writable: true, configurable: true });
    }
  }
  return copy ?? value;
}

/**
 * One task's JSON text with every secret field's string value replaced by the marker; all other
 * characters are kept exactly (spacing, key order, number spelling). Text that is not JSON is
 * scanned the same way and never made longer than the replacements.
 */
export function redactTaskSecretsInJson(text: string): string {
  // Fast path: no field name, spelled plainly or with escapes, so nothing to do.
  if (![...SECRET_FIELDS].some((field) => text.includes(field)) && !text.includes('\\u')) return text;
  const out: string[] = [];
  let copiedTo = 0;
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '"') {
      i++;
      continue;
    }
    const keyEnd = stringEnd(text, i);
    if (keyEnd < 0) break;
    let j = skipSpace(text, keyEnd);
    if (text[j] === ':' && SECRET_FIELDS.has(decodeString(text.slice(i, keyEnd)))) {
      j = skipSpace(text, j + 1);
      if (text[j] === '"') {
        const valueEnd = stringEnd(text, j);
        if (valueEnd < 0) break;
        out.push(text.slice(copiedTo, j), JSON.stringify(REDACTED_MARKER));
        copiedTo = valueEnd;
        i = valueEnd;
        continue;
      }
    }
    i = keyEnd;
  }
  if (copiedTo === 0) return text;
  out.push(text.slice(copiedTo));
  return out.join('');
}

/** Index just past the string starting at `start` (a `"`), or -1 when it never ends. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') return i + 1;
  }
  return -1;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  return i;
}

function decodeString(token: string): string {
  if (!token.includes('\\')) return token.slice(1, -1);
  try {
    return JSON.parse(token) as string;
  } catch {
    return token.slice(1, -1);
  }
}

/**
 * The plan a download runs: pages come back redacted, unless secrets are kept, which the manifest
 * records (`secrets: kept`) so a redacted partial file is never resumed into a kept one or back.
 * Parsed pages use the object form; raw pages (the server's bytes, passed through) the text form on
 * the few tasks that hold a secret field, so every other line stays the server's bytes exactly.
 */
export function planWithSecrets(plan: DownloadPlan, keepSecrets: boolean): DownloadPlan {
  const base = { folderName: plan.folderName, fileName: plan.fileName, expectedTotal: plan.expectedTotal };
  const raw = hasRawPages(plan) ? plan : undefined;
  if (keepSecrets) {
    return {
      ...base,
      source: { ...plan.source, secrets: 'kept' },
      fetchPage: (token, call) => plan.fetchPage(token, call),
      ...(raw ? { fetchRawPage: (token: string | undefined, call: PageCall) => raw.fetchRawPage(token, call) } : {}),
    };
  }
  return {
    ...base,
    source: plan.source,
    fetchPage: async (token, call) => {
      const page = await plan.fetchPage(token, call);
      return { ...page, tasks: page.tasks.map((task) => redactTaskSecrets(task)) };
    },
    ...(raw
      ? {
          fetchRawPage: async (token: string | undefined, call: PageCall): Promise<RawPage> => {
            const page = await raw.fetchRawPage(token, call);
            return { ...page, items: page.items.map(redactRawTask) };
          },
        }
      : {}),
  };
}

const RAW_MARKERS = [...[...SECRET_FIELDS].map((field) => Buffer.from(field, 'utf8')), Buffer.from('\\u', 'utf8')];

/** One task's bytes with its secrets redacted; the same buffer when it cannot hold one. */
function redactRawTask(item: Buffer): Buffer {
  if (!RAW_MARKERS.some((marker) => item.includes(marker))) return item;
  const text = item.toString('utf8');
  const redacted = redactTaskSecretsInJson(text);
  return redacted === text ? item : Buffer.from(redacted, 'utf8');
}
