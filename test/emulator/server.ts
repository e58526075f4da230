/**
 * Local API emulator: a plain node:http server with a routing table, Bearer auth, fault injection
 * and a request log. Platforms plug in through route groups (`registerScaleRoutes`; Livepeer can
 * add its own). Binds 127.0.0.1 only.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { registerControlRoutes } from './control';
import { FaultController, type BodyFault, type PreFault } from './faults';
import { RouteError, Router, type EmulatorRequest, type RouteGroupOptions, type RouteHandler, type RouteResponse } from './router';
import { createScaleData, type ScaleData, type ScaleDataOptions } from './scale/data';
import { registerScaleRoutes, scaleErrorBody } from './scale/routes';
import { createLivepeerData, type LivepeerData } from './livepeer/data';
import { registerLivepeerRoutes } from './livepeer/routes';
import { LivepeerLive } from './livepeer/live';
import { OutputHosts } from './livepeer/outputHost';
import { registerLivepeerControlRoutes } from './livepeer/control';
import { RequestStats } from './stats';

export interface EmulatorOptions extends ScaleDataOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** The key clients must send as `Authorization: Bearer <key>`. Default `demo-key`. */
  readonly apiKey?: string;
  /** More route groups, e.g. `(router) => registerLivepeerRoutes(router, …)`. */
  readonly register?: ReadonlyArray<(router: Router, emulator: Emulator) => void>;
  /** Advance Livepeer tasks in flight every N ms (0, the default: only when a test steps them). */
  readonly livepeerStepMs?: number;
}

export interface Emulator {
  /** e.g. `http://127.0.0.1:54321` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  readonly apiKey: string;
  readonly faults: FaultController;
  readonly stats: RequestStats;
  readonly scale: ScaleData;
  /** Livepeer Studio, served under `/livepeer/api`. */
  readonly livepeer: LivepeerData;
  /** Livepeer tasks that progress (stepped by tests or a timer) and the retry endpoint. */
  readonly livepeerLive: LivepeerLive;
  /** The output host (second origin) and mirror (third) that serve asset downloads. */
  readonly livepeerOutput: OutputHosts;
  readonly router: Router;
  close(): Promise<void>;
}

export const DEFAULT_API_KEY = 'demo-key';

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const apiKey = options.apiKey ?? DEFAULT_API_KEY;
  const router = new Router();
  const faults = new FaultController();
  const stats = new RequestStats();
  const scale = createScaleData(options);
  const livepeer = createLivepeerData({ seed: options.seed });
  const livepeerOutput = new OutputHosts();
  await livepeerOutput.start();
  // Output files live on another origin, as on Studio's CDN.
  for (const asset of livepeer.assets.values()) {
    if (typeof asset.downloadUrl === 'string' && typeof asset.playbackId === 'string') {
      asset.downloadUrl = livepeerOutput.downloadUrl(asset.playbackId);
    }
  }
  const livepeerLive = new LivepeerLive(livepeer, livepeerOutput);
  livepeerLive.startTimer(options.livepeerStepMs ?? 0);
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else if (error instanceof RouteError) send(res, { status: error.status, body: scaleErrorBody(error.status, error.message) });
      else send(res, { status: 500, body: scaleErrorBody(500, `Emulator bug: ${String(error)}`) });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator.local');
    const path = url.pathname;
    const match = router.match(req.method ?? 'GET', path);
    const group: RouteGroupOptions = match.group ?? { name: 'default', errorBody: scaleErrorBody };
    const request: EmulatorRequest = {
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      headers: req.headers,
      params: match.params,
      body: req.method === 'POST' ? await readJsonBody(req) : undefined,
    };
    if (group.control) {
      send(res, await run(request, match.route?.handler, group));
      return;
    }
    let fault: string | undefined;
    const record = (status: number): void =>
      stats.record({
        method: request.method,
        path,
        query: [...url.searchParams],
        status,
        fault,
        authorized: req.headers.authorization !== undefined,
      });

    const latency = faults.latencyFor(path);
    if (latency > 0) await delay(latency);
    const preFault = faults.takePreFault(path);
    if (preFault) {
      fault = preFault.kind;
      if (preFault.kind === 'hang') {
        record(0);
        return; // Left open on purpose; close() tears it down.
      }
      const response = preFaultResponse(preFault, group);
      record(response.status);
      send(res, response);
      return;
    }

    let response: RouteResponse;
    if (match.methodNotAllowed) {
      response = { status: 405, body: group.errorBody(405, `${request.method} is not supported on ${path} by this emulator (read-only)`) };
    } else if (!match.route) {
      response = { status: 404, body: group.errorBody(404, `No such endpoint: ${request.method} ${path}`) };
    } else if (req.headers.authorization !== `Bearer ${apiKey}`) {
      const message =
        group.unauthorizedMessage?.(req.headers.authorization) ??
        'Unauthorized: the API key is missing or invalid. Send Authorization: Bearer <API key>.';
      response = { status: 401, body: group.errorBody(401, message) };
    } else {
      response = await run(request, match.route.handler, group);
    }
    const bodyFault =
      response.status >= 200 && response.status < 300 && (response.body !== undefined || response.json !== undefined)
        ? faults.takeBodyFault(path)
        : undefined;
    fault = bodyFault;
    record(response.status);
    send(res, response, bodyFault, faults.dripMs);
  }

  async function run(request: EmulatorRequest, handler: RouteHandler | undefined, group: RouteGroupOptions): Promise<RouteResponse> {
    if (!handler) return { status: 404, body: group.errorBody(404, `No such endpoint: ${request.method} ${request.path}`) };
    try {
      return await handler(request, { tokenExpired: (issuedAt) => faults.tokenExpired(issuedAt) });
    } catch (error) {
      if (error instanceof RouteError) return { status: error.status, body: group.errorBody(error.status, error.message) };
      throw error;
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const emulator: Emulator = {
    url: `http://127.0.0.1:${port}`,
    port,
    apiKey,
    faults,
    stats,
    scale,
    livepeer,
    livepeerLive,
    livepeerOutput,
    router,
    close: async () => {
      livepeerLive.stopTimer();
      await Promise.all([
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
        livepeerOutput.close(),
      ]);
    },
  };
  registerControlRoutes(router, emulator);
  registerLivepeerControlRoutes(router, emulator);
  registerScaleRoutes(router, scale);
  registerLivepeerRoutes(router, livepeer, { live: livepeerLive, output: livepeerOutput });
  for (const register of options.register ?? []) register(router, emulator);
  return emulator;
}

function preFaultResponse(fault: Exclude<PreFault, { kind: 'hang' }>, group: RouteGroupOptions): RouteResponse {
  if (fault.kind === 'rateLimit') {
    return {
      status: 429,
      body: group.errorBody(429, 'Too many requests, slow down'),
      headers: fault.retryAfter === undefined ? {} : { 'Retry-After': fault.retryAfter },
    };
  }
  return { status: fault.status, body: group.errorBody(fault.status, 'Service temporarily unavailable (injected fault)') };
}

function send(res: ServerResponse, response: RouteResponse, fault?: BodyFault, dripMs = 5): void {
  const headers: Record<string, string> = { ...response.headers };
  if (response.body === undefined && response.json === undefined) {
    res.writeHead(response.status, headers).end();
    return;
  }
  let bytes: Buffer;
  if (Buffer.isBuffer(response.json) && fault === undefined) {
    bytes = response.json; // already encoded
  } else {
    let text = Buffer.isBuffer(response.json) ? response.json.toString('utf8') : (response.json ?? JSON.stringify(response.body));
    if (fault === 'invalidJson') text = '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>';
    if (fault === 'truncateBody') text = text.slice(0, Math.floor(text.length / 2));
    bytes = Buffer.from(text, 'utf8');
  }
  headers['Content-Type'] = 'application/json; charset=utf-8';
  headers['Content-Length'] = String(bytes.length);
  res.writeHead(response.status, headers);
  if (fault === 'drip') {
    // A slow link: the body in eight pieces, `dripMs` apart.
    const piece = Math.max(1, Math.ceil(bytes.length / 8));
    const next = (offset: number): void => {
      if (offset >= bytes.length) {
        res.end();
        return;
      }
      res.write(bytes.subarray(offset, offset + piece));
      setTimeout(() => next(offset + piece), dripMs);
    };
    next(0);
    return;
  }
  if (fault === 'resetMidBody') {
    // Half the promised bytes, then a hard close: the client sees the connection die mid-body.
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.destroy());
    return;
  }
  res.end(bytes);
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new RouteError(400, 'Body is not valid JSON');
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
