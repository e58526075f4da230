/**
 * The retry loop behind every HttpClient request: attempt after attempt until one succeeds or the
 * failure may not be tried again. Each attempt runs under its own timeout (re-armed by every
 * streamed chunk, which makes it an idle timeout for bodies) and the caller's signal; a refused
 * status becomes a typed error with the server's words; the wait before the next attempt is the
 * backoff or the server's Retry-After.
 */
import { redactSecret, scrubSecret, type Endpoint } from './errors';
import {
  cancelledFailure,
  errorForStatus,
  extractServerMessage,
  localRequestFailure,
  networkFailure,
  timeoutFailure,
} from './responseErrors';
import { backoffDelayMs, isRetryableStatus, parseRetryAfter, type RetryPolicy, type Sleep } from './retry';
import type { HttpMethod, HttpTransport, TransportResponse } from './transport';
import { errorCode, isLocalRequestError, localReason, scrubbedCause } from './transportErrors';
import type { AttemptOutcome, ResponseReader } from './responseReaders';
import type { CallOptions, RetryEvent } from './client';

/** One request as HttpClient built it, ready to send as often as the policy allows. */
export interface RequestSpec {
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

/** What the loop needs from the client's options, with their defaults already applied. */
export interface RetryLoopSettings {
  readonly transport: HttpTransport;
  /** Redacted from every message, stack and cause that leaves the loop. */
  readonly apiKey: string;
  readonly policy: RetryPolicy;
  /** Per attempt, when the call sets none; clamped to what setTimeout can wait. */
  readonly timeoutMs: number;
  readonly authHint: string;
  readonly notFoundHint: string | undefined;
  readonly sleep: Sleep;
  readonly random: () => number;
  readonly onRetry: ((event: RetryEvent) => void) | undefined;
}

/** setTimeout's longest delay; anything longer overflows to 1 ms. */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/** Marks an abort caused by our own timer, as opposed to the caller's signal. */
const TIMEOUT_REASON = Symbol('task-lens-timeout');

export class RetryLoop {
  private readonly timeoutMs: number;

  constructor(private readonly settings: RetryLoopSettings) {
    this.timeoutMs = clampTimeout(settings.timeoutMs);
  }

  /** Sends `spec` until `read` accepts an answer; throws the last failure, scrubbed of the key. */
  async run<T>(spec: RequestSpec, call: CallOptions, read: ResponseReader<T>): Promise<T> {
    const { endpoint } = spec;
    const { policy, sleep } = this.settings;
    const maxAttempts = spec.maxAttempts ?? policy.maxAttempts;
    let invalidBodies = 0;
    for (let attempt = 1; ; attempt++) {
      if (call.signal?.aborted) throw cancelledFailure(endpoint);
      const outcome = await this.attempt(spec, attempt, call, read);
      if (outcome.ok) return outcome.value;
      if (outcome.invalidBody) invalidBodies++;
      const mayRetry =
        outcome.retryable &&
        attempt < maxAttempts &&
        invalidBodies <= policy.maxInvalidBodyRetries &&
        (outcome.retryAfterMs === undefined || outcome.retryAfterMs <= policy.maxRetryAfterMs);
      if (!mayRetry) throw scrubSecret(outcome.error, this.settings.apiKey);
      const delayMs = outcome.retryAfterMs ?? backoffDelayMs(policy, attempt, this.settings.random);
      this.settings.onRetry?.({ endpoint, attempt, delayMs, reason: outcome.reason });
      try {
        await sleep(delayMs, call.signal);
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
      const response = await this.settings.transport.request({
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
        return {
          ok: false,
          error: timeoutFailure(endpoint, timeoutMs, attempt),
          retryable: this.settings.policy.retryOnTimeout,
          reason: 'timeout',
        };
      }
      const key = this.settings.apiKey;
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
    const serverMessage = extractServerMessage(redactSecret(body, this.settings.apiKey));
    const retryAfterMs = response.status === 429 || response.status === 503 ? parseRetryAfter(response.header('retry-after')) : undefined;
    const error = errorForStatus({
      endpoint,
      status: response.status,
      serverMessage,
      attempts: attempt,
      retryAfterMs,
      authHint: this.settings.authHint,
      location: response.status >= 300 && response.status < 400 ? response.header('location') : undefined,
      notFoundHint: this.settings.notFoundHint,
    });
    return { ok: false, error, retryable: isRetryableStatus(response.status), reason: String(response.status), retryAfterMs };
  }
}

function clampTimeout(ms: number): number {
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, MAX_TIMEOUT_MS) : MAX_TIMEOUT_MS;
}
