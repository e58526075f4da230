/**
 * The download engine shared by the editor and the CLI: pages of a `DownloadPlan` → one JSONL
 * file, each task written as the bytes the server sent, with a checkpoint about every second so a
 * cancelled, failed or crashed download resumes byte-identically, and an atomic rename when it is
 * complete. One writer per file (lock.ts); transient faults are retried while the download keeps
 * making progress (retryBudget.ts); a refused token restarts the listing and proves the prefix
 * (prefixCheck.ts); a broken server is stopped (guards.ts).
 *
 * Memory stays flat: at most the page being written and the next one (fetched while the current
 * one is written) are held, plus the ids seen (to write a duplicate once).
 */
import type { DownloadPlan } from '../platform/platform';
import { DownloadRun } from './downloadRun';
import { DownloadBusyError } from './errors';
import { asDownloadFailure, throwIfCancelled } from './failures';
import { DownloadLock, describeOwner } from './lock';
import type { DownloadOptions, DownloadResult } from './options';
import { preparePaths, resolvePaths } from './paths';

/** Targets being downloaded in this process: two runs appending to one file would corrupt it. */
const active = new Set<string>();

/**
 * Downloads `plan` to `resolvePaths(root, plan).file` (normally `plannedPaths(root, plan).file`).
 * @throws AlreadyDownloadedError, DownloadSourceMismatchError (both need `force`),
 *   DownloadIncompleteError (partial kept; see its `resumable`), DownloadBusyError,
 *   CancelledError (partial kept, resumable), UnsafePathError.
 */
export async function runDownload(plan: DownloadPlan, root: string, options: DownloadOptions = {}): Promise<DownloadResult> {
  const paths = await resolvePaths(root, plan);
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
