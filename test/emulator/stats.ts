/** What the emulator was asked, so tests can assert pages fetched, queries sent, paths never hit. */

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  /** Query pairs in the order sent (repeated keys stay repeated). */
  readonly query: ReadonlyArray<readonly [string, string]>;
  readonly status: number;
  /** The fault applied, if any. */
  readonly fault: string | undefined;
  /** Whether an Authorization header was present (its value is never recorded). */
  readonly authorized: boolean;
}

/** Keeps the most recent requests only, so a 100,000-task download does not grow memory. */
const MAX_RECORDED = 5_000;

export class RequestStats {
  private readonly counts = new Map<string, number>();
  private log: RecordedRequest[] = [];
  private total = 0;

  record(request: RecordedRequest): void {
    this.total++;
    this.counts.set(request.path, (this.counts.get(request.path) ?? 0) + 1);
    this.log.push(request);
    if (this.log.length > MAX_RECORDED) this.log = this.log.slice(-MAX_RECORDED / 2);
  }

  /** Requests to exactly this path since the last reset. */
  hits(path: string): number {
    return this.counts.get(path) ?? 0;
  }

  /** Requests whose path starts with `prefix`. */
  hitsUnder(prefix: string): number {
    let sum = 0;
    for (const [path, count] of this.counts) if (path.startsWith(prefix)) sum += count;
    return sum;
  }

  get totalRequests(): number {
    return this.total;
  }

  /** Recent requests, optionally only those to `path`. */
  requests(path?: string): RecordedRequest[] {
    return path === undefined ? [...this.log] : this.log.filter((r) => r.path === path);
  }

  /** Values of a query key in the most recent request to `path` (repeats kept). */
  lastQueryValues(path: string, key: string): string[] {
    const last = this.requests(path).at(-1);
    return last ? last.query.filter(([k]) => k === key).map(([, v]) => v) : [];
  }

  snapshot(): { total: number; hits: Record<string, number> } {
    return { total: this.total, hits: Object.fromEntries(this.counts) };
  }

  reset(): void {
    this.counts.clear();
    this.log = [];
    this.total = 0;
  }
}
