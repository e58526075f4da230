/**
 * Cursor pagination shared by every paginated endpoint: fetch a page, follow its token, stop when
 * there is none. Platform clients supply only "fetch the page after this token".
 */
import { InvalidResponseError } from './errors';

export interface Page<T> {
  readonly items: T[];
  /** Token for the next page; null on the last page. */
  readonly nextToken: string | null;
}

/** Fetches the page that starts at `nextToken` (undefined for the first page). */
export type PageFetcher<P extends Page<unknown>> = (nextToken: string | undefined) => Promise<P>;

/**
 * Yields pages until one has no `nextToken`. Start from `startToken` to resume an interrupted
 * walk. Empty pages that still carry a token are followed (servers may return sparse pages).
 */
export async function* iteratePages<P extends Page<unknown>>(
  fetchPage: PageFetcher<P>,
  startToken?: string,
): AsyncGenerator<P, void, undefined> {
  let token = startToken;
  for (;;) {
    const page = await fetchPage(token);
    yield page;
    if (page.nextToken === null) return;
    if (page.nextToken === token) {
      // Following the same token again would loop forever and look like a hang.
      throw new InvalidResponseError(
        'Paging stopped: the server sent the same next_token twice in a row, which would repeat the same page forever.',
      );
    }
    token = page.nextToken;
  }
}

/** Flattens pages into items, fetching the next page only when the consumer gets there. */
export async function* iterateItems<T>(pages: AsyncIterable<Page<T>>): AsyncGenerator<T, void, undefined> {
  for await (const page of pages) yield* page.items;
}
