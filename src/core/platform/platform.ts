/**
 * The one interface both platforms implement for the UI. A platform describes its tree as plain
 * data (entries with looks, children loaders, filters, task references); the editor side renders
 * any platform's entries the same way, so no per-platform branches live in the UI.
 */
import type { CallOptions } from '../http/client';
import type { StatusTone } from '../../shared/statusLooks';
import type { ConnectionKind } from './connection';

export type { StatusLook, StatusTone } from '../../shared/statusLooks';

export interface EntryLook {
  readonly label: string;
  readonly description?: string;
  /** Markdown; every value from the API already escaped by the platform. */
  readonly tooltip?: string;
  /** A codicon id, e.g. `pass`, `folder`. */
  readonly icon: string;
  readonly tone?: StatusTone;
}

export interface FilterOption {
  readonly value: string;
  readonly label: string;
}

/** One server-side filter a paged list accepts, e.g. task status. */
export interface FilterSpec {
  readonly key: string;
  readonly label: string;
  readonly options: readonly FilterOption[];
}

export type FilterValues = Readonly<Record<string, string>>;

export interface PageRequest extends CallOptions {
  readonly token?: string;
  readonly pageSize: number;
  readonly filters: FilterValues;
}

export interface EntryPage {
  readonly entries: readonly Entry[];
  readonly nextToken: string | null;
  /** The size of the whole list, when the platform knows it. */
  readonly total?: number | null;
}

export type Children =
  | { readonly mode: 'list'; load(call: CallOptions): Promise<readonly Entry[]> }
  | { readonly mode: 'paged'; readonly filters?: readonly FilterSpec[]; loadPage(request: PageRequest): Promise<EntryPage> };

/** Where a task opens from: its id and the names that make its JSON tab's path readable. */
export interface TaskRef {
  readonly id: string;
  /** e.g. [project name, batch name]; cosmetic, the id alone identifies the task. */
  readonly pathSegments: readonly string[];
}

/** The kinds of list a platform offers as a download; the editor's menus are keyed by them. */
export type DownloadKind = 'delivery' | 'batch' | 'project-tasks' | 'livepeer-tasks';

/**
 * What a list can be downloaded as. The platform builds it from what its entry already knows (ids,
 * names, the expected count) and keeps those typed inside `plan`, so nothing is re-parsed from
 * strings or fetched again when the download starts.
 */
export interface DownloadRef {
  readonly kind: DownloadKind;
  readonly label: string;
  /** The download, optionally narrowed by the list's filters (e.g. task status). */
  plan(filters?: FilterValues): Promise<DownloadPlan>;
}

/** Progress of a sync, per list it downloads. */
export interface SyncRunOptions {
  readonly signal?: AbortSignal;
  /** Before each list (e.g. a delivery) is looked at or downloaded. */
  readonly onStart?: (name: string, index: number, total: number) => void;
  readonly onProgress?: (name: string, written: number, total: number | null) => void;
}

export interface SyncSummary {
  readonly downloaded: number;
  readonly upToDate: number;
  /** Each list that failed, with what went wrong; the others were still tried. */
  readonly failures: ReadonlyArray<{ readonly name: string; readonly message: string }>;
}

/** An entry whose lists can be kept in step with a folder (e.g. a project's deliveries). */
export interface SyncRef {
  readonly label: string;
  run(root: string, options: SyncRunOptions): Promise<SyncSummary>;
}

export interface Entry {
  /** Unique among its siblings and stable across reloads; the tree builds ids from it. */
  readonly key: string;
  /** e.g. `project`, `batches`, `batch`, `deliveries`, `delivery`, `tasks`, `task`, `asset`. */
  readonly type: string;
  readonly look: EntryLook;
  /** What "Copy ID" copies. */
  readonly copyId?: string;
  readonly children?: Children;
  readonly task?: TaskRef;
  readonly download?: DownloadRef;
  readonly sync?: SyncRef;
  /** An external link the entry opens (e.g. an asset's playback URL). */
  readonly link?: string;
  /** A task that changes on its own (see `LiveTasks`): what the editor needs to follow it. */
  readonly live?: LiveState;
}

/** Where a task stands, as the live views see it. */
export interface LiveState {
  readonly taskId: string;
  /** Still changing on its own (pending, waiting, running): polled while shown. */
  readonly inFlight: boolean;
  /** Could be stuck: waiting or running. */
  readonly stuckEligible: boolean;
  /** The last status update (epoch ms), for “stuck” checks. */
  readonly updatedAt?: number;
  /** The retry endpoint accepts it (failed or cancelled). */
  readonly retryable: boolean;
  /** Completed with an output asset: “Download Output” may apply (the asset is checked on use). */
  readonly hasOutput: boolean;
  /** e.g. `running 42%`, for notifications. */
  readonly summary: string;
  /** completed, failed, …: how a change ended. */
  readonly phase: string;
  /** The task as the API returned it (what later polls are compared with). */
  readonly raw: unknown;
}

export interface OutputDownloadRun {
  readonly signal?: AbortSignal;
  readonly onProgress?: (received: number, total: number | undefined) => void;
  readonly force?: boolean;
  /** No byte for this long abandons an attempt (it resumes). */
  readonly idleTimeoutMs?: number;
}

/**
 * Tasks that move (Livepeer): fetched again one by one while shown, retried (the one write), and
 * their output files downloaded. Platforms whose tasks do not move leave it out.
 */
export interface LiveTasks {
  /** The task as the API returns it now. */
  fetch(taskId: string, call?: CallOptions): Promise<unknown>;
  /** The live state of a task as the API returned it (undefined for something that is not one). */
  stateOf(raw: unknown): LiveState | undefined;
  /** The tree entry for the task as it is now (same key as the listed one, `position` kept). */
  entryFor(raw: unknown, position: string): Entry;
  /** Re-queues a failed or cancelled task; sent once, never retried. */
  retry(taskId: string, call?: CallOptions): Promise<void>;
  /** What the confirmation says about the retry call (e.g. that it is not in the published API). */
  readonly retryNote: string;
  /** Saves the output file under `root`; resolves to the file written and its size. */
  downloadOutput(taskId: string, root: string, run: OutputDownloadRun): Promise<{ file: string; bytes: number; alreadyComplete: boolean }>;
}

/** A task as fetched for the task view and JSON tab: the JSON exactly as the API returned it. */
export interface TaskDocument {
  readonly id: string;
  readonly raw: unknown;
  readonly pathSegments: readonly string[];
  /** Context the task view shows next to the task (project and batch names). */
  readonly context: Readonly<Record<string, string>>;
  /**
   * Entry keys from the connection down to the task (e.g. project, "batches", batch, task), so the
   * editor can reveal the task — or an ancestor — in the tree. Ancestors are prefixes of it.
   */
  readonly treePath: readonly string[];
  /**
   * Other objects the task view shows beside the task, each as the API returned it (e.g. a Livepeer
   * task's input and output assets). Optional: platforms whose tasks are self-contained leave it out.
   */
  readonly related?: readonly RelatedDocument[];
}

/** An object linked from a task, fetched with it; `raw` is null when it could not be fetched. */
export interface RelatedDocument {
  /** What it is to the task, e.g. `Input asset`, `Output asset`. */
  readonly label: string;
  /** e.g. `asset`. */
  readonly type: string;
  readonly id: string;
  readonly raw: unknown;
  /** Why `raw` is null, e.g. `Not found (404) — the asset may have been deleted.` */
  readonly problem?: string;
}

/** One page of a list being downloaded: each task's JSON as the API returned it. */
export interface DownloadPage {
  readonly tasks: readonly unknown[];
  readonly nextToken: string | null;
}

/**
 * What core/download.ts needs to download a list: where it lands (`folderName/fileName.jsonl`,
 * both sanitised by the engine), what the manifest records, and how to fetch a page.
 */
export interface DownloadPlan {
  /** e.g. the project name; becomes the sub-folder. */
  readonly folderName: string;
  /** e.g. the delivery or batch name; becomes the file name. */
  readonly fileName: string;
  /** Recorded in the manifest: base URL (never a key), project, delivery/batch, filters. */
  readonly source: Readonly<Record<string, string | number | null>>;
  /** Expected number of tasks, when the platform knows it. */
  readonly expectedTotal: number | null;
  fetchPage(token: string | undefined, call: CallOptions): Promise<DownloadPage>;
}

export interface Platform {
  readonly kind: ConnectionKind;
  /** The children of the connection node. */
  readonly roots: Children;
  getTask(taskId: string, call?: CallOptions): Promise<TaskDocument>;
  /** One cheap authenticated call, to check a key. */
  verify(call?: CallOptions): Promise<void>;
  /** Tasks that change on their own, when the platform has them. */
  readonly live?: LiveTasks;
}
