import type { HttpTransport, TransportRequest, TransportResponse } from './transport';

/**
 * Transport over the global `fetch`. Inside VS Code this is the right choice: the editor patches
 * global fetch so requests honour the user's proxy settings and extra CA certificates.
 */
export function createFetchTransport(fetchImpl: typeof fetch = globalThis.fetch): HttpTransport {
  return {
    name: 'fetch',
    async request(request: TransportRequest): Promise<TransportResponse> {
      const response = await fetchImpl(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        signal: request.signal,
        // Never followed, whatever the caller asks: a redirect to another origin would carry the
        // request there and its answer would be taken for the API's (undici.request, the CLI's
        // transport, never follows either). The client reports a 3xx with its target.
        redirect: 'manual',
      });
      return {
        status: response.status,
        header: (name) => response.headers.get(name),
        text: () => response.text(),
        stream: () => bodyChunks(response),
        discard: async () => {
          // A cancelled stream frees the connection; errors here only mean it is already gone.
          await response.body?.cancel().catch(() => undefined);
        },
      };
    },
    async close(): Promise<void> {
      // Global fetch owns its connection pool; there is nothing of ours to close.
    },
  };
}

/** A fetch body as raw chunks (Node's web streams are async iterable). */
async function* bodyChunks(response: Response): AsyncIterable<Uint8Array> {
  if (!response.body) return;
  yield* response.body as unknown as AsyncIterable<Uint8Array>;
}
