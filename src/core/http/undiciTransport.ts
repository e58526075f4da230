/**
 * Transport over undici, for the CLI. Kept in its own module so the extension bundle, which uses
 * global fetch, never pulls undici in.
 */
import type { Dispatcher } from 'undici';
// By their own paths, not undici's index (see undiciParts.d.ts).
import Agent from 'undici/lib/dispatcher/agent';
import EnvHttpProxyAgent from 'undici/lib/dispatcher/env-http-proxy-agent';
import apiRequest from 'undici/lib/api/api-request';
import { parseURL } from 'undici/lib/core/util';
import type { HttpTransport, TransportRequest, TransportResponse } from './transport';

export interface UndiciTransportOptions {
  /** Environment to read HTTP_PROXY / HTTPS_PROXY / NO_PROXY from (default: process.env). */
  readonly env?: NodeJS.ProcessEnv;
  /** Idle keep-alive time for pooled connections. */
  readonly keepAliveTimeoutMs?: number;
  /** Maximum sockets per origin; the platforms want low concurrency anyway. */
  readonly connectionsPerOrigin?: number;
}

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

export function createUndiciTransport(options: UndiciTransportOptions = {}): HttpTransport {
  const dispatcher = createDispatcher(options);
  return {
    name: 'undici',
    async request(req: TransportRequest): Promise<TransportResponse> {
      // What undici's index does with a URL (the same checks) before it calls `request` on the dispatcher.
      const url = parseURL(req.url);
      const response = await apiRequest.call(dispatcher, {
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: req.method as Dispatcher.HttpMethod,
        headers: req.headers,
        ...(req.body === undefined ? {} : { body: req.body }),
        signal: req.signal,
        // undici's own timeouts stay off: the HttpClient's per-attempt timeout covers both phases.
        headersTimeout: 0,
        bodyTimeout: 0,
      });
      // undici.request never follows redirects, which is exactly what `manual` asks for. `follow`
      // is not needed by any read endpoint we call with it, so a 3xx surfaces to the caller.
      return {
        status: response.statusCode,
        header: (name) => headerValue(response.headers, name),
        text: () => response.body.text(),
        stream: () => response.body,
        discard: async () => {
          await response.body.dump().catch(() => undefined);
        },
      };
    },
    close: () => dispatcher.close(),
  };
}

function createDispatcher(options: UndiciTransportOptions): Dispatcher {
  const env = options.env ?? process.env;
  const poolOptions = {
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 10_000,
    connections: options.connectionsPerOrigin ?? 4,
  };
  const hasProxy = PROXY_VARIABLES.some((name) => (env[name] ?? '') !== '');
  if (!hasProxy) return new Agent(poolOptions);
  // EnvHttpProxyAgent applies NO_PROXY per request and falls back to a plain Agent for those hosts.
  return new EnvHttpProxyAgent({
    ...poolOptions,
    httpProxy: env.HTTP_PROXY ?? env.http_proxy,
    httpsProxy: env.HTTPS_PROXY ?? env.https_proxy,
    noProxy: env.NO_PROXY ?? env.no_proxy,
  });
}

function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | null {
  const value = headers[name.toLowerCase()];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}
