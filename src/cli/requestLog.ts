/**
 * `--verbose`: every request on stderr as it is sent and as its answer arrives, for finding out
 * why a command is slow or what it asked the server. Wraps the transport, below the retries, so
 * each attempt is one entry. Headers are never printed (the Authorization header holds the key),
 * and the key is cut out of the URL as well in case a server echoed it into a page token.
 */
import { redactSecret } from '../core/http/errors';
import type { HttpTransport, TransportRequest, TransportResponse } from '../core/http/transport';
import { displayText } from '../shared/displayText';

export function loggingTransport(inner: HttpTransport, log: (line: string) => void, now: () => number = Date.now): HttpTransport {
  let sequence = 0;
  return {
    name: inner.name,
    close: () => inner.close(),
    async request(request: TransportRequest): Promise<TransportResponse> {
      const id = ++sequence;
      const url = safeUrl(request);
      const started = now();
      log(`#${id} ${request.method} ${url}`);
      try {
        const response = await inner.request(request);
        const extras = ['retry-after', 'x-total-count', 'x-request-id']
          .map((name) => [name, response.header(name)] as const)
          .filter((entry): entry is readonly [string, string] => entry[1] !== null)
          .map(([name, value]) => `, ${name}: ${displayText(value)}`)
          .join('');
        log(`#${id} ${response.status} in ${now() - started} ms${extras}`);
        return response;
      } catch (error) {
        const reason = request.signal.aborted ? 'aborted (timeout or Ctrl-C)' : codeOf(error);
        log(`#${id} failed after ${now() - started} ms: ${reason}`);
        throw error;
      }
    },
  };
}

/** The URL as sent, minus the key should it appear anywhere in it, safe for a terminal. */
function safeUrl(request: TransportRequest): string {
  const authorization = Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
  const key = authorization?.replace(/^Bearer\s+/i, '');
  let text = redactSecret(request.url, key);
  if (key) text = redactSecret(text, encodeURIComponent(key));
  return displayText(text);
}

function codeOf(error: unknown): string {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return error instanceof Error ? error.name : 'network error';
}
