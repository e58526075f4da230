/** What a caller passes to `runDownload` and gets back from it. */
import type { Sleep } from '../http/retry';
import type { DownloadManifest } from './manifest';
import type { DownloadPaths } from './paths';
import type { PageRetryEvent } from './retryBudget';

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
  /**
   * An attempt fails when no bytes arrive for this long (an idle timeout, not a limit on a slow
   * but moving page). Default: the HTTP client's timeout.
   */
  readonly idleTimeoutMs?: number;
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
