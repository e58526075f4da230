/**
 * The download engine shared by the editor and the CLI: pages of a `DownloadPlan` → one JSONL
 * file, with a checkpoint after every page so a cancelled, failed or crashed download resumes
 * byte-identically, and an atomic rename when it is complete.
 *
 * Memory stays flat: at most the page being written and the next one (fetched while the current
 * one is written) are held. Retries, Retry-After and timeouts belong to the transport under
 * `plan.fetchPage`; a failure that reaches us is final for this run.
 */
import { rename, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { isTaskLensError } from '../http/errors';
import type { Sleep } from '../http/retry';
import type { DownloadPage, DownloadPlan } from '../platform/platform';
import { checkCount, ServerFaultError, taskIdOf, TokenGuard } from './guards';
import { PrefixCheck } from './prefixCheck';
import { PageFetcher, type PageRetryEvent } from './retryBudget';
import { DownloadBusyError } from './errors';
import { asDownloadFailure, cancelledError, incompleteError, throwIfCancelled, WriteFailure } from './failures';
import { MANIFEST_FORMAT, writeManifest, type DownloadManifest } from './manifest';
import type { PartialFile } from './partialFile';
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
  /**
   * How long the download may go without progress while retrying transient faults (429, 5xx,
   * resets, timeouts, unreadable bodies) before it stops. Default 5 minutes.
   */
  readonly maxRetryTimeMs?: number;
  /** Called before every retry wait, and when an expired token restarts the listing. */
  readonly onRetry?: (event: PageRetryEvent) => void;
  /** First retry backoff and its cap (tests make them tiny). */
  readonly retryBaseDelayMs?: number;
  readonly retryMaxDelayMs?: number;
  /** Injectable wait for retries (tests). */
  readonly sleep?: Sleep;
  /**
   * A per-task transform applied before a task is written (and before a restarted listing is
   * compared with the file), e.g. redacting a `workspace_token`. Must be deterministic. Without it
   * each task is written as the server sent it.
   */
  readonly transformTask?: (task: unknown) => unknown;
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

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

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
  readonly prefixSha256: string;
  readonly duplicates: number;
}

/** Restarts from the first page that led straight to another refused token before we give up. */
const MAX_RESTARTS_WITHOUT_PROGRESS = 3;

/** A 4xx on a request that carried a page token: the token expired or is no longer accepted. */
function isRefusedToken(error: unknown, token: string | undefined): boolean {
  return token !== undefined && isTaskLensError(error) && error.kind === 'bad_request';
}

class DownloadRun {
  private readonly now: () => number;
  private readonly startedMs: number;
  /** Set first thing in `run()`; everything else runs after that. */
  private manifest!: DownloadManifest;
  private resumedFrom = 0;
  private readonly warnings: string[] = [];
  /** Ids of the tasks in the file (a task the server lists twice is written once). */
  private seen = new Set<string>();
  private duplicates = 0;
  private readonly fetcher: PageFetcher;

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
    this.fetcher = new PageFetcher(plan, {
      maxRetryTimeMs: options.maxRetryTimeMs,
      baseDelayMs: options.retryBaseDelayMs,
      maxDelayMs: options.retryMaxDelayMs,
      sleep: options.sleep,
      now: options.now,
      onRetry: options.onRetry,
    });
  }

  async run(): Promise<DownloadResult> {
    const start = await openForDownload(this.plan, this.paths, this.options.force ?? false);
    if (start.mode === 'renamed') {
      // The crash came after the rename: the file is proven (size, SHA-256); only the record is left.
      this.manifest = start.manifest;
      this.resumedFrom = start.manifest.count;
      this.duplicates = start.manifest.duplicates ?? 0;
      return this.complete({ sha256: start.manifest.prefixSha256 ?? '', size: start.manifest.bytes }, false);
    }
    const file = start.file;
    try {
      if (start.mode === 'resume') {
        this.manifest = { ...start.manifest, expectedTotal: this.plan.expectedTotal, lastError: null };
        this.resumedFrom = start.manifest.count;
        this.seen = start.ids;
        this.duplicates = start.manifest.duplicates ?? 0;
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
    // The running hash covers every byte written (and the prefix re-read on resume).
    return this.complete({ sha256: file.digest(), size: file.size }, true);
  }

  /**
   * The paging loop: the next page is requested as soon as this one's token is known, before this
   * one is written. A refused token restarts the listing from the first page, verifying the tasks
   * already written (`PrefixCheck`) before appending again.
   */
  private async fetchAndWrite(file: PartialFile): Promise<void> {
    const { manifest } = this;
    if (manifest.pages > 0 && manifest.nextToken === null) return; // every page is in; only the rename is left
    // Our own controller, so a failure while writing also cancels the page fetched ahead.
    const controller = new AbortController();
    const forward = (): void => controller.abort(this.options.signal?.reason);
    this.options.signal?.addEventListener('abort', forward, { once: true });
    let token = manifest.nextToken ?? undefined;
    const tokens = new TokenGuard(token);
    let pageNumber = manifest.pages + 1;
    let check: PrefixCheck | null = null;
    let restartsWithoutProgress = 0;
    let furthest = -1;
    let inFlight: Promise<DownloadPage> | null = this.fetch(token, pageNumber, controller.signal);
    try {
      while (inFlight) {
        let page: DownloadPage;
        try {
          page = await inFlight;
        } catch (error) {
          if (!isRefusedToken(error, token) || this.options.signal?.aborted) throw error;
          // The saved or current token expired (a long wait, an old checkpoint): list again from
          // the start and prove the prefix, unless restarting just led straight to another refusal.
          // Progress between refusals: new tasks written, or the listing got further than ever.
          const reach = check ? check.verified : this.manifest.count;
          if (reach > furthest) {
            furthest = reach;
            restartsWithoutProgress = 0;
          }
          if (++restartsWithoutProgress > MAX_RESTARTS_WITHOUT_PROGRESS) throw error;
          this.options.onRetry?.({
            page: pageNumber,
            attempt: restartsWithoutProgress,
            delayMs: 0,
            reason: 'next_token refused, restarting from the first page',
            restart: true,
          });
          check = new PrefixCheck(file, this.manifest.count, this.manifest.bytes);
          tokens.reset();
          token = undefined;
          pageNumber = 1;
          inFlight = this.fetch(undefined, pageNumber, controller.signal);
          continue;
        }
        const next: string | null = page.nextToken;
        tokens.check(next, pageNumber);
        inFlight = next === null ? null : this.fetch(next, pageNumber + 1, controller.signal);
        token = next ?? undefined;
        throwIfCancelled(this.options.signal, this.paths, this.manifest.count);
        const fresh = await this.newLines(page.tasks, check);
        if (check?.done) {
          this.seen = check.seen;
          check = null;
        }
        this.fetcher.progressed();
        tokens.pageDone(fresh.lines.length + (check ? 1 : 0), pageNumber);
        pageNumber++;
        if (check) continue; // still inside the verified prefix: nothing new to record
        await file.appendRaw(fresh.lines, fresh.lines.length).catch((error: unknown) => {
          throw new WriteFailure(error);
        });
        this.duplicates += fresh.duplicates;
        await this.checkpoint({
          count: this.manifest.count + fresh.lines.length,
          bytes: file.size,
          pages: this.manifest.pages + 1,
          nextToken: next,
          prefixSha256: file.digest(),
          duplicates: this.duplicates,
        });
        checkCount(this.manifest.count, this.plan.expectedTotal);
      }
    } catch (error) {
      controller.abort();
      throw await this.stopped(error, token);
    } finally {
      this.options.signal?.removeEventListener('abort', forward);
    }
  }

  /**
   * This page's tasks as lines to append: each validated (an object with an id), duplicates of
   * tasks already written left out, and while a restarted listing is being verified, the tasks
   * already in the file checked against it instead of being written again.
   */
  private async newLines(tasks: readonly unknown[], check: PrefixCheck | null): Promise<{ lines: Buffer[]; duplicates: number }> {
    const lines: Buffer[] = [];
    let duplicates = 0;
    for (const task of tasks) {
      const id = taskIdOf(task);
      if (id === undefined) {
        throw new ServerFaultError(
          'The server sent a task without an id (task_id) in a page of the list, so it cannot be written or checked for duplicates.',
        );
      }
      const line = this.lineOf(task);
      if (check && !check.done) {
        await check.expect(line, id);
        continue;
      }
      const seen = check ? check.seen : this.seen;
      if (seen.has(id)) {
        duplicates++;
        continue;
      }
      seen.add(id);
      lines.push(line);
    }
    return { lines, duplicates };
  }

  private lineOf(task: unknown): Buffer {
    const transformed = this.options.transformTask ? this.options.transformTask(task) : task;
    return Buffer.from(`${JSON.stringify(transformed) ?? 'null'}\n`, 'utf8');
  }

  private fetch(token: string | undefined, page: number, signal: AbortSignal): Promise<DownloadPage> {
    const request = this.fetcher.fetch(token, page, signal);
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
  private async complete({ sha256, size }: { sha256: string; size: number }, rename: boolean): Promise<DownloadResult> {
    const { count } = this.manifest;
    const expected = this.plan.expectedTotal;
    if (this.duplicates > 0) {
      this.warnings.push(
        `The server listed ${this.duplicates.toLocaleString('en-US')} task${this.duplicates === 1 ? '' : 's'} more than once; each task is in the file once.`,
      );
    }
    if (expected !== null && expected !== count) {
      this.warnings.push(
        `Expected ${expected.toLocaleString('en-US')} tasks (the platform's count) but the server listed ${count.toLocaleString('en-US')}. The file holds every task the server returned; check the source before relying on it.`,
      );
    }
    if (rename) await renameInPlace(this.paths.partial, this.paths.file, size);
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
      prefixSha256: EMPTY_SHA256,
      duplicates: 0,
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

/** Moves the finished partial file into place, after checking it holds exactly what was written. */
async function renameInPlace(partial: string, file: string, size: number): Promise<void> {
  const onDisk = (await stat(partial)).size;
  if (onDisk !== size) {
    throw new Error(
      `the partial file is ${onDisk} bytes where ${size} were written (something else changed it), so it was not renamed into place`,
    );
  }
  await rename(partial, file);
}
