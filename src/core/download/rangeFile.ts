/**
 * One file from a URL, resumable with HTTP Range / If-Range: bytes go to `<file>.part`, a small
 * manifest beside it (`<file>.part.json`) records what the partial file is of (the caller's
 * identity, the server's validator and the size), and the partial file is renamed into place once
 * every byte arrived. A cut connection resumes from the bytes on disk (`Range: bytes=N-` with
 * `If-Range: <ETag>`, so a file that changed meanwhile comes back whole and replaces the partial
 * one); cancelling keeps the partial file for the next run.
 *
 * Credentials: the HTTP client sends the API key only to its own origin. A redirect is followed by
 * hand, always without credentials, and never from https to http.
 */
import { constants } from 'node:fs';
import { readFile, rename, stat, unlink, writeFile, type FileHandle } from 'node:fs/promises';
import { formatNumber } from '../../shared/format';
import { CancelledError, InvalidResponseError, isCancelledError, isTaskLensError, NetworkError, type TaskLensError } from '../http/errors';
import type { HttpClient, StreamedResponse } from '../http/client';
import { abortableSleep, type Sleep } from '../http/retry';
import { WriteFailure } from './failures';
import { describeOwner, DownloadLock, FileBusyError, LOCK_SUFFIX } from './lock';
import { createFresh, openExisting } from './safeOpen';

export interface RangeDownloadOptions {
  readonly http: HttpClient;
  readonly url: string;
  /** Absolute path of the finished file, already checked to be inside the chosen folder. */
  readonly file: string;
  /** What the file is of (e.g. the asset id); a partial file of something else is discarded. */
  readonly identity: string;
  /** Send the API key on the first request (only ever to the client's own origin). */
  readonly credentials?: boolean;
  /** Replace a finished file instead of reporting it. */
  readonly force?: boolean;
  readonly signal?: AbortSignal;
  /** No byte for this long abandons an attempt, which then resumes (default: the client's timeout). */
  readonly idleTimeoutMs?: number;
  readonly onProgress?: (received: number, total: number | undefined) => void;
  /** Attempts in a row that bring no new byte before giving up. Default 5. */
  readonly maxFailures?: number;
  readonly sleep?: Sleep;
}

export interface RangeDownloadResult {
  readonly file: string;
  readonly bytes: number;
  /** Bytes that were already on disk from an earlier, interrupted run. */
  readonly resumedFrom: number;
  /** Requests made (redirect hops included). */
  readonly requests: number;
  /** The file was there already and nothing was fetched. */
  readonly alreadyComplete: boolean;
}

interface PartManifest {
  readonly v: 1;
  readonly identity: string;
  readonly validator: string | null;
  readonly total: number | null;
}

const MAX_REDIRECTS = 5;

/**
 * Downloads `options.url` into `options.file` under the file's one-writer lock (`<file>.lock`, the
 * same lock task-list downloads take): a second run, in this process or another, is refused with
 * FileBusyError before it reads or touches anything, `force` included.
 */
export async function downloadRange(options: RangeDownloadOptions): Promise<RangeDownloadResult> {
  const lockFile = `${options.file}${LOCK_SUFFIX}`;
  const attempt = await DownloadLock.acquire(lockFile);
  if (!attempt.ok) throw new FileBusyError(options.file, lockFile, describeOwner(attempt.holder));
  try {
    return await downloadLocked(options);
  } finally {
    await attempt.lock.release();
  }
}

async function downloadLocked(options: RangeDownloadOptions): Promise<RangeDownloadResult> {
  const { file } = options;
  const part = `${file}.part`;
  const manifestFile = `${part}.json`;
  if (!options.force && (await exists(file)) && !(await exists(part))) {
    const size = (await stat(file)).size;
    return { file, bytes: size, resumedFrom: size, requests: 0, alreadyComplete: true };
  }
  let manifest = await readManifest(manifestFile);
  let offset = 0;
  if (manifest && manifest.identity === options.identity && manifest.validator) offset = await sizeOf(part);
  else manifest = null;
  const resumedFrom = offset;
  let requests = 0;
  let failures = 0;
  const maxFailures = Math.max(1, options.maxFailures ?? 5);
  const sleep = options.sleep ?? abortableSleep;

  for (;;) {
    let url = new URL(options.url);
    let credentials = options.credentials ?? true;
    let outcome: AttemptResult | undefined;
    for (let hops = 0; ; hops++) {
      const headers: Record<string, string> = {};
      if (offset > 0 && manifest?.validator) {
        headers.Range = `bytes=${offset}-`;
        headers['If-Range'] = manifest.validator;
      }
      requests++;
      let active: Promise<AttemptResult> | undefined;
      try {
        outcome = await options.http.streamUrl(
          url.href,
          { headers, credentials, signal: options.signal, timeoutMs: options.idleTimeoutMs },
          (response) => {
            active = receive(response, { part, manifestFile, identity: options.identity, offset, onProgress: options.onProgress });
            return active;
          },
        );
      } catch (error) {
        // The client may give up (timeout, cancel) while the body is still being written: let the
        // writer finish, so the next attempt starts from what is really on disk.
        await Promise.resolve(active)?.catch(() => undefined);
        outcome = { kind: 'failed', error };
      }
      if (outcome.kind !== 'redirect') break;
      if (hops >= MAX_REDIRECTS) throw invalid(url, `more than ${MAX_REDIRECTS} redirects`);
      const next = new URL(outcome.location, url);
      if (next.protocol !== 'https:' && next.protocol !== 'http:') throw invalid(url, `a redirect to a ${next.protocol} URL`);
      if (url.protocol === 'https:' && next.protocol === 'http:') throw invalid(url, 'a redirect from https to plain http');
      // Another host never sees the key, and neither does the API origin after a hop.
      url = next;
      credentials = false;
    }
    if (outcome.kind === 'done') {
      await rename(part, file);
      await unlink(manifestFile).catch(() => undefined);
      return { file, bytes: outcome.bytes, resumedFrom, requests, alreadyComplete: false };
    }
    if (outcome.kind === 'restart') {
      // The server no longer honours the range (416, or a range that starts elsewhere).
      offset = 0;
      manifest = null;
      await unlink(part).catch(() => undefined);
      failures++;
    } else {
      const error = outcome.error;
      if (isCancelledError(error) || options.signal?.aborted) throw cancelled(error, part);
      if (error instanceof WriteFailure) throw error;
      if (isTaskLensError(error) && error.status === 416 && offset > 0) {
        offset = 0;
        manifest = null;
        await unlink(part).catch(() => undefined);
      } else if (isTaskLensError(error) && !retryableAfterCut(error)) {
        throw error;
      }
      const onDisk = await sizeOf(part);
      failures = onDisk > offset ? 1 : failures + 1;
      offset = onDisk;
      manifest = await readManifest(manifestFile);
      if (failures > maxFailures) throw gaveUp(error, part, offset, manifest?.total ?? null, failures);
    }
    try {
      await sleep(Math.min(8_000, 250 * 2 ** (failures - 1)), options.signal);
    } catch {
      throw cancelled(undefined, part);
    }
  }
}

type AttemptResult =
  | { readonly kind: 'done'; readonly bytes: number }
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'restart' }
  | { readonly kind: 'failed'; readonly error: unknown };

interface ReceiveContext {
  readonly part: string;
  readonly manifestFile: string;
  readonly identity: string;
  readonly offset: number;
  readonly onProgress?: (received: number, total: number | undefined) => void;
}

async function receive(response: StreamedResponse, ctx: ReceiveContext): Promise<AttemptResult> {
  if (response.status >= 300 && response.status < 400) {
    const location = response.header('location');
    if (!location) throw new InvalidResponseError(`A redirect (${response.status}) without a Location header.`);
    return { kind: 'redirect', location };
  }
  const validator = response.header('etag') ?? response.header('last-modified');
  let start = 0;
  let total: number | undefined;
  if (response.status === 206) {
    const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(response.header('content-range')?.trim() ?? '');
    if (!range || Number(range[1]) !== ctx.offset) return { kind: 'restart' };
    start = ctx.offset;
    total = range[3] === '*' ? undefined : Number(range[3]);
  } else {
    const length = Number(response.header('content-length') ?? Number.NaN);
    total = Number.isFinite(length) ? length : undefined;
  }
  let handle: FileHandle | null;
  try {
    const manifest: PartManifest = { v: 1, identity: ctx.identity, validator, total: total ?? null };
    await writeFile(ctx.manifestFile, `${JSON.stringify(manifest)}\n`, { mode: 0o600 });
    // A 200 answers with the whole file: whatever was on disk is replaced.
    handle = start > 0 ? await openExisting(ctx.part) : await createFresh(ctx.part, constants.O_WRONLY);
    if (!handle) return { kind: 'restart' };
  } catch (error) {
    throw new WriteFailure(error);
  }
  let received = start;
  try {
    if (start > 0) await handle.truncate(start).catch((error: unknown) => Promise.reject(new WriteFailure(error)));
    ctx.onProgress?.(received, total);
    for await (const chunk of response.chunks) {
      try {
        await handle.write(chunk, 0, chunk.byteLength, received);
      } catch (error) {
        throw new WriteFailure(error);
      }
      received += chunk.byteLength;
      ctx.onProgress?.(received, total);
    }
  } finally {
    await handle.close().catch(() => undefined);
  }
  if (total !== undefined && received !== total) {
    throw new InvalidResponseError(`The file ended after ${received} of ${total} bytes.`);
  }
  return { kind: 'done', bytes: received };
}

/** Cut connections, timeouts, server errors and short bodies are worth resuming; refusals are not. */
function retryableAfterCut(error: TaskLensError): boolean {
  return (
    error.kind === 'network' ||
    error.kind === 'timeout' ||
    error.kind === 'server' ||
    error.kind === 'invalid_response' ||
    error.kind === 'rate_limited'
  );
}

/** What stopped the download for good, with how far it got and how to go on. */
function gaveUp(error: unknown, part: string, bytes: number, total: number | null, attempts: number): Error {
  const cause = error instanceof Error ? error.message : String(error);
  const progress = total === null ? `${formatNumber(bytes)} bytes` : `${formatNumber(bytes)} of ${formatNumber(total)} bytes`;
  return new NetworkError(
    `The download stopped after ${progress} (${attempts} attempts without progress): ${cause} The partial file is kept (${part}); download again to resume.`,
    { cause: error },
  );
}

function cancelled(error: unknown, part: string): CancelledError {
  if (error instanceof CancelledError) {
    error.message = `${error.message} The partial file is kept (${part}); download again to resume.`;
    return error;
  }
  return new CancelledError(`Download cancelled. The partial file is kept (${part}); download again to resume.`);
}

function invalid(url: URL, problem: string): InvalidResponseError {
  return new InvalidResponseError(`Download from ${url.origin} refused: ${problem}.`);
}

async function readManifest(file: string): Promise<PartManifest | null> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<PartManifest>;
    if (parsed.v !== 1 || typeof parsed.identity !== 'string') return null;
    return {
      v: 1,
      identity: parsed.identity,
      validator: typeof parsed.validator === 'string' ? parsed.validator : null,
      total: typeof parsed.total === 'number' ? parsed.total : null,
    };
  } catch {
    return null;
  }
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
