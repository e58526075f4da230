/**
 * Turning whatever stopped a download into the error a person reads: what happened, how far it
 * got, and whether running it again resumes or only a restart (force) helps. Messages name the
 * sanitised file, never the raw platform name (it may hold terminal escapes or bidi tricks). The
 * wording goes through @vscode/l10n (the editor's language; English in the CLI).
 */
import * as l10n from '@vscode/l10n';
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
  const progress = total === null ? l10n.t('{0} tasks', count) : l10n.t('{0} of {1} tasks', count, formatNumber(total));
  const what = l10n.t('Downloading “{0}” stopped after {1}: {2}.', path.basename(paths.file), progress, messageOf(cause));
  const kept = l10n.t('The partial file is kept ({0}).', paths.partial);
  const restart = l10n.t('start over with force (--force on the command line)');
  const resume =
    written === 0
      ? l10n.t('run the download again')
      : l10n.t('run the download again: it resumes from task {0}', formatNumber(written + 1));
  const next: Record<IncompleteReason, () => string> = {
    token_refused: () =>
      l10n.t(
        'The server would not continue from the saved page (its next_token may have expired), even after listing again from the first page, so resuming cannot work: {0}.',
        restart,
      ),
    diverged: () => l10n.t('To download the list as it is now, {0}.', restart),
    server_fault: () =>
      l10n.t(
        "This is a problem on the server's side; report it to the platform. The partial file is consistent: once it is fixed, {0}.",
        resume,
      ),
    rejected: () =>
      l10n.t('Check that it still exists and that the filters are valid; resuming will not help. To try from the beginning, {0}.', restart),
    auth: () => l10n.t('Fix the API key, then {0}.', resume),
    transient: () => l10n.t('Wait a little, then {0}; or {1}.', resume, restart),
    write_failed: () => l10n.t('Fix the problem (disk space, permissions), then {0}.', resume),
  };
  return new DownloadIncompleteError(`${what} ${kept} ${next[reason]()}`, paths, reason, written, total, cause);
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
  const message = l10n.t(
    'Could not write the download “{0}” in {1}: {2}. Fix the problem (disk space, permissions, a file open elsewhere), then run the download again: it continues from its last checkpoint.',
    path.basename(paths.file),
    paths.folder,
    messageOf(error),
  );
  return new DownloadIncompleteError(message, paths, 'write_failed', written, total, error);
}

export function throwIfCancelled(signal: AbortSignal | undefined, paths: DownloadPaths, written: number): void {
  if (signal?.aborted) throw cancelledError(paths, written);
}

export function cancelledError(paths: DownloadPaths, written: number): CancelledError {
  const name = path.basename(paths.file);
  return new CancelledError(
    written > 0
      ? l10n.t(
          'Download of “{0}” cancelled after {1} tasks; the partial file is kept: run it again to resume.',
          name,
          formatNumber(written),
        )
      : l10n.t('Download of “{0}” cancelled.', name),
  );
}

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/[.\s]+$/, '');
}
