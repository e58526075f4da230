/**
 * Page fetches that no transient fault can stop: 429, 5xx, resets, timeouts, truncated or invalid
 * bodies are retried with capped, jittered backoff (or the server's Retry-After) for as long as
 * the download keeps making progress. The budget is time *without progress*: a long download
 * through a flaky server goes on, a server that is down for longer than the budget stops it.
 * Every retry is announced (`onRetry`), so a person sees why nothing moves.
 */
import * as l10n from '@vscode/l10n';
import { formatNumber } from '../../shared/format';
import { isTaskLensError, RateLimitedError, type TaskLensError } from '../http/errors';
import { abortableSleep, type Sleep } from '../http/retry';
import { retryText } from '../http/retryText';
import type { DownloadPlan } from '../platform/platform';
import { BodyPool } from './bodyPool';
import { ServerFaultError } from './guards';
import { fetchRaw, type RawPage } from './rawPages';

export const DEFAULT_MAX_RETRY_TIME_MS = 5 * 60_000;

export interface PageRetryEvent {
  /** The page being fetched (1-based, counted in this run's listing). */
  readonly page: number;
  /** The attempt that just failed (1-based). */
  readonly attempt: number;
  readonly delayMs: number;
  /** Short, secret-free reason, e.g. `503`, `ECONNRESET`, `invalid JSON`. */
  readonly reason: string;
  /** The server refused the page token and the listing restarts from the first page (no wait). */
  readonly restart?: boolean;
}

export interface RetryBudgetOptions {
  /** How long the download may go without progress before a fault stops it. */
  readonly maxRetryTimeMs?: number;
  /** First backoff (doubles per attempt) and its cap. */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly sleep?: Sleep;
  readonly now?: () => number;
  readonly random?: () => number;
  readonly onRetry?: (event: PageRetryEvent) => void;
  /** No bytes for this long fails the attempt (a streamed page); default: the client's timeout. */
  readonly idleTimeoutMs?: number;
}

/** Retries ran out: the budget of time without progress is spent. */
export class RetryBudgetError extends Error {
  constructor(
    readonly last: unknown,
    attempts: number,
    waitedMs: number,
  ) {
    const seconds = Math.round(waitedMs / 1000);
    const text = last instanceof Error ? last.message.replace(/[.\s]+$/, '') : String(last);
    super(`${text} (gave up after ${attempts} attempts and ${seconds} s without progress; allow longer with --max-retry-time)`, {
      cause: last,
    });
    this.name = 'RetryBudgetError';
  }
}

export class PageFetcher {
  private lastProgressMs: number;
  /** Page bodies are collected into reused buffers (bodyPool.ts). */
  private readonly buffers = new BodyPool();
  private readonly now: () => number;
  readonly budgetMs: number;

  constructor(
    private readonly plan: DownloadPlan,
    private readonly options: RetryBudgetOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.budgetMs = options.maxRetryTimeMs ?? DEFAULT_MAX_RETRY_TIME_MS;
    this.lastProgressMs = this.now();
  }

  /** Tasks were written or verified: the budget starts afresh. */
  progressed(): void {
    this.lastProgressMs = this.now();
  }

  async fetch(token: string | undefined, page: number, signal: AbortSignal): Promise<RawPage> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fetchRaw(this.plan, token, { signal, timeoutMs: this.options.idleTimeoutMs, buffers: this.buffers });
      } catch (error) {
        if (signal.aborted || !isTransient(error)) throw error;
        const delayMs = this.delayFor(error, attempt);
        const waitedMs = this.now() - this.lastProgressMs;
        if (waitedMs + delayMs > this.budgetMs) throw new RetryBudgetError(error, attempt, waitedMs);
        this.options.onRetry?.({ page, attempt, delayMs, reason: reasonOf(error) });
        await (this.options.sleep ?? abortableSleep)(delayMs, signal);
      }
    }
  }

  private delayFor(error: TaskLensError, attempt: number): number {
    if (error instanceof RateLimitedError && error.retryAfterMs !== undefined) return error.retryAfterMs;
    return this.backoffMs(attempt);
  }

  /** Capped exponential backoff with equal jitter; `attempt` 1 for the first retry. */
  backoffMs(attempt: number): number {
    const base = this.options.baseDelayMs ?? 1_000;
    const cap = this.options.maxDelayMs ?? 30_000;
    const capped = Math.min(cap, base * 2 ** Math.min(30, attempt - 1));
    return Math.round(capped / 2 + (this.options.random ?? Math.random)() * (capped / 2));
  }
}

const TRANSIENT = new Set(['rate_limited', 'server', 'network', 'timeout', 'invalid_response']);

export function isTransient(error: unknown): error is TaskLensError {
  return isTaskLensError(error) && TRANSIENT.has(error.kind) && !(error instanceof ServerFaultError);
}

function reasonOf(error: TaskLensError): string {
  if (error.status !== undefined) return String(error.status);
  for (let current: unknown = error.cause, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return error.kind === 'invalid_response' ? 'invalid body' : error.kind.replace('_', ' ');
}

/**
 * `503 Service Unavailable on page 37; retrying in 4.5 s (attempt 2)…`, the line the CLI prints and
 * the editor shows as progress.
 */
export function retryMessage(event: PageRetryEvent): string {
  if (event.restart) return l10n.t('page {0}: {1}', formatNumber(event.page), event.reason);
  return retryText(event.reason, l10n.t('on page {0}', formatNumber(event.page)), event.delayMs, event.attempt);
}
