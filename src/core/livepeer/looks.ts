/**
 * How Livepeer tasks and assets look in the tree: codicons and tones per phase, plus the small
 * formatters (dates from epoch ms, sizes, durations) their labels use. Unknown values stay visible.
 */
import * as l10n from '@vscode/l10n';
import { percent, shortDate } from '../../shared/format';
import { isWebLinkUrl } from '../../shared/links';
import { LIVEPEER_ASSET_PHASE, LIVEPEER_TASK_PHASE, statusLookIn, type StatusLook } from '../../shared/statusLooks';
import type { Task } from './types';

export function taskPhaseLook(phase: unknown): StatusLook {
  return statusLookIn(LIVEPEER_TASK_PHASE, phase);
}

export function assetPhaseLook(phase: unknown): StatusLook {
  return statusLookIn(LIVEPEER_ASSET_PHASE, phase);
}

/** The value itself, or `unknown` when it is missing or not a string. */
export function valueLabel(value: unknown): string {
  return typeof value === 'string' && value ? value : l10n.t('unknown');
}

/** `running 42%` while a task reports progress, else just the phase. */
export function phaseWithProgress(phase: unknown, progress: unknown): string {
  const label = valueLabel(phase);
  return phase === 'running' && typeof progress === 'number' && Number.isFinite(progress) ? `${label} ${percent(progress)}` : label;
}

/** `2024-06-03 16:00` (UTC) from epoch milliseconds; empty when absent or not a time. */
export function msDate(ms: unknown): string {
  return typeof ms === 'number' ? shortDate(ms) : '';
}

/** First 8 characters of a UUID: enough to tell tasks apart in a list. */
export function shortId(id: unknown): string {
  return typeof id === 'string' ? id.slice(0, 8) : '?';
}

/**
 * The file name of the task's source URL when its params carry one (upload, import, transcode-file,
 * clip), so a list of uploads reads as file names rather than ids. No request needed.
 */
export function sourceName(task: Task): string | undefined {
  const params = task.params;
  const url = params?.upload?.url ?? params?.import?.url ?? params?.['transcode-file']?.input?.url ?? params?.clip?.url;
  if (typeof url !== 'string' || url === '') return undefined;
  const path = url.split(/[?#]/, 1)[0] ?? '';
  const last = path.split('/').filter(Boolean).pop();
  if (!last || /^[a-z0-9+.-]+:$/i.test(last)) return undefined;
  try {
    return decodeURIComponent(last).slice(0, 80);
  } catch {
    return last.slice(0, 80);
  }
}

/** Only http(s) links are offered to open: asset URLs are untrusted (no `javascript:` or `file:`). */
export function safeLink(url: unknown): string | undefined {
  return isWebLinkUrl(url) ? url : undefined;
}
