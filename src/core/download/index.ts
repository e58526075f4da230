/**
 * Downloads (a delivery, a batch, a project's tasks, a Livepeer task list) → JSONL on disk, for the
 * editor and the CLI. Layout: `<root>/<sanitised folderName>/<sanitised fileName>.jsonl`, written
 * as `<file>.partial` with a `<file>.manifest.json` checkpoint and a `<file>.lock` (one writer)
 * beside it, renamed into place when complete. Each line is a task's bytes as the server sent them.
 *
 * Everything a caller needs is exported here; the pieces live in `download/`.
 */
export { runDownload } from './engine';
export type { DownloadOptions, DownloadProgress, DownloadResult } from './options';
export { inspectDownload, type DownloadInspection, type DownloadState } from './start';
export { plannedPaths, resolvePaths, type DownloadPaths } from './paths';
export { MANIFEST_FORMAT, type DownloadManifest, type DownloadSource, type DownloadStatus } from './manifest';
export {
  AlreadyDownloadedError,
  FinishedFileChangedError,
  DownloadBusyError,
  DownloadError,
  DownloadIncompleteError,
  DownloadSourceMismatchError,
  type DownloadErrorKind,
  type IncompleteReason,
} from './errors';
export { UnsafePathError } from '../fileNames';
export { DEFAULT_MAX_RETRY_TIME_MS, retryMessage, type PageRetryEvent } from './retryBudget';
export { UnsafeFileError } from './safeOpen';
