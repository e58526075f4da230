/** How Scale statuses look in the tree: a codicon and a tone (colour). Unknown values stay visible. */
import { statusLookIn, type StatusLook } from '../platform/platform';

const TASK: Record<string, StatusLook> = {
  completed: { icon: 'pass', tone: 'completed' },
  pending: { icon: 'clock', tone: 'pending' },
  error: { icon: 'error', tone: 'error' },
  canceled: { icon: 'circle-slash', tone: 'canceled' },
  deleted: { icon: 'trash', tone: 'canceled' },
};

const BATCH: Record<string, StatusLook> = {
  staging: { icon: 'inbox', tone: 'pending' },
  in_progress: { icon: 'sync', tone: 'running' },
  completed: { icon: 'pass', tone: 'completed' },
  paused: { icon: 'debug-pause', tone: 'canceled' },
  cancelled: { icon: 'circle-slash', tone: 'canceled' },
};

export function taskStatusLook(status: unknown): StatusLook {
  return statusLookIn(TASK, status);
}

export function batchStatusLook(status: unknown): StatusLook {
  return statusLookIn(BATCH, status);
}

/** `in_progress` → `in progress`; anything that is not a string is shown as `unknown`. */
export function statusLabel(status: unknown): string {
  return typeof status === 'string' && status ? status.replace(/_/g, ' ') : 'unknown';
}
