/**
 * The hosts an asset's `downloadUrl` points at. Real Studio serves output files from a CDN, not
 * from the API origin, so the emulator does too: an output host on a second port, and a mirror on
 * a third that the output host can redirect to (for the credential-drop test). Both serve the
 * deterministic bytes of `outputBytes.ts` with Range / If-Range, and record per request the Host,
 * the range asked for and whether an Authorization header was present (never its value).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { outputBytes, outputEtag, outputLength } from './outputBytes';

export interface OutputRequest {
  /** `output` or `mirror`: which of the two hosts answered. */
  readonly server: 'output' | 'mirror';
  readonly host: string;
  readonly method: string;
  readonly path: string;
  readonly authorized: boolean;
  readonly range: string | null;
  readonly ifRange: string | null;
  readonly status: number;
}

export interface OutputFaults {
  /** The next `count` bodies stop after `bytes` bytes with a hard close (a cut connection). */
  cut?: { count: number; bytes: number };
  /** Redirect every output-host request (302) to the mirror host. */
  redirectToMirror?: boolean;
  /** Wait this long between 64 KiB pieces (a slow link, for progress and cancel). */
  chunkDelayMs?: number;
}

const PATH = /^\/asset\/([A-Za-z0-9_-]+)\/video\/download\.mp4$/;
const LAST_MODIFIED = new Date(Date.UTC(2024, 5, 2)).toUTCString();
const PIECE = 64 * 1024;

export class OutputHosts {
  readonly log: OutputRequest[] = [];
  faults: OutputFaults = {};
  private output: Server | undefined;
  private mirror: Server | undefined;
  outputOrigin = '';
  mirrorOrigin = '';

  async start(): Promise<void> {
    this.output = await listen((req, res) => this.handle('output', req, res));
    this.mirror = await listen((req, res) => this.handle('mirror', req, res));
    this.outputOrigin = `http://127.0.0.1:${(this.output.address() as AddressInfo).port}`;
    this.mirrorOrigin = `http://127.0.0.1:${(this.mirror.address() as AddressInfo).port}`;
  }

  /** The `downloadUrl` of an asset with this playback id. */
  downloadUrl(playbackId: string): string {
    return `${this.outputOrigin}/asset/${playbackId}/video/download.mp4`;
  }

  resetLog(): void {
    this.log.length = 0;
  }

  async close(): Promise<void> {
    const servers = [this.output, this.mirror].filter((server): server is Server => server !== undefined);
    await Promise.all(servers.map(closeServer));
  }

  private handle(server: 'output' | 'mirror', req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://output.local').pathname;
    const range = header(req, 'range');
    const ifRange = header(req, 'if-range');
    const record = (status: number): void => {
      this.log.push({
        server,
        host: req.headers.host ?? '',
        method: req.method ?? 'GET',
        path,
        authorized: req.headers.authorization !== undefined,
        range,
        ifRange,
        status,
      });
    };
    const match = PATH.exec(path);
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !match) {
      record(404);
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    if (server === 'output' && this.faults.redirectToMirror) {
      record(302);
      res.writeHead(302, { Location: `${this.mirrorOrigin}${req.url ?? path}` }).end();
      return;
    }
    const playbackId = match[1] ?? '';
    const length = outputLength(playbackId);
    const etag = outputEtag(playbackId);
    const base = { 'Accept-Ranges': 'bytes', ETag: etag, 'Last-Modified': LAST_MODIFIED, 'Content-Type': 'video/mp4' };
    // If-Range: the range holds only while the validator still matches; otherwise the whole file.
    const honourRange = range !== null && (ifRange === null || ifRange === etag || ifRange === LAST_MODIFIED);
    let start = 0;
    let end = length;
    let status = 200;
    if (honourRange) {
      const parsed = /^bytes=(\d+)-(\d*)$/.exec(range.trim());
      const first = parsed ? Number(parsed[1]) : Number.NaN;
      if (!parsed || first >= length) {
        record(416);
        res.writeHead(416, { ...base, 'Content-Range': `bytes */${length}` }).end();
        return;
      }
      start = first;
      end = parsed[2] ? Math.min(length, Number(parsed[2]) + 1) : length;
      status = 206;
    }
    record(status);
    const headers: Record<string, string> = { ...base, 'Content-Length': String(end - start) };
    if (status === 206) headers['Content-Range'] = `bytes ${start}-${end - 1}/${length}`;
    res.writeHead(status, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const cut = this.faults.cut && this.faults.cut.count > 0 ? this.faults.cut : undefined;
    if (cut) cut.count--;
    const stopAt = cut ? Math.min(end, start + cut.bytes) : end;
    const delay = this.faults.chunkDelayMs ?? 0;
    const next = (offset: number): void => {
      if (res.destroyed) return;
      if (offset >= stopAt) {
        if (cut) res.socket?.destroy();
        else res.end();
        return;
      }
      const pieceEnd = Math.min(stopAt, offset + PIECE);
      const ok = res.write(outputBytes(playbackId, offset, pieceEnd));
      const go = (): void => {
        if (delay > 0) setTimeout(() => next(pieceEnd), delay);
        else next(pieceEnd);
      };
      if (ok) go();
      else res.once('drain', go);
    };
    next(start);
  }
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === 'string' ? value : null;
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Server> {
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return server;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
