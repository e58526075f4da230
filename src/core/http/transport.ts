/**
 * The one seam between Task Lens and the network. Two implementations exist: `fetchTransport` (the
 * editor, where VS Code routes global fetch through the user's proxy and certificates) and
 * `undiciTransport` (the CLI, keep-alive plus the standard proxy environment variables). Everything
 * above this seam — retries, timeouts, errors — is shared and is tested once.
 *
 * A transport does not interpret statuses and does not retry. It rejects only when no response
 * could be obtained (or when the body could not be read); the caller decides what that means.
 */

/**
 * GET and HEAD for reads. POST exists for the one write Task Lens makes (Livepeer's task retry),
 * sent only through `HttpClient.postOnce`, which never retries it.
 */
export type HttpMethod = 'GET' | 'HEAD' | 'POST';

export interface TransportRequest {
  readonly method: HttpMethod;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** A request body (POST only). */
  readonly body?: string;
  /** Fires on caller cancellation and on timeout; the transport must stop promptly on either. */
  readonly signal: AbortSignal;
  /** `manual` hands back 3xx responses instead of following them (needed to read `Location`). */
  readonly redirect: 'follow' | 'manual';
}

export interface TransportResponse {
  readonly status: number;
  /** Case-insensitive header lookup; multiple values are joined with `, `. */
  header(name: string): string | null;
  /** Reads the whole body as UTF-8. Rejects if the connection breaks mid-body. */
  text(): Promise<string>;
  /**
   * The body as raw bytes, as they arrive (for pass-through downloads). Optional: without it,
   * callers fall back to `text()`. Iteration rejects if the connection breaks mid-body.
   */
  stream?(): AsyncIterable<Uint8Array>;
  /** Releases the connection without reading the body (call when the body is not needed). */
  discard(): Promise<void>;
}

export interface HttpTransport {
  /** Short label for logs, e.g. `fetch` or `undici`. */
  readonly name: string;
  request(request: TransportRequest): Promise<TransportResponse>;
  /** Closes pooled connections so a CLI process can exit promptly. */
  close(): Promise<void>;
}
