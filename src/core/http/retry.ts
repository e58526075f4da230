/** Retry policy for idempotent GETs: which failures are worth another try, and how long to wait. */

export interface RetryPolicy {
  /** Total attempts including the first (1 disables retries). */
  readonly maxAttempts: number;
  /** Backoff before the first retry; doubles each time. */
  readonly baseDelayMs: number;
  /** Cap on one backoff wait. */
  readonly maxDelayMs: number;
  /**
   * Longest `Retry-After` we are willing to sleep through. A server asking for more gets a
   * rate-limited error straight away, which tells the person how long to wait instead of hanging.
   */
  readonly maxRetryAfterMs: number;
  /** How many unreadable (truncated or non-JSON) 2xx bodies to retry before reporting them. */
  readonly maxInvalidBodyRetries: number;
  /** Whether an attempt that timed out is retried. Off by default: it multiplies a long wait. */
  readonly retryOnTimeout: boolean;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  maxInvalidBodyRetries: 2,
  retryOnTimeout: false,
};

/** 408, 429 and the 5xx statuses that usually mean "try again shortly". */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

/**
 * Exponential backoff with "equal jitter": half the capped delay is fixed, half random, so retries
 * from many clients spread out but never collapse to zero wait.
 * @param retryNumber 1 for the first retry.
 */
export function backoffDelayMs(policy: RetryPolicy, retryNumber: number, random: () => number): number {
  const exponential = policy.baseDelayMs * 2 ** Math.max(0, retryNumber - 1);
  const capped = Math.min(policy.maxDelayMs, exponential);
  return Math.round(capped / 2 + random() * (capped / 2));
}

/**
 * Parses `Retry-After`, which is either delta-seconds or an HTTP-date.
 * @returns milliseconds to wait (never negative), or undefined when absent or unparseable.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

export type Sleep = (ms: number, signal: AbortSignal | undefined) => Promise<void>;

/** Waits `ms`, rejecting as soon as `signal` aborts (with the signal's reason). */
export const abortableSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
