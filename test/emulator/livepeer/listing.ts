/**
 * `GET /task` as the Studio server does it (reference §2.2), quirks included: `limit` falls back to
 * 20 and caps at 1000; `cursor` is `skip<N>` (anything else is read as "id greater than"); `order`
 * drops unknown entries; `filters` is JSON that is URI-decoded a second time, with a broken `eq`;
 * `count` (any non-empty value) adds `X-Total-Count` when rows come back; and `Link` is sent on every
 * non-empty page, with `cursor=undefined` when there is no next page and a real cursor after an
 * exactly-full last page.
 */
import type { Task } from '../../../src/core/livepeer/types';
import { RouteError } from '../router';

const FIELDS = ['id', 'name', 'createdAt', 'updatedAt', 'userId', 'type', 'inputAssetId', 'outputAssetId', 'projectId'] as const;
type Field = (typeof FIELDS)[number];
const EXACT: readonly Field[] = ['id', 'type', 'userId', 'inputAssetId', 'outputAssetId', 'projectId'];
const RANGE_OPS = ['gt', 'gte', 'lt', 'lte'] as const;
const DEFAULT_ORDER = 'updatedAt-true,createdAt-true';

function isField(value: unknown): value is Field {
  return typeof value === 'string' && (FIELDS as readonly string[]).includes(value);
}

function fieldValue(task: Task, field: Field): unknown {
  return field === 'updatedAt' ? task.status?.updatedAt : task[field];
}

export function parseLimit(raw: string | null): number {
  const value = Number.parseInt(raw ?? '', 10);
  if (!Number.isFinite(value) || value < 1) return 20;
  return Math.min(1000, value);
}

type Predicate = (task: Task) => boolean;

/** `filters` → one predicate; 400 `error parsing filters: …` on anything the server would refuse. */
export function parseFilters(raw: string | null): Predicate {
  if (raw === null || raw === '') return () => true;
  let list: unknown;
  try {
    list = JSON.parse(decodeURIComponent(raw));
  } catch (error) {
    throw new RouteError(400, `error parsing filters: ${String(error)}`);
  }
  if (!Array.isArray(list)) throw new RouteError(400, 'error parsing filters: filters must be an array');
  const predicates = list.map((item: unknown): Predicate => {
    const { id, value } = (typeof item === 'object' && item !== null ? item : {}) as { id?: unknown; value?: unknown };
    if (!isField(id)) throw new RouteError(400, `error parsing filters: unknown filter field ${JSON.stringify(id)}`);
    if (value === undefined) throw new RouteError(400, `error parsing filters: missing value for ${id}`);
    if (EXACT.includes(id)) return (task) => fieldValue(task, id) === value;
    if (id === 'name') return (task) => typeof task.name === 'string' && task.name.toLowerCase().includes(String(value).toLowerCase());
    if (typeof value === 'number') return (task) => fieldValue(task, id) === value;
    return rangePredicate(id, value);
  });
  return (task) => predicates.every((p) => p(task));
}

function rangePredicate(field: Field, value: unknown): Predicate {
  if (typeof value !== 'object' || value === null) throw new RouteError(400, `error parsing filters: invalid value for ${field}`);
  const checks: Array<(n: number) => boolean> = [];
  for (const [op, bound] of Object.entries(value)) {
    // `eq` is listed by the server but falls through into its error branch (a missing `break`).
    if (!(RANGE_OPS as readonly string[]).includes(op) || typeof bound !== 'number')
      throw new RouteError(400, `error parsing filters: unsupported operator ${op} for ${field}`);
    checks.push(op === 'gt' ? (n) => n > bound : op === 'gte' ? (n) => n >= bound : op === 'lt' ? (n) => n < bound : (n) => n <= bound);
  }
  return (task) => {
    const n = fieldValue(task, field);
    return typeof n === 'number' && checks.every((check) => check(n));
  };
}

/** `order` → comparator; unknown entries dropped, `id` ascending when none is valid. */
export function parseOrder(raw: string | null): (a: Task, b: Task) => number {
  const keys = (raw ?? DEFAULT_ORDER)
    .split(',')
    .map((part) => {
      const dash = part.lastIndexOf('-');
      const field = dash === -1 ? part : part.slice(0, dash);
      return isField(field) ? { field, descending: dash !== -1 && part.slice(dash + 1) === 'true' } : undefined;
    })
    .filter((key): key is { field: Field; descending: boolean } => key !== undefined);
  const order = keys.length ? keys : [{ field: 'id' as Field, descending: false }];
  return (a, b) => {
    for (const { field, descending } of order) {
      const diff = compare(fieldValue(a, field), fieldValue(b, field));
      if (diff !== 0) return descending ? -diff : diff;
    }
    return 0;
  };
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : 1;
}

export interface ListedPage {
  readonly rows: Task[];
  readonly total: number;
  /** The cursor the `Link` header carries: `skip<N>` after a full page, else the literal `undefined`. */
  readonly nextCursor: string;
}

export function listTasks(all: readonly Task[], query: URLSearchParams): ListedPage {
  const limit = parseLimit(query.get('limit'));
  const matches = all.filter(parseFilters(query.get('filters'))).sort(parseOrder(query.get('order')));
  const cursor = query.get('cursor') ?? '';
  const skip = /^skip(\d+)$/.exec(cursor);
  const offset = skip ? Number(skip[1]) : 0;
  // A cursor that is not `skip<N>` is an "id greater than" bound (no UUID is greater than "undefined").
  const bounded = cursor && !skip ? matches.filter((t) => String(t.id) > cursor) : matches;
  const rows = bounded.slice(offset, offset + limit);
  return { rows, total: matches.length, nextCursor: rows.length >= limit ? `skip${offset + limit}` : 'undefined' };
}

/** `<url>; rel="next"`: the request URL, from the origin the server believes in, with `cursor` replaced. */
export function linkHeader(origin: string, path: string, query: URLSearchParams, cursor: string): string {
  const url = new URL(path, origin);
  for (const [key, value] of query) url.searchParams.append(key, value);
  url.searchParams.set('cursor', cursor);
  return `<${url.href}>; rel="next"`;
}
