// The three parts of undici the CLI's transport uses, by their own paths: undici's index loads
// all of it (fetch, WebSocket, mocks, caches, interceptors), which costs the CLI ~9 MB of resting
// memory and ~30 ms at every start-up for code a download never runs. Typed from undici's own
// declarations.
declare module 'undici/lib/dispatcher/agent' {
  import { Agent } from 'undici';
  export default Agent;
}
declare module 'undici/lib/dispatcher/env-http-proxy-agent' {
  import { EnvHttpProxyAgent } from 'undici';
  export default EnvHttpProxyAgent;
}
declare module 'undici/lib/api/api-request' {
  import type { Dispatcher } from 'undici';
  /** undici's `request`, called on a dispatcher (the index binds it the same way). */
  export default function request(
    this: Dispatcher,
    options: Dispatcher.RequestOptions & { origin: string },
  ): Promise<Dispatcher.ResponseData>;
}
declare module 'undici/lib/core/util' {
  /** The URL check undici's `request` applies (http: or https: only, else InvalidArgumentError). */
  export function parseURL(url: string): URL;
}
