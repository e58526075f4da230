/**
 * Turning whatever stopped a download into the error a person reads: what happened, how far it
 * got, and whether running it again resumes or only a restart (force) helps. Messages name the
 * sanitised file, never the raw platform name (it may hold terminal escapes or bidi tricks).
 */
import { formatNumber } from '../../shared/format';
import * as path from 'node:path';
import { CancelledError, isTaskLensError } from '../http/errors';
import { UnsafePathError } from '../fileNames';
import { DownloadError, DownloadIncompleteError, type IncompleteReason } from './errors';
import { DivergenceError, ServerFaultError } from './guards';
import type { DownloadPaths } from './paths';

/** Marks failures of our own disk writes, as opposed to the server's. */
export class WriteFailure extends Error {
  constructor(cause: unknown) {
    super(messageOf(cause), { cause });
  }
}

/**
 * @param token the page token of the request that failed (undefined for the first page).
 * @param written tasks safely in the partial file.
 */
export function incompleteError(
  error: unknown,
  token: string | undefined,
  paths: DownloadPaths,
  written: number,
  total: number | null,
): DownloadIncompleteError {
  const cause = error instanceof WriteFailure ? error.cause : error;
  const reason = incompleteReason(error, token);
  const count = formatNumber(written);
  const progress = total === null ? `${count} tasks` : `${count} of ${formatNumber(total)} tasks`;
  const what = `Downloading “${path.basename(paths.file)}” stopped after ${progress}: ${messageOf(cause)}.`;
  const kept = `The partial file is kept (${paths.partial}).`;
  const restart = 'start over with force (--force on the command line)';
  const resume = written === 0 ? 'run the download again' : `run the download again: it resumes from task ${formatNumber(written + 1)}`;
  const next: Record<IncompleteReason, string> = {
    token_refused: `The server would not continue from the saved page (its next_token may have expired), even after listing again from the first page, so resuming cannot work: ${restart}.`,
    diverged: `To download the list as it is now, ${restart}.`,
    server_fault: `This is a problem on the server's side; report it to the platform. The partial file is consistent: once it is fixed, ${resume}.`,
    rejected: `Check that it still exists and that the filters are valid; resuming will not help. To try from the beginning, ${restart}.`,
    auth: `Fix the API key, then ${resume}.`,
    transient: `Wait a little, then ${resume}; or ${restart}.`,
    write_failed: `Fix the problem (disk space, permissions), then ${resume}.`,
  };
  return new DownloadIncompleteError(`${what} ${kept} ${next[reason]}`, paths, reason, written, total, cause);
}

function incompleteReason(error: unknown, token: string | undefined): IncompleteReason {
  if (error instanceof WriteFailure) return 'write_failed';
  if (error instanceof DivergenceError) return 'diverged';
  if (error instanceof ServerFaultError) return 'server_fault';
  if (!isTaskLensError(error)) return 'transient';
  switch (error.kind) {
    case 'auth':
      return 'auth';
    case 'not_found':
      return 'rejected';
    case 'bad_request':
      // The first page has no token: a 4xx there is about the request itself, not a stale cursor.
      return token === undefined ? 'rejected' : 'token_refused';
    default:
      return 'transient';
  }
}

/**
 * Disk errors outside the paging loop (creating the folder, the first manifest, the final rename)
 * get the same typed, actionable error as those inside it; our own errors pass through.
 */
export function asDownloadFailure(error: unknown, paths: DownloadPaths, written: number, total: number | null): unknown {
  if (error instanceof DownloadError || error instanceof UnsafePathError || isTaskLensError(error)) return error;
  const message = `Could not write the download “${path.basename(paths.file)}” in ${paths.folder}: ${messageOf(error)}. Fix the problem (disk space, permissions, a file open elsewhere), then run the download again: it continues from its last checkpoint.`;
  return new DownloadIncompleteError(message, paths, 'write_failed', written, total, error);
}

export function throwIfCancelled(signal: AbortSignal | undefined, paths: DownloadPaths, written: number): void {
  if (signal?.aborted) throw cancelledError(paths, written);
}

export function cancelledError(paths: DownloadPaths, written: number): CancelledError {
  const kept = written > 0 ? ` after ${formatNumber(written)} tasks; the partial file is kept: run it again to resume` : '';
  return new CancelledError(`Download of “${path.basename(paths.file)}” cancelled${kept}.`);
}

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/[.\s]+$/, '');
}
