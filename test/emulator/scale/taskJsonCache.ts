/**
 * The serialised JSON of generated tasks, kept once made. Generated tasks are deterministic (seed,
 * index, view), so a re-served page need not be generated and stringified again: the emulator
 * stands in for a remote server, and in the benchmarks it shares the client's cores, where
 * re-generating every page would bill the fixture's work to the clients measured. Bounded, so a
 * huge delivery costs at most `maxBytes` of memory and is then generated per request as before.
 */
export class TaskJsonCache {
  private readonly entries = new Map<string, Buffer>();
  private bytes = 0;

  constructor(private readonly maxBytes = 600_000_000) {}

  /** The cached JSON (UTF-8, already encoded) for `key`, or `make()`'s, cached while the budget lasts. */
  get(key: string, make: () => unknown): Buffer {
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    const json = Buffer.from(JSON.stringify(make()), 'utf8');
    if (this.bytes + json.length <= this.maxBytes) {
      this.entries.set(key, json);
      this.bytes += json.length;
    }
    return json;
  }
}

/** The part of a query that shapes a task (`opts`, `expand`), as one key. */
export function viewKey(query: URLSearchParams): string {
  return JSON.stringify([[...query.getAll('opts')].sort(), [...query.getAll('expand')].sort()]);
}
