/**
 * One download's loop, for runDownload (engine.ts), which holds the file's lock around it: pages
 * fetched one ahead, each task's bytes appended, a checkpoint about every second, the listing
 * restarted and the prefix proved after a refused token, and the finished file renamed into place.
 */
import * as path from 'node:path';
import { isTaskLensError } from '../http/errors';
import { abortableSleep } from '../http/retry';
import type { DownloadPlan } from '../platform/platform';
import { checkCount, TokenGuard } from './guards';
import { IdSet } from './idSet';
import { pageLines } from './pageLines';
import { PrefixCheck } from './prefixCheck';
import type { RawPage } from './rawPages';
import { PageFetcher } from './retryBudget';
import type { DownloadOptions, DownloadResult } from './options';
import { cancelledError, incompleteError, throwIfCancelled, WriteFailure } from './failures';
import { completionWarnings, renameInPlace } from './finish';
import { freshManifest, writeManifest, type DownloadManifest } from './manifest';
import type { PartialFile } from './partialFile';
import type { DownloadPaths } from './paths';
import { openForDownload } from './start';

/** How often what was written is made durable and recorded. */
const CHECKPOINT_INTERVAL_MS = 1_000;

/** A 4xx on a request that carried a page token: the token expired or is no longer accepted. */
function isRefusedToken(error: unknown, token: string | undefined): boolean {
  return token !== undefined && isTaskLensError(error) && error.kind === 'bad_request';
}

export class DownloadRun {
  private readonly now: () => number;
  private readonly startedMs: number;
  /** Set first thing in `run()`; everything else runs after that. */
  private manifest!: DownloadManifest;
  private resumedFrom = 0;
  private readonly warnings: string[] = [];
  /** Ids of the tasks in the file (a task the server lists twice is written once). */
  private seen = new IdSet();
  private duplicates = 0;
  private readonly fetcher: PageFetcher;
  /** Written since the last checkpoint: pages, and the token after the last of them. */
  private pagesWritten = 0;
  private nextToken: string | null = null;
  private lastCheckpointMs = 0;
  /** When the listing last got past what the file held (for refused-token restarts). */
  private lastAppendMs = 0;

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
      idleTimeoutMs: options.idleTimeoutMs,
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
        this.manifest = freshManifest(this.plan, path.basename(this.paths.file), this.isoNow(), this.warnings);
        await writeManifest(this.paths.manifest, this.manifest);
      }
      this.report(this.manifest.count, this.manifest.bytes);
      this.lastCheckpointMs = this.now();
      this.lastAppendMs = this.now();
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
    let inFlight: Promise<RawPage> | null = this.fetch(token, pageNumber, controller.signal);
    try {
      while (inFlight) {
        let page: RawPage;
        try {
          page = await inFlight;
        } catch (error) {
          if (!isRefusedToken(error, token) || this.options.signal?.aborted) throw error;
          // The saved or current token expired (a long wait, an old checkpoint): list again from
          // the start and prove the prefix. A restart that gets no further than the last one waits
          // first (backoff), and they stop when the budget of time without new tasks is spent.
          const reach = check ? check.verified : file.lines;
          if (reach > furthest) {
            furthest = reach;
            restartsWithoutProgress = 0;
          }
          restartsWithoutProgress++;
          const delayMs = restartsWithoutProgress === 1 ? 0 : this.fetcher.backoffMs(restartsWithoutProgress - 1);
          if (this.now() - this.lastAppendMs + delayMs > this.fetcher.budgetMs) throw error;
          this.options.onRetry?.({
            page: pageNumber,
            attempt: restartsWithoutProgress,
            delayMs,
            reason: 'next_token refused, restarting from the first page',
            restart: true,
          });
          if (delayMs > 0) await (this.options.sleep ?? abortableSleep)(delayMs, controller.signal);
          check = new PrefixCheck(file, file.lines, file.size);
          tokens.reset();
          token = undefined;
          pageNumber = 1;
          inFlight = this.fetch(undefined, pageNumber, controller.signal);
          continue;
        }
        const next: string | null = page.nextToken;
        tokens.check(next, pageNumber);
        // Requested before this page is written: the network and the disk work at the same time.
        inFlight = next === null ? null : this.fetch(next, pageNumber + 1, controller.signal);
        token = next ?? undefined;
        throwIfCancelled(this.options.signal, this.paths, this.manifest.count);
        const verifying = check !== null;
        const fresh = await pageLines(page, check, this.seen, this.options.transformTask);
        if (check?.done) {
          this.seen = check.seen;
          check = null;
        }
        this.fetcher.progressed();
        tokens.pageDone(fresh.lines.length + (check ? 1 : 0), pageNumber);
        pageNumber++;
        if (check) {
          page.release?.();
          continue; // still inside the verified prefix: nothing new to record
        }
        await file.appendRaw(fresh.lines, fresh.count).catch((error: unknown) => {
          throw new WriteFailure(error);
        });
        page.release?.();
        this.duplicates += fresh.duplicates;
        this.pagesWritten++;
        // Past the verified prefix: this page is the listing going further than the file had.
        if (fresh.count > 0 || !verifying) this.lastAppendMs = this.now();
        this.nextToken = next;
        checkCount(file.lines, this.plan.expectedTotal);
        if (next === null || this.now() - this.lastCheckpointMs >= CHECKPOINT_INTERVAL_MS) await this.checkpoint(file);
        this.report(file.lines, file.size);
      }
    } catch (error) {
      controller.abort();
      throw await this.stopped(error, token, file);
    } finally {
      this.options.signal?.removeEventListener('abort', forward);
    }
  }

  private fetch(token: string | undefined, page: number, signal: AbortSignal): Promise<RawPage> {
    const request = this.fetcher.fetch(token, page, signal);
    // A page fetched ahead may be abandoned (cancel, write error); its rejection is expected then.
    request.catch(() => undefined);
    return request;
  }

  /**
   * Makes what was written durable (fsync) and records it (the manifest), at most about once a
   * second and at the end: a crash loses at most the pages since, which a resume fetches again.
   */
  private async checkpoint(file: PartialFile): Promise<void> {
    await file.sync().catch((error: unknown) => {
      throw new WriteFailure(error);
    });
    this.manifest = {
      ...this.manifest,
      count: file.lines,
      bytes: file.size,
      pages: this.manifest.pages + this.pagesWritten,
      nextToken: this.nextToken,
      prefixSha256: file.digest(),
      duplicates: this.duplicates,
      updatedAt: this.isoNow(),
    };
    this.pagesWritten = 0;
    await writeManifest(this.paths.manifest, this.manifest).catch((error: unknown) => {
      throw new WriteFailure(error);
    });
    this.lastCheckpointMs = this.now();
  }

  /** Renames the partial file into place and records its checksum. */
  private async complete({ sha256, size }: { sha256: string; size: number }, rename: boolean): Promise<DownloadResult> {
    const { count } = this.manifest;
    const expected = this.plan.expectedTotal;
    this.warnings.push(...completionWarnings(this.duplicates, expected, count));
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

  /**
   * Records how far the run got and why it stopped, and builds the error to throw. Pages are
   * appended whole, so what was written is checkpointed first, unless writing itself failed.
   */
  private async stopped(error: unknown, token: string | undefined, file: PartialFile): Promise<Error> {
    if (!(error instanceof WriteFailure) && this.pagesWritten > 0) await this.checkpoint(file).catch(() => undefined);
    const cancelled = this.options.signal?.aborted === true;
    const result = cancelled
      ? cancelledError(this.paths, this.manifest.count)
      : incompleteError(error, token, this.paths, this.manifest.count, this.plan.expectedTotal);
    const lastError = cancelled ? 'Cancelled.' : result.message;
    this.manifest = { ...this.manifest, updatedAt: this.isoNow(), lastError };
    await writeManifest(this.paths.manifest, this.manifest).catch(() => undefined);
    return result;
  }

  private report(written: number, bytes: number): void {
    const seconds = (this.now() - this.startedMs) / 1000;
    const fresh = written - this.resumedFrom;
    const tasksPerSecond = seconds > 0 ? fresh / seconds : 0;
    this.options.onProgress?.({ written, total: this.plan.expectedTotal, bytes, tasksPerSecond, resumedFrom: this.resumedFrom });
  }

  private isoNow(): string {
    return new Date(this.now()).toISOString();
  }
}
