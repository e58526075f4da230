/**
 * JSON-over-HTTP client shared by every platform: what each kind of request is (URL building,
 * Bearer auth, which statuses it accepts, how its answer is read, where credentials may go).
 * Sending it, with timeouts, cancellation and retries, is the retry loop's job (retryLoop.ts).
 * Platform clients sit on top and only know paths, parameters and response shapes.
 */
import { apiKeyProblem } from './apiKey';
import { BadRequestError, InvalidResponseError, isTaskLensError as isTaskLensErrorLike, scrubSecret, type Endpoint } from './errors';
import { abortableSleep, DEFAULT_RETRY_POLICY, type RetryPolicy, type Sleep } from './retry';
import { RetryLoop, type RequestSpec } from './retryLoop';
import type { HttpTransport } from './transport';
import { bodyChunks, readJson, readJsonWithHeaders, readOptionalJson, readRedirect, type ResponseReader } from './responseReaders';
import { TASK_LENS_VERSION } from '../version';

export type QueryScalar = string | number | boolean;
/** Arrays become repeated keys (`expand=project&expand=batch`); null and undefined are left out. */
export type QueryValue = QueryScalar | readonly QueryScalar[] | null | undefined;
export type QueryParams = Readonly<Record<string, QueryValue>>;

export interface CallOptions {
  readonly signal?: AbortSignal;
  /** Overrides the client's per-attempt timeout for this call. */
  readonly timeoutMs?: number;
}

/** A parsed JSON body plus case-insensitive access to the headers it came with. */
export interface JsonWithHeaders {
  readonly body: unknown;
  header(name: string): string | null;
}

export interface RetryEvent {
  readonly endpoint: Endpoint;
  /** The attempt that just failed (1-based). */
  readonly attempt: number;
  readonly delayMs: number;
  /** Short, secret-free reason, e.g. `503` or `ECONNRESET`. */
  readonly reason: string;
}

export interface HttpClientOptions {
  /** e.g. `https://api.scale.com`; a path prefix is kept. */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly transport: HttpTransport;
  readonly userAgent?: string;
  /** Per attempt, covering headers and body. Default 30 s. */
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** Completes "API key rejected (401) by … — <hint>". Defaults to the editor's command. */
  readonly authHint?: string;
  /** Said by every 404 instead of "check the id or name", e.g. a base URL without its `/api`. */
  readonly notFoundHint?: string;
  /** Injectable for tests (tiny or recorded waits). */
  readonly sleep?: Sleep;
  /** Injectable for tests (deterministic jitter). */
  readonly random?: () => number;
  /** Called before each retry wait, e.g. to log it. */
  readonly onRetry?: (event: RetryEvent) => void;
}

export const DEFAULT_AUTH_HINT = 'set a new key with “Task Lens: Set API Key”';
export const DEFAULT_TIMEOUT_MS = 30_000;
export { MAX_TIMEOUT_MS } from './retryLoop';

/**
 * Consumes a streamed 2xx body for `getStreamed`. Throwing an `InvalidResponseError` makes the
 * attempt an unreadable body (retried like one, unless the error has `final: true`); any other
 * error while reading counts as a broken connection.
 */
export type BodyConsumer<T> = (
  chunks: AsyncIterable<Uint8Array>,
  header: (name: string) => string | null,
  endpoint: Endpoint,
) => Promise<T>;

/** A response handed to `streamUrl`'s consumer: 2xx or 3xx, with its body as raw chunks. */
export interface StreamedResponse {
  readonly status: number;
  header(name: string): string | null;
  readonly chunks: AsyncIterable<Uint8Array>;
}

export interface StreamUrlOptions extends CallOptions {
  /** Extra request headers (`Range`, `If-Range`, …). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Send the API key, if the URL is on this client's origin. */
  readonly credentials: boolean;
}

const isSuccessStatus = (status: number): boolean => status >= 200 && status < 300;
const isRedirectStatus = (status: number): boolean => status >= 300 && status < 400;

export class HttpClient {
  private readonly base: URL;
  private readonly headers: Readonly<Record<string, string>>;
  private readonly loop: RetryLoop;

  constructor(private readonly options: HttpClientOptions) {
    this.base = parseBaseUrl(options.baseUrl);
    // A key a header cannot carry is refused by the transport before anything is sent; say so here.
    const keyProblem = apiKeyProblem(options.apiKey);
    if (keyProblem) throw new BadRequestError(keyProblem);
    this.headers = {
      Authorization: `Bearer ${options.apiKey}`,
      Accept: 'application/json',
      'User-Agent': options.userAgent ?? `task-lens/${TASK_LENS_VERSION}`,
    };
    this.loop = new RetryLoop({
      transport: options.transport,
      apiKey: options.apiKey,
      policy: { ...DEFAULT_RETRY_POLICY, ...options.retry },
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      authHint: options.authHint ?? DEFAULT_AUTH_HINT,
      notFoundHint: options.notFoundHint,
      sleep: options.sleep ?? abortableSleep,
      random: options.random ?? Math.random,
      onRetry: options.onRetry,
    });
  }

  /** The origin requests go to, for display (never includes credentials). */
  get origin(): string {
    return this.base.origin;
  }

  /** Full URL for a path and query; arrays become repeated keys. */
  buildUrl(path: string, query: QueryParams = {}): URL {
    const url = new URL(this.base.href);
    url.pathname = `${this.base.pathname.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined || value === null) continue;
      const values: readonly QueryScalar[] = Array.isArray(value) ? value : [value as QueryScalar];
      for (const item of values) url.searchParams.append(key, String(item));
    }
    return url;
  }

  /** How errors name a request to `path` (for callers that validate what came back). */
  endpointFor(path: string, method = 'GET'): Endpoint {
    const url = this.buildUrl(path);
    return { method, path: url.pathname, origin: url.origin };
  }

  /** GET a JSON document. Resolves to `JSON.parse` of the body, untouched (key order preserved). */
  getJson(path: string, query?: QueryParams, call: CallOptions = {}): Promise<unknown> {
    return this.execute(path, query, call, 'follow', readJson);
  }

  /**
   * GET a JSON document together with the response headers, for APIs that page or count through
   * headers (Livepeer's `Link` and `X-Total-Count`). Same retries and errors as `getJson`.
   */
  getJsonWithHeaders(path: string, query?: QueryParams, call: CallOptions = {}): Promise<JsonWithHeaders> {
    return this.execute(path, query, call, 'follow', readJsonWithHeaders);
  }
  /**
   * GET a body and hand its raw bytes, as they arrive, to `consume` (pass-through downloads). The
   * timeout is an idle timeout here: it restarts with every chunk. Same retries and errors as
   * `getJson`.
   */
  getStreamed<T>(path: string, query: QueryParams | undefined, call: CallOptions, consume: BodyConsumer<T>): Promise<T> {
    return this.execute(path, query, call, 'follow', async (response, endpoint, _attempt, activity) => {
      try {
        return { ok: true, value: await consume(bodyChunks(response, activity), (name) => response.header(name), endpoint) };
      } catch (error) {
        await response.discard().catch(() => undefined);
        if (!(error instanceof InvalidResponseError)) throw error;
        const final = (error as { final?: unknown }).final === true;
        return { ok: false, error, retryable: !final, invalidBody: true, reason: final ? 'too large' : 'invalid body' };
      }
    });
  }

  /** GET an endpoint that answers with a redirect, resolving to its `Location` (not followed). */
  getRedirectLocation(path: string, query?: QueryParams, call: CallOptions = {}): Promise<string> {
    return this.execute(path, query, call, 'manual', readRedirect);
  }

  /**
   * POST with no body to an endpoint that changes something, answering JSON (or nothing). Exactly
   * one attempt: a write is never repeated behind the person's back, whatever went wrong (a 5xx or
   * a reset may have come after the server acted). The refusal is reported with the server's words.
   */
  postOnce(path: string, call: CallOptions = {}): Promise<unknown> {
    const spec: RequestSpec = {
      method: 'POST',
      url: this.buildUrl(path),
      endpoint: this.endpointFor(path, 'POST'),
      headers: { ...this.headers, 'Content-Type': 'application/json' },
      body: '',
      redirect: 'manual',
      accept: isSuccessStatus,
      maxAttempts: 1,
    };
    return this.loop.run(spec, call, readOptionalJson);
  }

  /**
   * GET an absolute URL (a file on a CDN, say) and hand the response, 2xx or 3xx, to `consume`.
   * The API key goes along only when `credentials` is set and the URL is on this client's origin;
   * anywhere else only `User-Agent` and the caller's `headers` are sent. Redirects are not
   * followed: the caller decides, and follows them without credentials. Failures before the body
   * (5xx, 429, resets) are retried like any GET; once `consume` has started, what it throws comes
   * out as is, so a resumable download can continue from the bytes it has rather than repeat them.
   */
  async streamUrl<T>(url: string, options: StreamUrlOptions, consume: (response: StreamedResponse) => Promise<T>): Promise<T> {
    const target = new URL(url);
    const sameOrigin = target.origin === this.base.origin;
    const headers: Record<string, string> = {
      'User-Agent': this.headers['User-Agent'] ?? `task-lens/${TASK_LENS_VERSION}`,
      ...options.headers,
    };
    if (options.credentials && sameOrigin) headers.Authorization = this.headers.Authorization ?? '';
    const spec: RequestSpec = {
      method: 'GET',
      url: target,
      endpoint: { method: 'GET', path: target.pathname, origin: target.origin },
      headers,
      redirect: 'manual',
      accept: (status) => isSuccessStatus(status) || isRedirectStatus(status),
    };
    type Settled = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };
    const settled = await this.loop.run<Settled>(spec, options, async (response, _endpoint, _attempt, activity) => {
      try {
        return {
          ok: true,
          value: {
            ok: true,
            value: await consume({ status: response.status, header: (n) => response.header(n), chunks: bodyChunks(response, activity) }),
          },
        };
      } catch (error) {
        await response.discard().catch(() => undefined);
        return { ok: true, value: { ok: false, error } };
      }
    });
    if (settled.ok) return settled.value;
    throw settled.error instanceof Error && isTaskLensErrorLike(settled.error)
      ? scrubSecret(settled.error, this.options.apiKey)
      : settled.error;
  }

  private execute<T>(
    path: string,
    query: QueryParams | undefined,
    call: CallOptions,
    redirect: 'follow' | 'manual',
    read: ResponseReader<T>,
  ): Promise<T> {
    const spec: RequestSpec = {
      method: 'GET',
      url: this.buildUrl(path, query),
      endpoint: this.endpointFor(path),
      headers: this.headers,
      redirect,
      accept: redirect === 'manual' ? isRedirectStatus : isSuccessStatus,
    };
    return this.loop.run(spec, call, read);
  }
}

function parseBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new BadRequestError(`Invalid base URL “${baseUrl}” — use a full URL such as https://api.example.com.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new BadRequestError(`Unsupported base URL scheme “${url.protocol}” — use https:// (or http:// for a local emulator).`);
  }
  // Credentials embedded in the URL would end up in messages; the key travels in a header instead.
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  return url;
}
