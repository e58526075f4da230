/**
 * Query building and `Link` parsing for `GET /task` (reference §2.2). The list endpoint documents no
 * parameters; these follow the server code: `limit`, `cursor`, `order`, `filters` (JSON) and `count`.
 */
import type { QueryParams } from '../http/client';

/** Fields the server can filter and sort on (`updatedAt` means `status.updatedAt`). */
export type TaskField = 'id' | 'name' | 'createdAt' | 'updatedAt' | 'userId' | 'type' | 'inputAssetId' | 'outputAssetId' | 'projectId';

/** A number is an equality test. `eq` is deliberately absent: the server's `eq` branch is broken. */
export type TimeFilter = number | { readonly gt?: number; readonly gte?: number; readonly lt?: number; readonly lte?: number };

/** Server-side filters. There is no phase filter on the server; see `TaskListQuery.phases`. */
export interface TaskFilters {
  readonly type?: string;
  readonly id?: string;
  readonly inputAssetId?: string;
  readonly outputAssetId?: string;
  readonly createdAt?: TimeFilter;
  readonly updatedAt?: TimeFilter;
}

export interface TaskOrder {
  readonly field: TaskField;
  readonly descending: boolean;
}

export interface TaskListQuery {
  /** 1–1000 (the server caps at 1000 and falls back to 20 for nonsense). Default 20. */
  readonly limit?: number;
  /** Taken from a previous page's `nextCursor`; never built by hand. */
  readonly cursor?: string;
  readonly filters?: TaskFilters;
  /** Default newest-created first, which shifts less while paging than the server's last-updated order. */
  readonly order?: readonly TaskOrder[];
  /** Ask for `X-Total-Count` (counts the server-side filters only). */
  readonly count?: boolean;
}

export const MAX_LIMIT = 1000;
export const DEFAULT_LIMIT = 20;
export const DEFAULT_ORDER: readonly TaskOrder[] = [{ field: 'createdAt', descending: true }];

/** The wire query for one page. */
export function taskListParams(query: TaskListQuery): QueryParams {
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(query.limit ?? DEFAULT_LIMIT)));
  const order = (query.order ?? DEFAULT_ORDER).map((o) => `${o.field}-${o.descending}`).join(',');
  const filters = filtersParam(query.filters);
  return {
    limit,
    order: order || undefined,
    filters,
    cursor: query.cursor,
    // Any non-empty value switches counting on (even `false`), so leave the key out entirely when off.
    count: query.count ? 1 : undefined,
  };
}

/**
 * `filters` as the server reads it: a JSON array of `{id, value}`. The server URI-decodes the value a
 * second time after Express has, so `%` is pre-encoded here; without that, a literal `%` in a value
 * would be misread (or rejected as malformed).
 */
export function filtersParam(filters: TaskFilters | undefined): string | undefined {
  if (!filters) return undefined;
  const entries: Array<{ id: string; value: unknown }> = [];
  for (const [id, value] of Object.entries(filters) as Array<[keyof TaskFilters, TaskFilters[keyof TaskFilters]]>) {
    if (value === undefined || value === null || value === '') continue;
    entries.push({ id, value: typeof value === 'object' ? withoutUndefined(value) : value });
  }
  return entries.length ? JSON.stringify(entries).replace(/%/g, '%25') : undefined;
}

function withoutUndefined(range: Exclude<TimeFilter, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of ['gt', 'gte', 'lt', 'lte'] as const) {
    const bound = range[key];
    if (typeof bound === 'number') out[key] = bound;
  }
  return out;
}

const CURSOR_END = 'undefined';

/**
 * The next page's cursor from a `Link` header, or null at the end. Only the `cursor` value is taken:
 * the URL's scheme and host are whatever the server saw (possibly an internal host behind a proxy),
 * so the caller rebuilds the request from its own base URL. The literal `undefined` is the task
 * list's way of saying "no next page" (it adds the header to every non-empty page).
 */
export function nextCursorFromLink(link: string | null): string | null {
  if (!link) return null;
  for (const part of splitLinks(link)) {
    const match = /^\s*<([^>]*)>(.*)$/s.exec(part);
    if (!match) continue;
    const [, target = '', params = ''] = match;
    if (!/;\s*rel\s*=\s*"?[^";]*\bnext\b/i.test(params)) continue;
    const cursor = cursorOf(target);
    return cursor === null || cursor === '' || cursor === CURSOR_END ? null : cursor;
  }
  return null;
}

/** Splits on the commas between link values, not the ones inside `<…>`. */
function splitLinks(header: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < header.length; i++) {
    const ch = header[i];
    if (ch === '<') depth++;
    else if (ch === '>') depth = Math.max(0, depth - 1);
    else if (ch === ',' && depth === 0) {
      parts.push(header.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(header.slice(start));
  return parts;
}

function cursorOf(target: string): string | null {
  try {
    // A relative or odd target still has a query string worth reading; the base is never used.
    return new URL(target, 'http://link.invalid').searchParams.get('cursor');
  } catch {
    const raw = /[?&]cursor=([^&#]*)/.exec(target)?.[1];
    if (raw === undefined) return null;
    try {
      return decodeURIComponent(raw.replace(/\+/g, ' '));
    } catch {
      return raw;
    }
  }
}

/** `X-Total-Count` as a number, or null when absent or not a count. */
export function totalCountOf(header: string | null): number | null {
  if (header === null || !/^\s*\d+\s*$/.test(header)) return null;
  const value = Number(header);
  return Number.isSafeInteger(value) ? value : null;
}
