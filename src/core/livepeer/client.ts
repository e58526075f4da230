/**
 * Read-only client for Livepeer Studio tasks and assets. The task list pages through the `Link`
 * header (never a body field) and has no server-side phase filter, so phase filtering happens here,
 * over as many server pages as it takes. The one write is `retryTask`, sent once and never repeated.
 *
 * Objects are returned exactly as `JSON.parse` produced them (nothing renamed or dropped), which is
 * what the JSON tabs and downloads rely on.
 */
import { describeEndpoint, InvalidResponseError, NetworkError, ServerError, TimeoutError, type Endpoint } from '../http/errors';
import type { CallOptions, HttpClient } from '../http/client';
import { MAX_LIMIT, nextCursorFromLink, taskListParams, totalCountOf, type TaskListQuery } from './queries';
import type { Asset, Task } from './types';

export interface TaskPage {
  readonly items: Task[];
  /** Cursor of the next page; null at the end (no `Link`, `cursor=undefined`, or an empty page). */
  readonly nextCursor: string | null;
  /** `X-Total-Count` when `count` was asked for (server-side filters only); else null. */
  readonly totalCount: number | null;
}

export interface PhaseFilter {
  /** Keep only tasks whose `status.phase` is one of these (empty or absent: keep all). */
  readonly phases?: readonly string[];
}

export interface MatchingOptions extends PhaseFilter {
  /** Stop once at least this many tasks matched. */
  readonly want: number;
  /**
   * Stop after this many server pages even if fewer matched, so one "Load more" on a rare phase
   * stays quick; the returned cursor continues the scan. Default 10.
   */
  readonly maxPages?: number;
}

export interface MatchingPage extends TaskPage {
  /** Tasks read from the server to find `items` (for "scanned N" hints). */
  readonly scanned: number;
}

/** Server page size while filtering by phase: large, because most rows may be dropped. */
const SCAN_PAGE_SIZE = 100;

export class LivepeerClient {
  constructor(readonly http: HttpClient) {}

  /** One page of `GET /task`. */
  async listTasks(query: TaskListQuery = {}, call?: CallOptions): Promise<TaskPage> {
    const endpoint = this.http.endpointFor('/task');
    const response = await this.http.getJsonWithHeaders('/task', taskListParams(query), call);
    const items = expectObjectArray<Task>(response.body, endpoint);
    const nextCursor = items.length === 0 ? null : nextCursorFromLink(response.header('link'));
    return { items, nextCursor, totalCount: totalCountOf(response.header('x-total-count')) };
  }

  /**
   * Pages from `query.cursor` until at least `want` tasks match the phase filter, the list ends, or
   * `maxPages` were read. Whole server pages are kept, so `items` may exceed `want`; nothing is
   * skipped, because the returned cursor points after the last page read (cursors are opaque and
   * cannot point into the middle of a page).
   */
  async listMatchingTasks(query: TaskListQuery, options: MatchingOptions, call?: CallOptions): Promise<MatchingPage> {
    const match = phaseMatcher(options.phases);
    if (!match) {
      const page = await this.listTasks({ ...query, limit: query.limit ?? options.want }, call);
      return { ...page, scanned: page.items.length };
    }
    const limit = Math.min(MAX_LIMIT, Math.max(query.limit ?? 0, options.want, SCAN_PAGE_SIZE));
    const maxPages = Math.max(1, options.maxPages ?? 10);
    const items: Task[] = [];
    let cursor = query.cursor;
    let scanned = 0;
    for (let pages = 1; ; pages++) {
      const page = await this.listTasks({ ...query, limit, cursor, count: false }, call);
      scanned += page.items.length;
      items.push(...page.items.filter(match));
      if (page.nextCursor === null) return { items, nextCursor: null, totalCount: null, scanned };
      if (page.nextCursor === cursor) throw repeatedCursor(this.http.endpointFor('/task'));
      cursor = page.nextCursor;
      if (items.length >= options.want || pages >= maxPages) return { items, nextCursor: cursor, totalCount: null, scanned };
    }
  }

  /** Every page from `query.cursor` to the end (phase-filtered when asked); empty filtered pages are yielded too. */
  async *iterateTaskPages(
    query: TaskListQuery = {},
    filter: PhaseFilter = {},
    call?: CallOptions,
  ): AsyncGenerator<TaskPage, void, undefined> {
    const match = phaseMatcher(filter.phases);
    let cursor = query.cursor;
    for (;;) {
      const page = await this.listTasks({ ...query, cursor, count: query.count && cursor === query.cursor }, call);
      yield match ? { ...page, items: page.items.filter(match) } : page;
      if (page.nextCursor === null) return;
      if (page.nextCursor === cursor) throw repeatedCursor(this.http.endpointFor('/task'));
      cursor = page.nextCursor;
    }
  }

  /**
   * Every task, fetched page by page as the consumer gets there. Paging is offset-based, so a task
   * updated or created meanwhile can shift into a second page; ids already yielded are skipped.
   */
  async *iterateTasks(query: TaskListQuery = {}, filter: PhaseFilter = {}, call?: CallOptions): AsyncGenerator<Task, void, undefined> {
    const seen = new Set<string>();
    for await (const page of this.iterateTaskPages({ limit: 100, ...query }, filter, call)) {
      for (const task of page.items) {
        if (typeof task.id === 'string') {
          if (seen.has(task.id)) continue;
          seen.add(task.id);
        }
        yield task;
      }
    }
  }

  async getTask(taskId: string, call?: CallOptions): Promise<Task> {
    const path = `/task/${encodeURIComponent(taskId)}`;
    return expectObjectWithId<Task>(await this.http.getJson(path, {}, call), this.http.endpointFor(path));
  }

  /**
   * `POST /task/{id}/retry` (reference §2.4): served by Studio but not in its published API, and
   * only for failed or cancelled tasks. Sent once, never retried; a refusal (400 “task is not in a
   * retryable state”, 403, 404) comes back with the server's own words.
   */
  async retryTask(taskId: string, call?: CallOptions): Promise<{ id: string }> {
    const path = `/task/${encodeURIComponent(taskId)}/retry`;
    try {
      const body = await this.http.postOnce(path, call);
      const id =
        typeof body === 'object' && body !== null && typeof (body as { id?: unknown }).id === 'string'
          ? (body as { id: string }).id
          : taskId;
      return { id };
    } catch (error) {
      if (error instanceof NetworkError || error instanceof TimeoutError || error instanceof ServerError) {
        // The request may have reached the server before the answer was lost.
        error.message = `${error.message} The retry may or may not have been applied: refresh the task to see its phase before trying again.`;
      }
      throw error;
    }
  }

  /** One asset; `details` adds `videoSpec.tracks` (codec, resolution, fps). */
  async getAsset(assetId: string, options: { readonly details?: boolean } = {}, call?: CallOptions): Promise<Asset> {
    const path = `/asset/${encodeURIComponent(assetId)}`;
    const body = await this.http.getJson(path, { details: options.details ? 1 : undefined }, call);
    return expectObjectWithId<Asset>(body, this.http.endpointFor(path));
  }
}

/** A predicate for `status.phase`, or undefined when every phase passes. */
export function phaseMatcher(phases: readonly string[] | undefined): ((task: Task) => boolean) | undefined {
  const wanted = new Set((phases ?? []).filter(Boolean));
  if (wanted.size === 0) return undefined;
  return (task) => typeof task.status?.phase === 'string' && wanted.has(task.status.phase);
}

function invalid(endpoint: Endpoint, problem: string): InvalidResponseError {
  return new InvalidResponseError(
    `Unexpected response from ${describeEndpoint(endpoint)}: ${problem} — check that the base URL points at the Livepeer Studio API (its URL ends in /api).`,
    { endpoint },
  );
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

function expectObjectArray<T>(body: unknown, endpoint: Endpoint): T[] {
  if (!Array.isArray(body)) throw invalid(endpoint, `the body should be a JSON array of tasks but is ${jsonType(body)}`);
  const bad = body.findIndex((item) => typeof item !== 'object' || item === null || Array.isArray(item));
  if (bad !== -1) throw invalid(endpoint, `item ${bad} should be an object but is ${jsonType(body[bad])}`);
  return body as T[];
}

function expectObjectWithId<T>(body: unknown, endpoint: Endpoint): T {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw invalid(endpoint, `the body should be a JSON object but is ${jsonType(body)}`);
  if (typeof (body as { id?: unknown }).id !== 'string') throw invalid(endpoint, '“id” should be a string');
  return body as T;
}

function repeatedCursor(endpoint: Endpoint): InvalidResponseError {
  // Following the same cursor again would repeat the same page forever and look like a hang.
  return invalid(endpoint, 'the server sent the same next-page cursor twice in a row');
}
