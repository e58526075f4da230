/**
 * Livepeer Studio read endpoints, mounted under a path prefix (default `/livepeer/api`) so one
 * emulator serves both platforms: `GET <prefix>/task`, `<prefix>/task/:id`, `<prefix>/asset/:id`.
 * Errors use Studio's `{errors: [...]}` body, including its 401 wording (reference §1.2, §5).
 */
import type { Asset } from '../../../src/core/livepeer/types';
import { RouteError, type Router } from '../router';
import type { LivepeerData } from './data';
import type { LivepeerLive } from './live';
import type { OutputHosts } from './outputHost';
import { linkHeader, listTasks } from './listing';

export const LIVEPEER_PREFIX = '/livepeer/api';

export function livepeerErrorBody(_status: number, message: string): { errors: string[] } {
  return { errors: [message] };
}

/**
 * Studio's 401 texts. The unknown-key one echoes the key, as the real server does, so clients are
 * tested for not repeating it.
 */
export function livepeerUnauthorized(authorization: string | undefined): string {
  if (!authorization) return 'request is not authenticated';
  const [scheme = '', token = ''] = authorization.trim().split(/\s+/, 2);
  if (scheme.toLowerCase() !== 'bearer') return `unsupported authorization header scheme: ${scheme}`;
  return `no token ${token} found`;
}

export interface LivepeerRouteOptions {
  readonly prefix?: string;
  /** Serves `POST /task/{id}/retry` when given. */
  readonly live?: LivepeerLive;
  /** Serves the emulator-only same-origin download redirect when given. */
  readonly output?: OutputHosts;
}

export function registerLivepeerRoutes(router: Router, data: LivepeerData, options: LivepeerRouteOptions = {}): void {
  const prefix = (options.prefix ?? LIVEPEER_PREFIX).replace(/\/+$/, '');
  const livepeer = router.group({ name: 'livepeer', errorBody: livepeerErrorBody, unauthorizedMessage: livepeerUnauthorized });

  livepeer.get(`${prefix}/task`, ({ query, headers, path }) => {
    if (query.has('projectId')) throw new RouteError(400, 'projectId as query param not supported');
    const page = listTasks(data.tasks, query);
    const responseHeaders: Record<string, string> = {};
    if (page.rows.length > 0) {
      // Quirk 1: on every non-empty page, even the last (then with `cursor=undefined`).
      const origin = data.linkOrigin ?? `http://${headers.host ?? 'localhost'}`;
      responseHeaders.Link = linkHeader(origin, path, query, page.nextCursor);
      if ((query.get('count') ?? '') !== '') responseHeaders['X-Total-Count'] = String(page.total);
    }
    return { status: 200, body: page.rows, headers: responseHeaders };
  });

  livepeer.get(`${prefix}/task/:taskId`, ({ params }) => {
    const task = data.findTask(params.taskId ?? '');
    if (!task) throw new RouteError(404, 'not found');
    return { status: 200, body: task };
  });

  const { live, output } = options;
  if (live) {
    // Served by Studio but not in its published API (reference §2.4).
    livepeer.post(`${prefix}/task/:taskId/retry`, ({ params }) => ({ status: 200, body: live.retry(params.taskId ?? '') }));
  }
  if (output) {
    // Emulator-only: a download URL on the API origin that redirects to the output host, so a test
    // can show the key goes to the API (same origin) and is dropped on the hop to another host.
    livepeer.get(`${prefix}/__download/:playbackId`, ({ params }) => ({
      status: 302,
      headers: { Location: output.downloadUrl(params.playbackId ?? '') },
    }));
  }

  livepeer.get(`${prefix}/asset/:assetId`, ({ params, query }) => {
    const asset = data.findAsset(params.assetId ?? '');
    if (!asset) throw new RouteError(404, 'Asset not found');
    // Tracks only with a non-empty `details` (even `details=false`), as the server does.
    return { status: 200, body: (query.get('details') ?? '') !== '' ? asset : withoutTracks(asset) };
  });
}

function withoutTracks(asset: Asset): Asset {
  if (!asset.videoSpec?.tracks) return asset;
  const { tracks: _tracks, ...videoSpec } = asset.videoSpec;
  return { ...asset, videoSpec };
}
