/**
 * How every status and phase value looks, in the tree and on the page alike: a codicon and a tone.
 * A tone maps to the contributed colour `taskLens.status.<tone>` (package.json `colors`), which the
 * tree uses as a ThemeColor and the page as `--vscode-taskLens-status-<tone>`. A value a table does
 * not know stays visible, as "unknown". Pure data (no DOM, no vscode, no Node).
 */

import type { KnownAssetPhase, KnownTaskPhase } from '../core/livepeer/types';
import type { KnownBatchStatus, KnownTaskStatus } from '../core/scale/enums';

export type StatusTone = 'completed' | 'pending' | 'error' | 'canceled' | 'running' | 'unknown';

export interface StatusLook {
  readonly icon: string;
  readonly tone: StatusTone;
  /** The thing is gone or going (deleted): drawn dashed on the page. */
  readonly gone?: true;
}

type LookTable = Readonly<Record<string, StatusLook>>;

// Each table names every value the API documents, checked at compile time: a value added to the
// types without a look here fails to compile (an undocumented one still shows, as "unknown").

const UNKNOWN_LOOK: StatusLook = { icon: 'question', tone: 'unknown' };

export const SCALE_TASK_STATUS = {
  completed: { icon: 'pass', tone: 'completed' },
  pending: { icon: 'clock', tone: 'pending' },
  error: { icon: 'error', tone: 'error' },
  canceled: { icon: 'circle-slash', tone: 'canceled' },
  deleted: { icon: 'trash', tone: 'canceled', gone: true },
} satisfies Record<KnownTaskStatus, StatusLook>;

export const SCALE_BATCH_STATUS = {
  staging: { icon: 'inbox', tone: 'pending' },
  in_progress: { icon: 'sync', tone: 'running' },
  completed: { icon: 'pass', tone: 'completed' },
  paused: { icon: 'debug-pause', tone: 'canceled' },
  cancelled: { icon: 'circle-slash', tone: 'canceled' },
} satisfies Record<KnownBatchStatus, StatusLook>;

export const LIVEPEER_TASK_PHASE = {
  pending: { icon: 'clock', tone: 'pending' },
  waiting: { icon: 'watch', tone: 'pending' },
  running: { icon: 'sync', tone: 'running' },
  completed: { icon: 'pass', tone: 'completed' },
  failed: { icon: 'error', tone: 'error' },
  cancelled: { icon: 'circle-slash', tone: 'canceled' },
} satisfies Record<KnownTaskPhase, StatusLook>;

export const LIVEPEER_ASSET_PHASE = {
  uploading: { icon: 'cloud-upload', tone: 'pending' },
  waiting: { icon: 'watch', tone: 'pending' },
  processing: { icon: 'sync', tone: 'running' },
  ready: { icon: 'device-camera-video', tone: 'completed' },
  failed: { icon: 'error', tone: 'error' },
  deleting: { icon: 'trash', tone: 'canceled', gone: true },
  deleted: { icon: 'trash', tone: 'canceled', gone: true },
} satisfies Record<KnownAssetPhase, StatusLook>;

/** The look of a value in a table; anything the table does not know (or not a string) is "unknown". */
export function statusLookIn(table: LookTable, value: unknown): StatusLook {
  return (typeof value === 'string' && Object.hasOwn(table, value) ? table[value] : undefined) ?? UNKNOWN_LOOK;
}
