/** Number, size and time formatting for the view. Pure functions. */
import { h } from './dom';

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

let relativeFormat: Intl.RelativeTimeFormat | undefined;

export function relativeTime(ms: number, now: number = Date.now()): string {
  const diff = (ms - now) / 1000;
  const abs = Math.abs(diff);
  for (const [unit, secs] of UNITS) {
    if (abs >= secs || unit === 'second') {
      try {
        relativeFormat ??= new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
        return relativeFormat.format(Math.round(diff / secs), unit);
      } catch {
        return new Date(ms).toISOString();
      }
    }
  }
  return '';
}

export function utc(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC')
    .replace(/Z$/, ' UTC');
}

/** A `<time>` showing relative time with the exact UTC time on hover; raw text if unparsable. */
export function timeEl(iso: string | undefined): HTMLElement | undefined {
  if (iso === undefined) return undefined;
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return h('span', { class: 'time invalid' }, iso);
  return h('time', { datetime: new Date(ms).toISOString(), title: utc(ms), class: 'time' }, relativeTime(ms));
}

let numberFormat: Intl.NumberFormat | undefined;

export function formatNumber(n: number): string {
  // Small integers are most of what is shown; skip Intl for them (it is slow per call).
  if (Number.isInteger(n) && Math.abs(n) < 1000) return String(n);
  try {
    numberFormat ??= new Intl.NumberFormat(undefined, { maximumFractionDigits: 4 });
    return numberFormat.format(n);
  } catch {
    return String(n);
  }
}

export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return String(n);
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** Decoded size of a base64 string, without decoding it. */
export function base64Size(b64: string): number {
  const clean = b64.replace(/\s+/g, '');
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((clean.length * 3) / 4) - pad);
}
