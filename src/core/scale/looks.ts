/** How Scale statuses look in the tree: a codicon and a tone (colour). Unknown values stay visible. */
import { SCALE_BATCH_STATUS, SCALE_TASK_STATUS, statusLookIn, type StatusLook } from '../../shared/statusLooks';

export function taskStatusLook(status: unknown): StatusLook {
  return statusLookIn(SCALE_TASK_STATUS, status);
}

export function batchStatusLook(status: unknown): StatusLook {
  return statusLookIn(SCALE_BATCH_STATUS, status);
}

/** `in_progress` → `in progress`; anything that is not a string is shown as `unknown`. */
export function statusLabel(status: unknown): string {
  return typeof status === 'string' && status ? status.replace(/_/g, ' ') : 'unknown';
}
