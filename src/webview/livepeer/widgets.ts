/**
 * Building blocks of the Livepeer task view: millisecond times, durations, bitrates, links that
 * open only http(s), a declarative key/value list that keeps every unknown field, phase chips and the progress bar. Every value is untrusted API data: text only.
 */
import { isWebLinkUrl } from '../../shared/links';
import { LIVEPEER_ASSET_PHASE, LIVEPEER_TASK_PHASE, statusLookIn } from '../../shared/statusLooks';
import { statusChip } from '../shell/chips';
import { currentDocument, h, icon, setAttr, type Child } from '../shell/dom';
import { formatBytes, formatNumber, relativeTime, utc } from '../../shared/format';
import { isSecretKey, kvView, maskedSecret } from '../shell/kvtree';
import { display, isRec, num, own, str, type Rec } from '../shell/model';
import type { Ctx } from '../shell/plan';
import { lt, type LivepeerStringKey } from './strings';
import { copyButton } from '../shell/widgets';

/** Timestamps below this (1973) are not absolute epoch milliseconds. */
export const MIN_EPOCH_MS = 1e11;

/** A `<time>` for epoch milliseconds: relative (or exact) text, the exact UTC time on hover. */
export function msTime(v: unknown, exact = false): HTMLElement | undefined {
  if (v === undefined || v === null) return undefined;
  const ms = num(v);
  if (ms === undefined || Math.abs(ms) > 8.64e15) return h('span', { class: 'time invalid' }, display(v));
  const iso = new Date(ms).toISOString();
  return h('time', { datetime: iso, title: exact ? relativeTime(ms) : utc(ms), class: 'time' }, exact ? utc(ms) : relativeTime(ms));
}

/** Elapsed time: "350 ms", "12 s", "4 min 5 s", "2 h 3 min", "3 d 4 h". */
export function formatElapsed(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const sign = ms < 0 ? '−' : '';
  let a = Math.abs(ms);
  if (a < 1000) return `${sign}${Math.round(a)} ms`;
  a = a / 1000;
  if (a < 60) return `${sign}${trim(a < 10 ? a.toFixed(1) : String(Math.round(a)))} s`;
  const s = Math.round(a);
  const d = Math.floor(s / 86400);
  const hh = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (d > 0) return `${sign}${d} d${hh ? ` ${hh} h` : ''}`;
  if (hh > 0) return `${sign}${hh} h${m ? ` ${m} min` : ''}`;
  return `${sign}${m} min${sec ? ` ${sec} s` : ''}`;
}

/** A media duration in seconds: "12.5 s", "4:05", "1:02:03". */
export function formatMediaDuration(sec: number): string {
  if (!Number.isFinite(sec) || sec < 0) return String(sec);
  if (sec < 60) return lt('seconds', trim(sec.toFixed(sec < 10 ? 2 : 1)));
  const s = Math.round(sec);
  const hh = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return hh > 0 ? `${hh}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export function formatBitrate(bps: number): string {
  if (!Number.isFinite(bps) || bps < 0) return String(bps);
  if (bps >= 1e6) return `${trim((bps / 1e6).toFixed(bps < 1e7 ? 2 : 1))} Mbps`;
  if (bps >= 1e3) return `${trim((bps / 1e3).toFixed(0))} kbps`;
  return `${bps} bps`;
}

function trim(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

// Values --------------------------------------------------------------------------------------------

export function textVal(s: string, cls = 'lp-text'): HTMLElement {
  return s === '' ? h('span', { class: 'kv-empty' }, lt('emptyValue')) : h('span', { class: cls }, s);
}

/** An id, CID or path: monospace, with a copy button. */
export function codeVal(s: string, copyLabel?: string): HTMLElement {
  if (s === '') return textVal(s);
  return h('span', { class: 'lp-code' }, h('code', null, s), copyLabel ? copyButton(s, lt('copy', copyLabel)) : null);
}

/** A link when it is http(s); otherwise the text (masked `s3+https://***:***@…`, `ipfs://…`). */
export function urlVal(v: unknown, label?: string): HTMLElement | undefined {
  const s = str(v);
  if (s === undefined) return undefined;
  if (isWebLinkUrl(s)) return h('a', { href: s, class: 'link lp-link', title: s }, label ?? s);
  return h('span', { class: 'lp-code' }, h('code', { class: 'lp-url' }, s), s !== '' ? copyButton(s, lt('copy', lt('url'))) : null);
}

export function boolVal(b: boolean): HTMLElement {
  return h('span', { class: `bool ${b ? 'bool-yes' : 'bool-no'}` }, icon(b ? 'check' : 'close'), ' ', lt(b ? 'yes' : 'no'));
}

export function numVal(n: number): HTMLElement {
  return h('span', { class: 'kv-number' }, formatNumber(n));
}

/** Any JSON value, readable: scalars as text (http(s) strings as links), objects as a kv tree. */
export function anyVal(v: unknown, ctx: Ctx): HTMLElement {
  if (typeof v === 'string') {
    const cls = v.includes('\n') ? 'lp-text pre-wrap' : 'lp-text';
    return isWebLinkUrl(v) ? (urlVal(v) as HTMLElement) : textVal(v, cls);
  }
  if (typeof v === 'number') return numVal(v);
  if (typeof v === 'boolean') return boolVal(v);
  return kvView(v, { revealSecrets: ctx.revealSecrets, maxDepth: 5 });
}

// Field lists ---------------------------------------------------------------------------------------

/** A formatter returns this to leave the row out (e.g. nothing left to say). */
export const OMIT: unique symbol = Symbol('omit');

/** Formats a field's value; `undefined` means "not the expected shape": shown as any value. */
export type Fmt = (v: unknown, ctx: Ctx) => Child | undefined | typeof OMIT;

export interface Field {
  key: string;
  /** Resolved when rendering, so the host's translations apply. */
  label: LivepeerStringKey;
  fmt?: Fmt;
  /** A virtual field computed from the object (e.g. `videoSpec.duration`); it does not consume `key`. */
  get?: (obj: Rec) => unknown;
}

export interface FieldListOptions {
  /** List every other own key under its wire name (default true). */
  rest?: boolean;
  /** Rows appended after the known fields. */
  extra?: Array<[string, Child]>;
}

export const F = {
  text: ((v) => (typeof v === 'string' ? textVal(v) : undefined)) as Fmt,
  code:
    (copyLabel?: LivepeerStringKey): Fmt =>
    (v) => {
      const s = str(v);
      return s !== undefined ? codeVal(s, copyLabel !== undefined ? lt(copyLabel) : undefined) : undefined;
    },
  url: ((v) => urlVal(v)) as Fmt,
  bool: ((v) => (typeof v === 'boolean' ? boolVal(v) : undefined)) as Fmt,
  num: ((v) => (num(v) !== undefined ? numVal(v as number) : undefined)) as Fmt,
  seconds: ((v) => (num(v) !== undefined ? h('span', { class: 'kv-number' }, lt('seconds', formatNumber(v as number))) : undefined)) as Fmt,
  bytes: ((v) =>
    num(v) !== undefined ? h('span', { title: `${formatNumber(v as number)} B` }, formatBytes(v as number)) : undefined) as Fmt,
  duration: ((v) =>
    num(v) !== undefined
      ? h('span', { title: lt('seconds', formatNumber(v as number)) }, formatMediaDuration(v as number))
      : undefined) as Fmt,
  bitrate: ((v) =>
    num(v) !== undefined ? h('span', { title: `${formatNumber(v as number)} bps` }, formatBitrate(v as number)) : undefined) as Fmt,
  time: ((v) => msTime(v)) as Fmt,
  exactTime: ((v) => msTime(v, true)) as Fmt,
  path: ((v) => {
    const p = own(v, 'path');
    return isRec(v) && Object.keys(v).length === 1 && typeof p === 'string' ? codeVal(p, lt('url')) : undefined;
  }) as Fmt,
};

/** `ddClass` marks the value (`lp-f-<key>`); `dtClass` the label (e.g. an unknown wire key). */
function row(label: string, value: Child, ddClass?: string, dtClass?: string): HTMLElement[] {
  return [h('dt', { class: dtClass }, label), h('dd', { class: ddClass }, value)];
}

function valueOf(key: string, v: unknown, fmt: Fmt | undefined, ctx: Ctx): Child | typeof OMIT {
  if (!ctx.revealSecrets && isSecretKey(key) && typeof v === 'string' && v !== '') return maskedSecret();
  if (v === null) return h('span', { class: 'kv-null' }, 'null');
  let out: Child | undefined | typeof OMIT;
  try {
    out = fmt ? fmt(v, ctx) : undefined;
  } catch {
    out = undefined;
  }
  return out ?? anyVal(v, ctx);
}

/**
 * A definition list of `obj`'s fields in the order of `fields` (labels for known keys), followed by
 * every other own key under its wire name, so nothing the API sent is hidden.
 */
export function fieldList(obj: unknown, fields: readonly Field[], ctx: Ctx, opts: FieldListOptions = {}): HTMLElement | null {
  if (!isRec(obj)) return obj === undefined ? null : h('div', { class: 'lp-fields' }, anyVal(obj, ctx));
  const items: HTMLElement[] = [];
  const known = new Set<string>();
  for (const f of fields) {
    let v: unknown;
    if (f.get) {
      try {
        v = f.get(obj);
      } catch {
        v = undefined;
      }
    } else {
      known.add(f.key);
      v = Object.prototype.hasOwnProperty.call(obj, f.key) ? obj[f.key] : undefined;
    }
    if (v === undefined) continue;
    const value = valueOf(f.key, v, f.fmt, ctx);
    if (value !== OMIT) items.push(...row(lt(f.label), value, `lp-f-${cssKey(f.key)}`));
  }
  for (const [label, value] of opts.extra ?? []) items.push(...row(label, value));
  if (opts.rest !== false) {
    for (const k of Object.keys(obj)) {
      if (known.has(k) || obj[k] === undefined) continue;
      const value = valueOf(k, obj[k], undefined, ctx);
      if (value !== OMIT) items.push(...row(k, value, `lp-f-${cssKey(k)}`, 'lp-unknown-key'));
    }
  }
  return items.length > 0 ? h('dl', { class: 'facts lp-fields' }, items) : null;
}

function cssKey(k: string): string {
  return k.replace(/[^A-Za-z0-9-]/g, '_');
}

/** A plain definition list of label/value pairs; pairs with a missing value are skipped. */
export function facts(pairs: Array<[string, Child | undefined] | null>, cls = ''): HTMLElement | null {
  const items: HTMLElement[] = [];
  for (const p of pairs) if (p && p[1] !== undefined && p[1] !== null && p[1] !== false) items.push(...row(p[0], p[1]));
  return items.length > 0 ? h('dl', { class: `facts${cls ? ' ' + cls : ''}` }, items) : null;
}

// Phases --------------------------------------------------------------------------------------------

/** A status chip for a task phase (or an asset's with `asset`); unknown phases neutral, as themselves. */
export function phaseChip(phase: unknown, asset = false): HTMLElement {
  const p = str(phase);
  const chip = statusChip(p, statusLookIn(asset ? LIVEPEER_ASSET_PHASE : LIVEPEER_TASK_PHASE, p), lt('phase', p ?? lt('noPhase')));
  chip.classList.add('lp-phase');
  return chip;
}

// Progress ------------------------------------------------------------------------------------------

/**
 * A native `<progress>` (0–1). dom.ts has no `progress` tag in its allow-list, so it is created here
 * with only numeric properties we computed; no style attribute is ever set (the page's CSP forbids
 * inline styles). Without a value it is indeterminate.
 */
export function progressBar(ratio: number | undefined, label: string): HTMLElement {
  const el = currentDocument().createElement('progress');
  el.className = 'lp-progress-bar';
  el.max = 1;
  if (ratio !== undefined) el.value = Math.min(1, Math.max(0, ratio));
  setAttr(el, 'aria-label', label);
  return el;
}

/** A folded kv tree (for big free-form objects). */
export function folded(title: string, value: unknown, ctx: Ctx, cls = ''): HTMLElement {
  return h('details', { class: `lp-folded${cls ? ' ' + cls : ''}` }, h('summary', null, title), anyVal(value, ctx));
}
