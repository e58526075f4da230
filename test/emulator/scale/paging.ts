/**
 * Scale-style paging: `limit` 1..100 (else 400), opaque base64url `next_token`s bound to the query's
 * filters, and refusal of expired tokens when that fault is on. Tokens decode to `{"skip":N,…}`
 * like the docs' example, but clients must treat them as opaque.
 */
import { RouteError, type RouteContext } from '../router';
import { hashString } from './random';

export const MAX_LIMIT = 100;
/** How far one request scans a filtered sequence before answering with a (possibly empty) page. */
const SCAN_BUDGET = 20_000;

interface TokenPayload {
  readonly skip: number;
  readonly iat: number;
  readonly f: number;
}

export function parseLimit(query: URLSearchParams): number {
  const raw = query.get('limit');
  if (raw === null) return MAX_LIMIT;
  const limit = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new RouteError(400, `limit must be an integer between 1 and ${MAX_LIMIT}, got "${raw.slice(0, 20)}"`);
  }
  return limit;
}

/** Tokens are valid only for the same filters (paging and presentation keys excluded). */
function fingerprint(query: URLSearchParams): number {
  const ignored = new Set(['next_token', 'limit', 'expand', 'opts']);
  const pairs = [...query].filter(([key]) => !ignored.has(key)).sort(([a], [b]) => a.localeCompare(b));
  return hashString(JSON.stringify(pairs));
}

export function startOffset(query: URLSearchParams, context: RouteContext): number {
  const token = query.get('next_token');
  if (token === null || token === '') return 0;
  let payload: TokenPayload;
  try {
    payload = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as TokenPayload;
  } catch {
    throw new RouteError(400, 'next_token is malformed');
  }
  if (typeof payload.skip !== 'number' || typeof payload.iat !== 'number' || payload.skip < 0)
    throw new RouteError(400, 'next_token is malformed');
  if (payload.f !== fingerprint(query)) throw new RouteError(400, 'next_token does not belong to this query (filters changed)');
  if (context.tokenExpired(payload.iat)) throw new RouteError(400, 'next_token expired, restart the listing from the first page');
  return payload.skip;
}

function makeToken(skip: number, query: URLSearchParams): string {
  const payload: TokenPayload = { skip, iat: Date.now(), f: fingerprint(query) };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

export interface PageSlice {
  readonly indices: number[];
  /** Token for the next page, absent on the last one. */
  readonly nextToken: string | undefined;
}

/**
 * Picks the next page of a lazy sequence of `length` items, keeping those `include` accepts. A
 * sparse filter may yield a short or empty page that still has a token, as real servers do.
 */
export function pageOf(
  query: URLSearchParams,
  context: RouteContext,
  length: number,
  include: (index: number) => boolean = () => true,
): PageSlice {
  const limit = parseLimit(query);
  let cursor = startOffset(query, context);
  const indices: number[] = [];
  const scanEnd = Math.min(length, cursor + SCAN_BUDGET);
  while (cursor < scanEnd && indices.length < limit) {
    if (include(cursor)) indices.push(cursor);
    cursor++;
  }
  let more = cursor < length;
  if (more && indices.length === limit) {
    // Like the real API, do not hand out a token that leads to an empty last page when we can tell.
    let probe = cursor;
    while (probe < Math.min(length, cursor + SCAN_BUDGET) && !include(probe)) probe++;
    more = probe < length;
  }
  return { indices, nextToken: more ? makeToken(cursor, query) : undefined };
}
