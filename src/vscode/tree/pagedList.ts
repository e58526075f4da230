import type { CallOptions } from '../../core/http/client';
import type { Children, Entry, FilterValues } from '../../core/platform/platform';

/**
 * The loaded part of one node's children: entries so far, the token of the next page, the total
 * when known, and the server-side filters. Loads are serialised: a second "Load more" while one is
 * running joins it instead of fetching the same page twice.
 */
export class PagedList {
  entries: Entry[] = [];
  nextToken: string | null = null;
  total: number | null = null;
  loaded = false;
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly children: Children,
    readonly filters: FilterValues,
  ) {}

  get isPaged(): boolean {
    return this.children.mode === 'paged';
  }

  get hasMore(): boolean {
    return this.loaded && this.nextToken !== null;
  }

  /** Loads the first page (or the whole list); once. */
  ensureLoaded(pageSize: number, call: CallOptions = {}): Promise<void> {
    if (this.loaded) return Promise.resolve();
    return this.serialise(() => this.fetch(pageSize, undefined, call));
  }

  loadMore(pageSize: number, call: CallOptions = {}): Promise<void> {
    if (!this.hasMore) return this.inFlight ?? Promise.resolve();
    return this.serialise(() => this.fetch(pageSize, this.nextToken ?? undefined, call));
  }

  get isLoading(): boolean {
    return this.inFlight !== undefined;
  }

  private serialise(work: () => Promise<void>): Promise<void> {
    if (this.inFlight) return this.inFlight;
    this.inFlight = work().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async fetch(pageSize: number, token: string | undefined, call: CallOptions): Promise<void> {
    if (this.children.mode === 'list') {
      this.entries = [...(await this.children.load(call))];
      this.nextToken = null;
    } else {
      const page = await this.children.loadPage({ ...call, token, pageSize, filters: this.filters });
      // Guard against a page repeating entries already shown (never show one item twice).
      const seen = new Set(this.entries.map((e) => e.key));
      this.entries.push(...page.entries.filter((e) => !seen.has(e.key)));
      this.nextToken = page.nextToken;
      this.total = page.total ?? this.total;
    }
    this.loaded = true;
  }
}
