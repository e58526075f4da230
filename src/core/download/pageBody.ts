/**
 * A page body collected as it streams in, into one (pooled) buffer, under a size cap checked on
 * every chunk; and the error a refused body is (pageScanner.ts scans what this collects).
 */
/** Why a body was refused; `final` when a retry cannot help (too large). */
export class PageBodyError extends Error {
  constructor(
    message: string,
    readonly final = false,
  ) {
    super(message);
    this.name = 'PageBodyError';
  }
}

/** Default cap on one page's body: far above any real page of 100 tasks, far below a full disk. */
export const DEFAULT_MAX_PAGE_BYTES = 256 * 1024 * 1024;

/** Where `collectBody` puts a body (see bodyPool.ts); without one, buffers are allocated. */
export interface BodyBuffers {
  take(size: number): Buffer;
  give(buffer: Buffer): void;
}

/**
 * Reads a streamed body into one buffer, refusing it as soon as it passes `maxBytes`.
 * @returns the body (a view of `buffer`), and the buffer to give back when done with the body.
 */
export async function collectBody(
  chunks: AsyncIterable<Uint8Array>,
  maxBytes: number = DEFAULT_MAX_PAGE_BYTES,
  pool?: BodyBuffers,
): Promise<{ body: Buffer; buffer: Buffer }> {
  let buffer = pool ? pool.take(64 * 1024) : Buffer.allocUnsafe(64 * 1024);
  let size = 0;
  try {
    for await (const chunk of chunks) {
      if (size + chunk.byteLength > maxBytes) {
        throw new PageBodyError(`response too large: over ${Math.round(maxBytes / 1024 / 1024)} MiB for one page`, true);
      }
      if (size + chunk.byteLength > buffer.length) {
        const bigger = pool ? pool.take(size + chunk.byteLength) : Buffer.allocUnsafe((size + chunk.byteLength) * 2);
        buffer.copy(bigger, 0, 0, size);
        pool?.give(buffer);
        buffer = bigger;
      }
      buffer.set(chunk, size);
      size += chunk.byteLength;
    }
  } catch (error) {
    pool?.give(buffer);
    throw error;
  }
  return { body: buffer.subarray(0, size), buffer };
}
