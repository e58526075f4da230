/**
 * A tiny router for the emulator. Routes come in groups: each platform (Scale, later Livepeer)
 * registers its own group with its own error-body shape, and the server stays platform-agnostic.
 */
import type { IncomingHttpHeaders } from 'node:http';

export type Method = 'GET' | 'POST' | 'DELETE';

export interface EmulatorRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** Values of `:name` segments in the route pattern (already percent-decoded). */
  readonly params: Readonly<Record<string, string>>;
  /** Parsed JSON body (POST control routes only). */
  readonly body: unknown;
}

export interface RouteResponse {
  readonly status: number;
  /** Serialised as JSON; omit for an empty body (e.g. redirects). */
  readonly body?: unknown;
  /** The body already serialised as JSON (in place of `body`), e.g. assembled from cached parts. */
  readonly json?: string | Buffer;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Hooks the server offers to routes (kept small so any platform can use them). */
export interface RouteContext {
  /** True when a paging token issued at `issuedAtMs` must be refused (fault injection). */
  tokenExpired(issuedAtMs: number): boolean;
}

export type RouteHandler = (request: EmulatorRequest, context: RouteContext) => RouteResponse | Promise<RouteResponse>;

/** Throw from a handler to answer with the group's error body. */
export class RouteError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface RouteGroupOptions {
  readonly name: string;
  /** The platform's error body, e.g. Scale's `{status_code, error}`. */
  errorBody(status: number, message: string): unknown;
  /**
   * Control routes (`/__emulator/...`) need no auth, are never subject to faults and are not
   * counted as API hits.
   */
  readonly control?: boolean;
  /** The platform's own 401 text for what the client sent (e.g. Livepeer's `no token … found`). */
  unauthorizedMessage?(authorization: string | undefined): string;
}

export interface RouteGroup {
  get(pattern: string, handler: RouteHandler): void;
  post(pattern: string, handler: RouteHandler): void;
  delete(pattern: string, handler: RouteHandler): void;
}

interface Route {
  readonly method: Method;
  readonly segments: readonly string[];
  readonly handler: RouteHandler;
  readonly group: RouteGroupOptions;
}

export interface RouteMatch {
  readonly route: Route | undefined;
  readonly params: Record<string, string>;
  /** The path exists, but not for this method. */
  readonly methodNotAllowed: boolean;
  /** The group of the matched path, for its error-body shape (undefined: no such path). */
  readonly group: RouteGroupOptions | undefined;
}

export class Router {
  private readonly routes: Route[] = [];

  group(options: RouteGroupOptions): RouteGroup {
    const add = (method: Method) => (pattern: string, handler: RouteHandler) => {
      this.routes.push({ method, segments: splitPath(pattern), handler, group: options });
    };
    return { get: add('GET'), post: add('POST'), delete: add('DELETE') };
  }

  match(method: string, path: string): RouteMatch {
    const segments = splitPath(path);
    let pathGroup: RouteGroupOptions | undefined;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      if (route.method === method) return { route, params, methodNotAllowed: false, group: route.group };
      pathGroup ??= route.group;
    }
    return { route: undefined, params: {}, methodNotAllowed: pathGroup !== undefined, group: pathGroup };
  }
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

function matchSegments(pattern: readonly string[], actual: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i] ?? '';
    const segment = actual[i] ?? '';
    if (expected.startsWith(':')) {
      try {
        params[expected.slice(1)] = decodeURIComponent(segment);
      } catch {
        return undefined;
      }
    } else if (expected !== segment) {
      return undefined;
    }
  }
  return params;
}
