/**
 * Why a download did not (fully) happen, typed so the editor can offer the right button and the
 * CLI the right flag. Every message is complete on its own: what happened, and what to do.
 * Cancellation is not here: it is the core `CancelledError`, like every other cancelled action.
 * The wording goes through @vscode/l10n (the editor's language; English in the CLI).
 */
import * as l10n from '@vscode/l10n';
import { formatNumber } from '../../shared/format';
import { busyMessage } from './lock';
import type { DownloadManifest } from './manifest';
import type { DownloadPaths } from './paths';

export type DownloadErrorKind = 'already_downloaded' | 'file_changed' | 'source_mismatch' | 'incomplete' | 'busy';

export abstract class DownloadError extends Error {
  abstract readonly kind: DownloadErrorKind;

  constructor(
    message: string,
    readonly paths: DownloadPaths,
    options?: { readonly cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The file is there already. Starting over needs `force` (the editor asks; the CLI wants --force). */
export class AlreadyDownloadedError extends DownloadError {
  readonly kind = 'already_downloaded';

  constructor(
    paths: DownloadPaths,
    /** null when the file exists without a manifest of ours (we never overwrite it silently). */
    readonly manifest: DownloadManifest | null,
  ) {
    const what = manifest
      ? l10n.t('was downloaded completely ({0} tasks, {1})', formatNumber(manifest.count), manifest.completedAt ?? l10n.t('earlier'))
      : l10n.t('exists already');
    super(
      l10n.t('“{0}” {1}. To download it again and replace it, start over with force (--force on the command line).', paths.file, what),
      paths,
    );
  }
}

/**
 * The finished file is not what its manifest records (cut short, replaced, a folder in its place):
 * it is not reported as downloaded, and not replaced without `force` either (it may be the user's).
 */
export class FinishedFileChangedError extends DownloadError {
  readonly kind = 'file_changed';

  constructor(
    paths: DownloadPaths,
    readonly manifest: DownloadManifest,
    /** Why it does not match, e.g. "it holds 1,024 bytes where its manifest records 2,048". */
    readonly problem: string,
  ) {
    super(
      l10n.t(
        '“{0}” is not the download its manifest records ({1} tasks): {2}. To download it again and replace it, start over with force (--force on the command line).',
        paths.file,
        formatNumber(manifest.count),
        problem,
      ),
      paths,
    );
  }
}

/**
 * A partial download of something else sits at this path (another delivery, different filters or
 * server): resuming would mix two lists in one file, so we refuse until told to start over.
 */
export class DownloadSourceMismatchError extends DownloadError {
  readonly kind = 'source_mismatch';

  constructor(
    paths: DownloadPaths,
    readonly manifest: DownloadManifest,
    /** `key: "saved" → "wanted"` lines. */
    readonly differences: readonly string[],
  ) {
    super(
      manifest.status === 'complete'
        ? l10n.t(
            '“{0}” holds a download of a different list ({1}), not this one. Start over with force (--force on the command line) to replace it, or download into another folder.',
            paths.file,
            differences.join('; '),
          )
        : l10n.t(
            '“{0}” is an unfinished download of a different list ({1}), so it cannot be resumed for this one. Start over with force (--force on the command line) to replace it.',
            paths.partial,
            differences.join('; '),
          ),
      paths,
    );
  }
}

/** Another download into the same file is running, in this process or another (the lock's holder). */
export class DownloadBusyError extends DownloadError {
  readonly kind = 'busy';

  constructor(
    paths: DownloadPaths,
    /** Who holds the lock, e.g. `process 123 on host-a, since 2026-…`. */
    readonly holder: string = l10n.t('this process'),
  ) {
    super(busyMessage(paths.file, paths.lock, holder), paths);
  }
}

/** How a stopped download can go on. */
export type IncompleteReason =
  /** The server refused the saved page token (expired, or another 4xx): only a restart helps. */
  | 'token_refused'
  /** The key was rejected: fix it, then resume. */
  | 'auth'
  /** The request itself was refused (404: the list is gone; 4xx on the first page): resuming will not help. */
  | 'rejected'
  /** Retries ran out (429, 5xx, network, timeouts, unreadable bodies): resume later. */
  | 'transient'
  /** Writing to disk failed (disk full, permissions): fix that, then resume. */
  | 'write_failed'
  /** The listing restarted after an expired token no longer matches the file: only a restart helps. */
  | 'diverged'
  /** The server answered in a way no retry fixes (a token cycle, a runaway count, a response too large). */
  | 'server_fault';

/** The download stopped before the end. The partial file and its manifest are kept, consistent. */
export class DownloadIncompleteError extends DownloadError {
  readonly kind = 'incomplete';

  constructor(
    message: string,
    paths: DownloadPaths,
    readonly reason: IncompleteReason,
    /** Tasks safely in the partial file. */
    readonly written: number,
    readonly total: number | null,
    cause: unknown,
  ) {
    super(message, paths, { cause });
  }

  /** Whether running the download again (without force) can finish it. */
  get resumable(): boolean {
    return this.reason !== 'token_refused' && this.reason !== 'rejected' && this.reason !== 'diverged';
  }
}
