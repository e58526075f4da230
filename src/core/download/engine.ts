/**
 * The download engine shared by the editor and the CLI: pages of a `DownloadPlan` → one JSONL
 * file, with a checkpoint after every page so a cancelled, failed or crashed download resumes
 * byte-identically, and an atomic rename when it is complete.
 *
 * Memory stays flat: at most the page being written and the next one (fetched while the current
 * one is written) are held. Retries, Retry-After and timeouts belong to the transport under
 * `plan.fetchPage`; a failure that reaches us is final for this run.
 */
import { rename } from 'node:fs/promises';
import * as path from 'node:path';
import { InvalidResponseError } from '../http/errors';
import type { DownloadPage, DownloadPlan } from '../platform/platform';
import { DownloadBusyError } from './errors';
import { asDownloadFailure, cancelledError, incompleteError, throwIfCancelled, WriteFailure } from './failures';
import { MANIFEST_FORMAT, writeManifest, type DownloadManifest } from './manifest';
import { hashFile, type PartialFile } from './partialFile';
import { plannedPaths, preparePaths, type DownloadPaths } from './paths';
import { openForDownload } from './start';
import { DownloadLock, describeOwner } from './lock';

export interface DownloadProgress {
  /** Tasks in the file so far (including those from before a resume). */
  readonly written: number;
  /** Expected tasks, when the platform knows. */
  readonly total: number | null;
  /** Bytes in the file so far. */
  readonly bytes: number;
  /** Speed of this run (tasks fetched and written per second, resumed ones not counted). */
  readonly tasksPerSecond: number;
  /** Tasks that were already there when this run started (0 for a fresh download). */
  readonly resumedFrom: number;
}

export interface DownloadOptions {
  /** Start over even if the file is complete or a partial download of another source is in the way. */
  readonly force?: boolean;
  readonly signal?: AbortSignal;
  /** Called once at the start and after every page written. */
  readonly onProgress?: (progress: DownloadProgress) => void;
  /** Injectable clock (milliseconds) for tests. */
  readonly now?: () => number;
}

export interface DownloadResult {
  readonly paths: DownloadPaths;
  /** The finished file (same as `paths.file`). */
  readonly file: string;
  readonly count: number;
  readonly bytes: number;
  readonly sha256: string;
  readonly expectedTotal: number | null;
  readonly resumedFrom: number;
  /** Problems that did not stop the download (e.g. the count differs from the expected total). */
  readonly warnings: readonly string[];
  readonly manifest: DownloadManifest;
}

/** Targets being downloaded in this process: two runs appending to one file would corrupt it. */
const active = new Set<string>();

/**
 * Downloads `plan` to `plannedPaths(root, plan).file`.
 * @throws AlreadyDownloadedError, DownloadSourceMismatchError (both need `force`),
 *   DownloadIncompleteError (partial kept; see its `resumable`), DownloadBusyError,
 *   CancelledError (partial kept, resumable), UnsafePathError.
 */
export async function runDownload(plan: DownloadPlan, root: string, options: DownloadOptions = {}): Promise<DownloadResult> {
  const paths = plannedPaths(root, plan);
  if (active.has(paths.file)) throw new DownloadBusyError(paths);
  active.add(paths.file);
  const run = new DownloadRun(plan, paths, options);
  let lock: DownloadLock | undefined;
  try {
    throwIfCancelled(options.signal, paths, 0);
    await preparePaths(paths);
    // Taken before anything is read or opened: even --force never touches a file another run holds.
    const attempt = await DownloadLock.acquire(paths.lock, options.now);
    if (!attempt.ok) throw new DownloadBusyError(paths, describeOwner(attempt.holder));
    lock = attempt.lock;
    return await run.run();
  } catch (error) {
    throw asDownloadFailure(error, paths, run.written, plan.expectedTotal);
  } finally {
    await lock?.release();
    active.delete(paths.file);
  }
}

interface Checkpoint {
  readonly count: number;
  readonly bytes: number;
  readonly pages: number;
  readonly nextToken: string | null;
}

class DownloadRun {
  private readonly now: () => number;
  private readonly startedMs: number;
  /** Set first thing in `run()`; everything else runs after that. */
  private manifest!: DownloadManifest;
  private resumedFrom = 0;
  private readonly warnings: string[] = [];

  /** Tasks safely in the file so far. */
  get written(): number {
    // Also asked when `run()` failed before it set the manifest.
    return (this.manifest as DownloadManifest | undefined)?.count ?? 0;
  }

  constructor(
    private readonly plan: DownloadPlan,
    private readonly paths: DownloadPaths,
    private readonly options: DownloadOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.startedMs = this.now();
  }

  async run(): Promise<DownloadResult> {
    const start = await openForDownload(this.plan, this.paths, this.options.force ?? false);
    const file = start.file;
    try {
      if (start.mode === 'resume') {
        this.manifest = { ...start.manifest, expectedTotal: this.plan.expectedTotal, lastError: null };
        this.resumedFrom = start.manifest.count;
      } else {
        this.warnings.push(...start.warnings);
        this.manifest = this.freshManifest();
        await writeManifest(this.paths.manifest, this.manifest);
      }
      this.report(this.manifest);
      await this.fetchAndWrite(file);
    } finally {
      await file.close().catch(() => undefined);
    }
    return this.complete();
  }

  /** The paging loop: the next page is requested before the current one is written. */
  private async fetchAndWrite(file: PartialFile): Promise<void> {
    const { manifest } = this;
    if (manifest.pages > 0 && manifest.nextToken === null) return; // every page is in; only the rename is left
    // Our own controller, so a failure while writing also cancels the page fetched ahead.
    const controller = new AbortController();
    const forward = (): void => controller.abort(this.options.signal?.reason);
    this.options.signal?.addEventListener('abort', forward, { once: true });
    let token = manifest.nextToken ?? undefined;
    let inFlight: Promise<DownloadPage> | null = this.fetch(token, controller.signal);
    try {
      while (inFlight) {
        const page: DownloadPage = await inFlight;
        const next: string | null = page.nextToken;
        if (next !== null && next === token) {
          throw new InvalidResponseError(
            'The server sent the same next_token twice in a row; following it would repeat the same page forever.',
          );
        }
        inFlight = next === null ? null : this.fetch(next, controller.signal);
        token = next ?? undefined;
        throwIfCancelled(this.options.signal, this.paths, this.manifest.count);
        await file.appendLines(page.tasks).catch((error: unknown) => {
          throw new WriteFailure(error);
        });
        await this.checkpoint({
          count: this.manifest.count + page.tasks.length,
          bytes: file.size,
          pages: this.manifest.pages + 1,
          nextToken: next,
        });
      }
    } catch (error) {
      controller.abort();
      throw await this.stopped(error, token);
    } finally {
      this.options.signal?.removeEventListener('abort', forward);
    }
  }

  private fetch(token: string | undefined, signal: AbortSignal): Promise<DownloadPage> {
    const request = this.plan.fetchPage(token, { signal });
    // A page fetched ahead may be abandoned (cancel, write error); its rejection is expected then.
    request.catch(() => undefined);
    return request;
  }

  private async checkpoint(point: Checkpoint): Promise<void> {
    this.manifest = { ...this.manifest, ...point, updatedAt: this.isoNow() };
    await writeManifest(this.paths.manifest, this.manifest).catch((error: unknown) => {
      throw new WriteFailure(error);
    });
    this.report(this.manifest);
  }

  /** Renames the partial file into place and records its checksum. */
  private async complete(): Promise<DownloadResult> {
    const { sha256, size } = await hashFile(this.paths.partial);
    const { count } = this.manifest;
    const expected = this.plan.expectedTotal;
    if (expected !== null && expected !== count) {
      this.warnings.push(
        `Expected ${expected.toLocaleString('en-US')} tasks (the platform's count) but the server listed ${count.toLocaleString('en-US')}. The file holds every task the server returned; check the source before relying on it.`,
      );
    }
    await rename(this.paths.partial, this.paths.file);
    const at = this.isoNow();
    this.manifest = {
      ...this.manifest,
      status: 'complete',
      updatedAt: at,
      completedAt: at,
      sha256,
      size,
      lastError: null,
      warnings: [...this.warnings],
    };
    await writeManifest(this.paths.manifest, this.manifest);
    return {
      paths: this.paths,
      file: this.paths.file,
      count,
      bytes: size,
      sha256,
      expectedTotal: expected,
      resumedFrom: this.resumedFrom,
      warnings: this.warnings,
      manifest: this.manifest,
    };
  }

  /** Records why the run stopped (the checkpoint stays as it was) and builds the error to throw. */
  private async stopped(error: unknown, token: string | undefined): Promise<Error> {
    const cancelled = this.options.signal?.aborted === true;
    const result = cancelled
      ? cancelledError(this.paths, this.manifest.count)
      : incompleteError(error, token, this.paths, this.manifest.count, this.plan.expectedTotal);
    const lastError = cancelled ? 'Cancelled.' : result.message;
    this.manifest = { ...this.manifest, updatedAt: this.isoNow(), lastError };
    await writeManifest(this.paths.manifest, this.manifest).catch(() => undefined);
    return result;
  }

  private freshManifest(): DownloadManifest {
    const at = this.isoNow();
    return {
      format: MANIFEST_FORMAT,
      source: this.plan.source,
      status: 'partial',
      file: path.basename(this.paths.file),
      count: 0,
      bytes: 0,
      pages: 0,
      nextToken: null,
      expectedTotal: this.plan.expectedTotal,
      startedAt: at,
      updatedAt: at,
      completedAt: null,
      sha256: null,
      size: null,
      lastError: null,
      warnings: [...this.warnings],
    };
  }

  private report(manifest: DownloadManifest): void {
    const seconds = (this.now() - this.startedMs) / 1000;
    const fresh = manifest.count - this.resumedFrom;
    const tasksPerSecond = seconds > 0 ? fresh / seconds : 0;
    this.options.onProgress?.({
      written: manifest.count,
      total: this.plan.expectedTotal,
      bytes: manifest.bytes,
      tasksPerSecond,
      resumedFrom: this.resumedFrom,
    });
  }

  private isoNow(): string {
    return new Date(this.now()).toISOString();
  }
}
