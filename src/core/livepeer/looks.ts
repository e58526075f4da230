/**
 * How Livepeer tasks and assets look in the tree: codicons and tones per phase, plus the small
 * formatters (dates from epoch ms, sizes, durations) their labels use. Unknown values stay visible.
 */
import { isWebLinkUrl } from '../../shared/links';
import { statusLookIn, type StatusLook } from '../platform/platform';
import type { Task } from './types';

const TASK_PHASE: Record<string, StatusLook> = {
  pending: { icon: 'clock', tone: 'pending' },
  waiting: { icon: 'watch', tone: 'pending' },
  running: { icon: 'sync', tone: 'running' },
  completed: { icon: 'pass', tone: 'completed' },
  failed: { icon: 'error', tone: 'error' },
  cancelled: { icon: 'circle-slash', tone: 'canceled' },
};

const ASSET_PHASE: Record<string, StatusLook> = {
  uploading: { icon: 'cloud-upload', tone: 'pending' },
  waiting: { icon: 'watch', tone: 'pending' },
  processing: { icon: 'sync', tone: 'running' },
  ready: { icon: 'device-camera-video', tone: 'completed' },
  failed: { icon: 'error', tone: 'error' },
  deleting: { icon: 'trash', tone: 'canceled' },
  deleted: { icon: 'trash', tone: 'canceled' },
};

export function taskPhaseLook(phase: unknown): StatusLook {
  return statusLookIn(TASK_PHASE, phase);
}

export function assetPhaseLook(phase: unknown): StatusLook {
  return statusLookIn(ASSET_PHASE, phase);
}

/** The value itself, or `unknown` when it is missing or not a string. */
export function valueLabel(value: unknown): string {
  return typeof value === 'string' && value ? value : 'unknown';
}

/** `running 42%` while a task reports progress, else just the phase. */
export function phaseWithProgress(phase: unknown, progress: unknown): string {
  const label = valueLabel(phase);
  return phase === 'running' && typeof progress === 'number' && Number.isFinite(progress) ? `${label} ${percent(progress)}` : label;
}

/** A 0–1 ratio as a whole percentage, floored like the Studio dashboard (never shows 100% early). */
export function percent(ratio: number): string {
  return `${Math.floor(Math.min(1, Math.max(0, ratio)) * 100)}%`;
}

/** `2024-06-03 16:00` (UTC) from epoch milliseconds; empty when absent or not a time. */
export function msDate(ms: unknown): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return '';
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 16).replace('T', ' ');
}

/** `15.0 MB` from bytes (decimal units, like the Studio dashboard). */
export function byteSize(bytes: unknown): string {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes) || bytes < 0) return '';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** `1:01` or `1:02:03` from seconds. */
export function duration(seconds: unknown): string {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return '';
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
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
