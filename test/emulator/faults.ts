/**
 * Fault injection for the emulator, switchable at run time: in-process through
 * `emulator.faults.set(...)`, or from another process through `POST /__emulator/faults`.
 * Counted faults apply to the next N matching requests and then switch themselves off.
 */

export interface FaultConfig {
  /** Only requests whose path starts with this are affected (e.g. `/v2/delivery`). */
  readonly pathPrefix?: string;
  /** Added before every matching response, in milliseconds. */
  readonly latencyMs?: number;
  /** Answer 429; `retryAfter` is sent as given: a number of seconds or an HTTP-date string. */
  readonly rateLimit?: { readonly count: number; readonly retryAfter?: number | string };
  /** A burst of 5xx answers (default status 503). */
  readonly serverErrors?: { readonly count: number; readonly status?: number };
  /** Send headers and half the body, then destroy the socket. */
  readonly resetMidBody?: { readonly count: number };
  /** A complete 200 response whose JSON body is cut in half (Content-Length matches the cut). */
  readonly truncateBody?: { readonly count: number };
  /** A 200 response whose body is not JSON at all (an HTML error page). */
  readonly invalidJson?: { readonly count: number };
  /** Never answer (until the client gives up); for timeout and cancellation tests. */
  readonly hang?: { readonly count: number };
  /** Refuse paging tokens: all of them, or those issued more than `olderThanMs` ago. */
  readonly expireTokens?: { readonly all?: boolean; readonly olderThanMs?: number };
}

/** Faults that replace the whole response before any route runs. */
export type PreFault =
  | { readonly kind: 'rateLimit'; readonly retryAfter: string | undefined }
  | { readonly kind: 'serverError'; readonly status: number }
  | { readonly kind: 'hang' };

/** Faults that damage a successful body on its way out. */
export type BodyFault = 'resetMidBody' | 'truncateBody' | 'invalidJson';

type CountedFault = 'rateLimit' | 'serverErrors' | 'hang' | BodyFault;
const COUNTED: readonly CountedFault[] = ['rateLimit', 'serverErrors', 'hang', 'resetMidBody', 'truncateBody', 'invalidJson'];

export class FaultController {
  private config: FaultConfig = {};
  private remaining = new Map<CountedFault, number>();

  /** Replaces the current faults. */
  set(config: FaultConfig): void {
    this.config = { ...config };
    this.remaining = new Map();
    for (const fault of COUNTED) {
      const count = config[fault]?.count;
      if (count !== undefined && count > 0) this.remaining.set(fault, Math.floor(count));
    }
  }

  clear(): void {
    this.set({});
  }

  /** The active configuration with the counts that are left. */
  current(): FaultConfig {
    const view: Record<string, unknown> = { ...this.config };
    for (const fault of COUNTED) {
      const entry = this.config[fault];
      if (entry) view[fault] = { ...entry, count: this.remaining.get(fault) ?? 0 };
    }
    return view as FaultConfig;
  }

  latencyFor(path: string): number {
    return this.applies(path) ? Math.max(0, this.config.latencyMs ?? 0) : 0;
  }

  /** Takes (and counts down) the fault that replaces this response, if any. */
  takePreFault(path: string): PreFault | undefined {
    if (!this.applies(path)) return undefined;
    if (this.take('hang')) return { kind: 'hang' };
    if (this.take('rateLimit')) {
      const retryAfter = this.config.rateLimit?.retryAfter;
      return { kind: 'rateLimit', retryAfter: retryAfter === undefined ? undefined : String(retryAfter) };
    }
    if (this.take('serverErrors')) return { kind: 'serverError', status: this.config.serverErrors?.status ?? 503 };
    return undefined;
  }

  /** Takes the fault that damages this (successful) body, if any. */
  takeBodyFault(path: string): BodyFault | undefined {
    if (!this.applies(path)) return undefined;
    for (const fault of ['resetMidBody', 'truncateBody', 'invalidJson'] as const) {
      if (this.take(fault)) return fault;
    }
    return undefined;
  }

  tokenExpired(issuedAtMs: number, now: number = Date.now()): boolean {
    const rule = this.config.expireTokens;
    if (!rule) return false;
    if (rule.all) return true;
    return rule.olderThanMs !== undefined && now - issuedAtMs > rule.olderThanMs;
  }

  private applies(path: string): boolean {
    return this.config.pathPrefix === undefined || path.startsWith(this.config.pathPrefix);
  }

  private take(fault: CountedFault): boolean {
    const left = this.remaining.get(fault) ?? 0;
    if (left <= 0) return false;
    this.remaining.set(fault, left - 1);
    return true;
  }
}
