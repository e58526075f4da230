/** DOM-side formatting for the view (the `<time>` element, base64 sizes); the pure formatters are in src/shared/format.ts. */
import { relativeTime, utc } from '../../shared/format';
import { h } from './dom';

/** A `<time>` showing relative time with the exact UTC time on hover; raw text if unparsable. */
export function timeEl(iso: string | undefined): HTMLElement | undefined {
  if (iso === undefined) return undefined;
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return h('span', { class: 'time invalid' }, iso);
  return h('time', { datetime: new Date(ms).toISOString(), title: utc(ms), class: 'time' }, relativeTime(ms));
}

/** Decoded size of a base64 string, without decoding it. */
export function base64Size(b64: string): number {
  const clean = b64.replace(/\s+/g, '');
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((clean.length * 3) / 4) - pad);
}
