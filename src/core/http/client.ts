/**
 * JSON-over-HTTP client shared by every platform: URL building, Bearer auth, per-attempt timeout,
 * cancellation, and retries with backoff for idempotent GETs. Platform clients sit on top and only
 * know paths, parameters and response shapes.
 */
import { apiKeyProblem } from './apiKey';
import {
  BadRequestError,
  InvalidResponseError,
  isTaskLensError as isTaskLensErrorLike,
  redactSecret,
  type Endpoint,
  type TaskLensError,
} from './errors';
import {
  cancelledFailure,
  errorForStatus,
  extractServerMessage,
  localRequestFailure,
  networkFailure,
  timeoutFailure,
} from './responseErrors';
import {
  abortableSleep,
  backoffDelayMs,
  DEFAULT_RETRY_POLICY,
  isRetryableStatus,
  parseRetryAfter,
  type RetryPolicy,
  type Sleep,
} from './retry';
import type { HttpMethod, HttpTransport, TransportResponse } from './transport';
import { errorCode, isLocalRequestError, localReason, scrubbedCause } from './transportErrors';
import {
  bodyChunks,
  readJson,
  readJsonWithHeaders,
  readOptionalJson,
  readRedirect,
  type AttemptOutcome,
  type ResponseReader,
} from './responseReaders';
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

interface RequestSpec {
  readonly method: HttpMethod;
  readonly url: URL;
  readonly endpoint: Endpoint;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly redirect: 'follow' | 'manual';
  /** Statuses handed to the reader; the rest become typed errors. */
  readonly accept: (status: number) => boolean;
  /** Overrides the policy (1 for writes). */
  readonly maxAttempts?: number;
}

const isSuccessStatus = (status: number): boolean => status >= 200 && status < 300;
const isRedirectStatus = (status: number): boolean => status >= 300 && status < 400;

/** Marks an abort caused by our own timer, as opposed to the caller's signal. */
const TIMEOUT_REASON = Symbol('task-lens-timeout');

export class HttpClient {
  private readonly base: URL;
  private readonly policy: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly headers: Readonly<Record<string, string>>;

  constructor(private readonly options: HttpClientOptions) {
    this.base = parseBaseUrl(options.baseUrl);
    // A key a header cannot carry is refused by the transport before anything is sent; say so here.
    const keyProblem = apiKeyProblem(options.apiKey);
    if (keyProblem) throw new BadRequestError(keyProblem);
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.timeoutMs = clampTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    this.headers = {
      Authorization: `Bearer ${options.apiKey}`,
      Accept: 'application/json',
      'User-Agent': options.userAgent ?? `task-lens/${TASK_LENS_VERSION}`,
    };
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
    return this.run(spec, call, readOptionalJson);
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
    const settled = await this.run<Settled>(spec, options, async (response, _endpoint, _attempt, activity) => {
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
    throw settled.error instanceof Error && isTaskLensErrorLike(settled.error) ? this.scrub(settled.error) : settled.error;
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
    return this.run(spec, call, read);
  }

  private async run<T>(spec: RequestSpec, call: CallOptions, read: ResponseReader<T>): Promise<T> {
    const { endpoint } = spec;
    const maxAttempts = spec.maxAttempts ?? this.policy.maxAttempts;
    let invalidBodies = 0;
    for (let attempt = 1; ; attempt++) {
      if (call.signal?.aborted) throw cancelledFailure(endpoint);
      const outcome = await this.attempt(spec, attempt, call, read);
      if (outcome.ok) return outcome.value;
      if (outcome.invalidBody) invalidBodies++;
      const mayRetry =
        outcome.retryable &&
        attempt < maxAttempts &&
        invalidBodies <= this.policy.maxInvalidBodyRetries &&
        (outcome.retryAfterMs === undefined || outcome.retryAfterMs <= this.policy.maxRetryAfterMs);
      if (!mayRetry) throw this.scrub(outcome.error);
      const delayMs = outcome.retryAfterMs ?? backoffDelayMs(this.policy, attempt, this.options.random ?? Math.random);
      this.options.onRetry?.({ endpoint, attempt, delayMs, reason: outcome.reason });
      try {
        await (this.options.sleep ?? abortableSleep)(delayMs, call.signal);
      } catch {
        throw cancelledFailure(endpoint);
      }
    }
  }

  private async attempt<T>(spec: RequestSpec, attempt: number, call: CallOptions, read: ResponseReader<T>): Promise<AttemptOutcome<T>> {
    const { endpoint } = spec;
    const timeoutMs = clampTimeout(call.timeoutMs ?? this.timeoutMs);
    const controller = new AbortController();
    // Linked by hand rather than AbortSignal.any, which keeps listeners alive longer on Node 20.
    const forwardAbort = (): void => controller.abort(call.signal?.reason);
    call.signal?.addEventListener('abort', forwardAbort, { once: true });
    let timer = setTimeout(() => controller.abort(TIMEOUT_REASON), timeoutMs);
    const activity = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(TIMEOUT_REASON), timeoutMs);
    };
    // Each attempt settles when its signal fires, even if the transport never does (undici has
    // been seen to leave a request pending forever after rejecting a header locally).
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_resolve, reject) => {
      onAbort = () => reject(controller.signal.reason as Error);
      controller.signal.addEventListener('abort', onAbort, { once: true });
    });
    const work = (async (): Promise<AttemptOutcome<T>> => {
      const response = await this.options.transport.request({
        method: spec.method,
        url: spec.url.href,
        headers: spec.headers,
        ...(spec.body === undefined ? {} : { body: spec.body }),
        signal: controller.signal,
        redirect: spec.redirect,
      });
      if (controller.signal.aborted) {
        void response.discard().catch(() => undefined);
        throw controller.signal.reason;
      }
      if (spec.accept(response.status)) return await read(response, endpoint, attempt, activity);
      return await this.statusFailure(response, endpoint, attempt);
    })();
    // The loser of the race must not become an unhandled rejection.
    work.catch(() => undefined);
    try {
      return await Promise.race([work, aborted]);
    } catch (error) {
      if (call.signal?.aborted) return { ok: false, error: cancelledFailure(endpoint), retryable: false, reason: 'cancelled' };
      if (controller.signal.reason === TIMEOUT_REASON) {
        return { ok: false, error: timeoutFailure(endpoint, timeoutMs, attempt), retryable: this.policy.retryOnTimeout, reason: 'timeout' };
      }
      const key = this.options.apiKey;
      if (isLocalRequestError(error)) {
        // Refused before it left this machine: the same request would be refused again.
        return { ok: false, error: localRequestFailure(endpoint, localReason(error)), retryable: false, reason: 'local error' };
      }
      return { ok: false, error: networkFailure(endpoint, attempt, scrubbedCause(error, key)), retryable: true, reason: errorCode(error) };
    } finally {
      clearTimeout(timer);
      if (onAbort) controller.signal.removeEventListener('abort', onAbort);
      call.signal?.removeEventListener('abort', forwardAbort);
    }
  }

  private async statusFailure(response: TransportResponse, endpoint: Endpoint, attempt: number): Promise<AttemptOutcome<never>> {
    const body = await response.text().catch(() => '');
    const serverMessage = extractServerMessage(redactSecret(body, this.options.apiKey));
    const retryAfterMs = response.status === 429 || response.status === 503 ? parseRetryAfter(response.header('retry-after')) : undefined;
    const error = errorForStatus({
      endpoint,
      status: response.status,
      serverMessage,
      attempts: attempt,
      retryAfterMs,
      authHint: this.options.authHint ?? DEFAULT_AUTH_HINT,
      location: response.status >= 300 && response.status < 400 ? response.header('location') : undefined,
      notFoundHint: this.options.notFoundHint,
    });
    return { ok: false, error, retryable: isRetryableStatus(response.status), reason: String(response.status), retryAfterMs };
  }

  /** Last line of defence: no message or stack leaves this client holding the key. */
  private scrub(error: TaskLensError): TaskLensError {
    const key = this.options.apiKey;
    error.message = redactSecret(error.message, key);
    if (error.stack) error.stack = redactSecret(error.stack, key);
    return error;
  }
}

/** setTimeout's longest delay; anything longer overflows to 1 ms. */
export const MAX_TIMEOUT_MS = 2_147_483_647;

function clampTimeout(ms: number): number {
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, MAX_TIMEOUT_MS) : MAX_TIMEOUT_MS;
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
