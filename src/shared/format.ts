/**
 * The one set of formatters for the tree, the CLI and the page: numbers, sizes, times, durations.
 * Pure functions (no DOM, no vscode, no Node). Sizes are decimal (kB = 1,000 bytes), as the
 * platforms' own dashboards and most file managers show them, so a size reads the same everywhere.
 */

let numberFormat: Intl.NumberFormat | undefined;
let dateFormats: { short?: Intl.DateTimeFormat; exact?: Intl.DateTimeFormat } = {};
let requestedLocale: string | undefined;
/** The locale numbers and dates use, once checked against Intl; `null` until first needed. */
let displayLocale: string | undefined | null = null;

/**
 * The editor's display language (`vscode.env.language`) for numbers and dates: set once by the
 * extension and by each page. A tag Intl does not know (e.g. the pseudo-locale `qps-ploc`) falls
 * back to the runtime's default for numbers. Unset (the CLI), dates keep their ISO form, which
 * scripts read. Checked on first use, not here: the first Intl call loads the locale data
 * (≈ 9 ms), which activation need not wait for.
 */
export function setDisplayLocale(locale: string | undefined): void {
  requestedLocale = locale;
  displayLocale = null;
  numberFormat = undefined;
  dateFormats = {};
  relativeFormat = undefined;
}

export function getDisplayLocale(): string | undefined {
  if (displayLocale === null) {
    try {
      displayLocale = requestedLocale && Intl.NumberFormat.supportedLocalesOf([requestedLocale]).length > 0 ? requestedLocale : undefined;
    } catch {
      displayLocale = undefined;
    }
  }
  return displayLocale;
}

/** `12,345` in the display locale; small integers skip Intl (it is slow per call). */
export function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1000) return String(n);
  try {
    numberFormat ??= new Intl.NumberFormat(getDisplayLocale(), { maximumFractionDigits: 4 });
    return numberFormat.format(n);
  } catch {
    return String(n);
  }
}

const SIZE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

/** `15.0 MB` from bytes; `''` for a value that is not a size. */
export function formatBytes(bytes: unknown): string {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes) || bytes < 0) return '';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < SIZE_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${SIZE_UNITS[unit]}`;
}

/** A UTC time in the display locale (`May 21, 2025, 2:42 PM`); undefined without one (the CLI keeps ISO). */
function localDate(ms: number, kind: 'short' | 'exact'): string | undefined {
  const locale = getDisplayLocale();
  if (locale === undefined) return undefined;
  try {
    const format = (dateFormats[kind] ??= new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: kind === 'short' ? 'short' : 'medium',
      timeZone: 'UTC',
    }));
    return format.format(ms);
  } catch {
    return undefined;
  }
}

/**
 * `2025-05-21 14:42` (UTC) from epoch ms or an ISO string, in the display locale when one is set;
 * `''` when absent, the text itself when unparsable.
 */
export function shortDate(when: string | number | null | undefined): string {
  if (when === null || when === undefined || when === '') return '';
  const ms = typeof when === 'number' ? when : Date.parse(when);
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return typeof when === 'string' ? when : '';
  return localDate(ms, 'short') ?? new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

/** `2025-05-21 14:42:07 UTC` from epoch ms (in the display locale when one is set): the exact time, for hovers. */
export function utc(ms: number): string {
  const local = localDate(ms, 'exact');
  if (local !== undefined) return `${local} UTC`;
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC')
    .replace(/Z$/, ' UTC');
}

const RELATIVE_UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

let relativeFormat: Intl.RelativeTimeFormat | undefined;

/**
 * Builds the relative-time formatter ahead of use: the first one a page creates loads the locale's
 * data (≈ 15 ms in the task view), which the page can do while the host still fetches the task.
 */
export function prepareRelativeTime(): void {
  try {
    relativeFormat ??= new Intl.RelativeTimeFormat(getDisplayLocale(), { numeric: 'auto' });
    relativeFormat.format(-1, 'day');
  } catch {
    // relativeTime() falls back to ISO times itself.
  }
}

/** `3 days ago`, `in 2 hours` in the display locale; the ISO time where Intl cannot say it. */
export function relativeTime(ms: number, now: number = Date.now()): string {
  const diff = (ms - now) / 1000;
  const abs = Math.abs(diff);
  for (const [unit, secs] of RELATIVE_UNITS) {
    if (abs >= secs || unit === 'second') {
      try {
        relativeFormat ??= new Intl.RelativeTimeFormat(getDisplayLocale(), { numeric: 'auto' });
        return relativeFormat.format(Math.round(diff / secs), unit);
      } catch {
        return new Date(ms).toISOString();
      }
    }
  }
  return '';
}

/** A 0–1 ratio as a whole percentage, floored like the Studio dashboard (never shows 100% early). */
export function percent(ratio: number): string {
  return `${Math.floor(Math.min(1, Math.max(0, ratio)) * 100)}%`;
}

/** `1:01` or `1:02:03` from seconds; `''` for a value that is not a duration. */
export function clockDuration(seconds: unknown): string {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return '';
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
