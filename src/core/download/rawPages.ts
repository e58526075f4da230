/**
 * Pages as bytes: a plan that can fetch its pages raw (`RawPageSource`) has each task written
 * exactly as the server sent it. A plan without it still works: its parsed tasks are serialised
 * with `JSON.stringify` (key order kept), as before. The engine only ever sees `RawPage`s.
 */
import type { CallOptions, HttpClient, QueryParams } from '../http/client';
import { describeEndpoint, InvalidResponseError } from '../http/errors';
import type { DownloadPlan } from '../platform/platform';
import { ServerFaultError, taskIdOf } from './guards';
import { collectBody, DEFAULT_MAX_PAGE_BYTES, PageBodyError, type BodyBuffers } from './pageBody';
import { scanPage, type PageShape } from './pageScanner';

export interface RawPage {
  /** Each task's bytes as sent (no newline); views of a pooled buffer until `release()`. */
  readonly items: readonly Buffer[];
  /** Each task's id, undefined when it has none. */
  readonly ids: readonly (string | undefined)[];
  readonly nextToken: string | null;
  /** Hands the page's buffer back to the pool; `items` must not be used after. */
  release?(): void;
}

/** The engine's call options for a page: where to collect the body. */
export interface PageCall extends CallOptions {
  readonly buffers?: BodyBuffers;
}

export interface RawPageSource {
  fetchRawPage(token: string | undefined, call: PageCall): Promise<RawPage>;
}

export function hasRawPages(plan: DownloadPlan): plan is DownloadPlan & RawPageSource {
  return typeof (plan as Partial<RawPageSource>).fetchRawPage === 'function';
}

/** One page of a plan, raw when it can be. */
export async function fetchRaw(plan: DownloadPlan, token: string | undefined, call: PageCall): Promise<RawPage> {
  if (hasRawPages(plan)) return plan.fetchRawPage(token, call);
  const page = await plan.fetchPage(token, call);
  return {
    items: page.tasks.map((task) => Buffer.from(JSON.stringify(task) ?? 'null', 'utf8')),
    ids: page.tasks.map(taskIdOf),
    nextToken: page.nextToken,
  };
}

export interface StreamedPageOptions {
  readonly shape: PageShape;
  readonly maxBytes?: number;
  /** For APIs that page through headers (Livepeer's `Link`): the next token from the headers. */
  readonly tokenFromHeaders?: (header: (name: string) => string | null, itemCount: number) => string | null;
}

/**
 * GETs one page through `http` and scans it without parsing: the body streams in under a size cap
 * and an idle timeout (`call.timeoutMs`), then its structure is checked and its tasks sliced out.
 * A broken body is an `InvalidResponseError` (retried); one over the cap is final.
 */
export function streamedPage(
  http: HttpClient,
  path: string,
  query: QueryParams,
  call: PageCall,
  options: StreamedPageOptions,
): Promise<RawPage> {
  const pool = call.buffers;
  return http.getStreamed(path, query, call, async (chunks, header, endpoint) => {
    let buffer: Buffer | undefined;
    try {
      const collected = await collectBody(chunks, options.maxBytes ?? DEFAULT_MAX_PAGE_BYTES, pool);
      buffer = collected.buffer;
      const page = scanPage(collected.body, options.shape);
      const nextToken = options.tokenFromHeaders ? options.tokenFromHeaders(header, page.items.length) : page.nextToken;
      const release = pool ? () => pool.give(collected.buffer) : undefined;
      return { items: page.items, ids: page.ids, nextToken, release };
    } catch (error) {
      if (buffer) pool?.give(buffer);
      if (!(error instanceof PageBodyError)) throw error;
      const message = `${describeEndpoint(endpoint)} answered with a body that cannot be used: ${error.message}.`;
      throw error.final ? new ServerFaultError(message, { endpoint }) : new InvalidResponseError(message, { endpoint });
    }
  });
}
