/** The Livepeer view's table of requested renditions (transcode profiles). Values are text only. */
import { h, type Child } from '../shell/dom';
import { formatNumber } from '../../shared/format';
import { display, isRec, num, own, type Rec } from '../shell/model';
import type { Ctx } from '../shell/plan';
import { lt } from './strings';
import { anyVal, formatBitrate, type Fmt } from './widgets';

const PROFILE_COLUMNS: Array<[string, () => string]> = [
  ['name', () => lt('name')],
  ['resolution', () => lt('resolution')],
  ['bitrate', () => lt('bitrate')],
  ['fps', () => lt('fps')],
  ['quality', () => lt('quality')],
  ['gop', () => lt('gop')],
  ['profile', () => lt('profile')],
  ['encoder', () => lt('encoder')],
];
const PROFILE_KEYS = new Set(['name', 'width', 'height', 'bitrate', 'fps', 'fpsDen', 'quality', 'gop', 'profile', 'encoder']);

function profileCell(p: Rec, col: string): Child {
  switch (col) {
    case 'resolution': {
      const w = own(p, 'width');
      const hh = own(p, 'height');
      if (w === undefined && hh === undefined) return null;
      return `${w === undefined ? '?' : display(w)}×${hh === undefined ? '?' : display(hh)}`;
    }
    case 'bitrate': {
      const b = num(own(p, 'bitrate'));
      return b !== undefined ? h('span', { title: `${formatNumber(b)} bps` }, formatBitrate(b)) : display(own(p, 'bitrate'));
    }
    case 'fps': {
      const fps = own(p, 'fps');
      const den = own(p, 'fpsDen');
      if (fps === undefined) return null;
      return den === undefined || den === 1 ? display(fps) : `${display(fps)}/${display(den)}`;
    }
    default:
      return display(own(p, col));
  }
}

function hasCol(p: Rec, col: string): boolean {
  if (col === 'resolution') return p.width !== undefined || p.height !== undefined;
  return p[col] !== undefined;
}

/** Requested renditions as a table: only the columns some profile has, unknown keys as extra columns. */
export function profilesTable(list: unknown[], ctx: Ctx): HTMLElement {
  const recs = list.filter(isRec);
  if (recs.length !== list.length || recs.length === 0) return anyVal(list, ctx);
  const cols: Array<[string, string]> = PROFILE_COLUMNS.filter(([c]) => recs.some((p) => hasCol(p, c))).map(([c, label]) => [c, label()]);
  const extra = new Set<string>();
  for (const p of recs) for (const k of Object.keys(p)) if (!PROFILE_KEYS.has(k)) extra.add(k);
  for (const k of extra) cols.push([k, k]);
  return h(
    'table',
    { class: 'grid-table lp-profiles' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        cols.map(([, label]) => h('th', { scope: 'col' }, label)),
      ),
    ),
    h(
      'tbody',
      null,
      recs.map((p) =>
        h(
          'tr',
          null,
          cols.map(([c]) => {
            const cell = profileCell(p, c);
            const numeric = c === 'bitrate' || c === 'fps' || c === 'quality' || c === 'resolution';
            return h('td', { class: numeric ? 'num' : undefined }, cell);
          }),
        ),
      ),
    ),
  );
}

/** Field formatters for a list of profiles and a single (legacy) profile. */
export const profilesFmt: Fmt = (v, ctx) => (Array.isArray(v) ? profilesTable(v, ctx) : undefined);
export const profileFmt: Fmt = (v, ctx) => (isRec(v) ? profilesTable([v], ctx) : undefined);
