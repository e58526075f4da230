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
  /** Send a successful body in small pieces, `dripMs` apart (a slow link), on the next N responses. */
  readonly drip?: { readonly count: number; readonly dripMs?: number };
  /**
   * A harsh server, by matching request number n (1-based): 429 when n % rateLimitEvery == 0, a
   * burst of `serverErrorBurst` 5xx starting whenever n % serverErrorEvery == 0, a reset when
   * n % resetEvery == 0, and so on. Never switches itself off.
   */
  readonly periodic?: {
    readonly rateLimitEvery?: number;
    readonly serverErrorEvery?: number;
    readonly serverErrorBurst?: number;
    readonly resetEvery?: number;
    readonly truncateEvery?: number;
    readonly invalidEvery?: number;
    readonly dripEvery?: number;
  };
  /**
   * Random faults from a seeded sequence: each matching request gets at most one, with these
   * probabilities (0..1); a 5xx comes as a burst of 1..`serverErrorBurst`.
   */
  readonly random?: {
    readonly seed: number;
    readonly rateLimit?: number;
    readonly serverError?: number;
    readonly serverErrorBurst?: number;
    readonly reset?: number;
    readonly truncate?: number;
    readonly invalid?: number;
    readonly drip?: number;
  };
}

/** Faults that replace the whole response before any route runs. */
export type PreFault =
  | { readonly kind: 'rateLimit'; readonly retryAfter: string | undefined }
  | { readonly kind: 'serverError'; readonly status: number }
  | { readonly kind: 'hang' };

/** Faults that damage a successful body on its way out. */
export type BodyFault = 'resetMidBody' | 'truncateBody' | 'invalidJson' | 'drip';

type CountedFault = 'rateLimit' | 'serverErrors' | 'hang' | BodyFault;
const COUNTED: readonly CountedFault[] = ['rateLimit', 'serverErrors', 'hang', 'resetMidBody', 'truncateBody', 'invalidJson', 'drip'];

/** mulberry32, as in scale/random.ts (kept local so the fault schedule has no other dependency). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultController {
  private config: FaultConfig = {};
  private remaining = new Map<CountedFault, number>();
  /** Matching requests so far (for `periodic`), the 5xx left in a burst, and the random sequence. */
  private requestNumber = 0;
  private burstLeft = 0;
  private random: (() => number) | undefined;
  /** The body fault chosen by the schedule for the current request, taken by `takeBodyFault`. */
  private scheduledBody: BodyFault | undefined;

  /** Replaces the current faults. */
  set(config: FaultConfig): void {
    this.config = { ...config };
    this.requestNumber = 0;
    this.burstLeft = 0;
    this.scheduledBody = undefined;
    this.random = config.random ? mulberry32(config.random.seed) : undefined;
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

  /** Milliseconds between the pieces of a dripped body. */
  get dripMs(): number {
    return Math.max(1, this.config.drip?.dripMs ?? 5);
  }

  /** Takes (and counts down) the fault that replaces this response, if any. */
  takePreFault(path: string): PreFault | undefined {
    if (!this.applies(path)) return undefined;
    const scheduled = this.scheduled();
    if (scheduled) return scheduled;
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
    const scheduled = this.scheduledBody;
    this.scheduledBody = undefined;
    if (scheduled) return scheduled;
    for (const fault of ['resetMidBody', 'truncateBody', 'invalidJson', 'drip'] as const) {
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

  /** The periodic or random schedule's fault for the next request (a body fault is kept for later). */
  private scheduled(): PreFault | undefined {
    const { periodic, random: rates } = this.config;
    if (!periodic && !rates) return undefined;
    this.scheduledBody = undefined;
    const n = ++this.requestNumber;
    if (this.burstLeft > 0) {
      this.burstLeft--;
      return { kind: 'serverError', status: 503 };
    }
    const every = (k: number | undefined): boolean => k !== undefined && k > 0 && n % k === 0;
    if (periodic) {
      if (every(periodic.rateLimitEvery)) return { kind: 'rateLimit', retryAfter: undefined };
      if (every(periodic.serverErrorEvery)) {
        this.burstLeft = Math.max(1, periodic.serverErrorBurst ?? 1) - 1;
        return { kind: 'serverError', status: n % 2 === 0 ? 502 : 503 };
      }
      if (every(periodic.resetEvery)) this.scheduledBody = 'resetMidBody';
      else if (every(periodic.truncateEvery)) this.scheduledBody = 'truncateBody';
      else if (every(periodic.invalidEvery)) this.scheduledBody = 'invalidJson';
      else if (every(periodic.dripEvery)) this.scheduledBody = 'drip';
      return undefined;
    }
    const draw = (this.random as () => number)();
    let edge = 0;
    const hit = (p: number | undefined): boolean => draw < (edge += p ?? 0);
    if (hit(rates?.rateLimit)) return { kind: 'rateLimit', retryAfter: undefined };
    if (hit(rates?.serverError)) {
      this.burstLeft = Math.floor((this.random as () => number)() * Math.max(1, rates?.serverErrorBurst ?? 1));
      return { kind: 'serverError', status: 500 + [0, 2, 3, 4][n % 4]! };
    }
    if (hit(rates?.reset)) this.scheduledBody = 'resetMidBody';
    else if (hit(rates?.truncate)) this.scheduledBody = 'truncateBody';
    else if (hit(rates?.invalid)) this.scheduledBody = 'invalidJson';
    else if (hit(rates?.drip)) this.scheduledBody = 'drip';
    return undefined;
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
