/**
 * Assets (reference §4): the fields a reviewer reads (name, status, size, duration, playback id,
 * playback and download links, hash, tracks), used for an output's `assetSpec` and for the task's
 * linked assets sent as `related` — one card each, with a button revealing them in the tree, and a
 * card saying why when an asset could not be fetched.
 */
import { h, icon, type Child } from '../shell/dom';
import { formatNumber } from '../../shared/format';
import { kvView } from '../shell/kvtree';
import { arr, display, isRec, num, own, str, type Rec } from '../shell/model';
import type { Ctx } from '../shell/plan';
import type { RelatedDoc } from '../../shared/protocol';
import { lt } from './strings';
import { profilesFmt } from './profiles';
import { percent } from '../../shared/format';
import { anyVal, codeVal, F, fieldList, formatBitrate, msTime, OMIT, phaseChip, textVal, urlVal, type Field, type Fmt } from './widgets';
import { callout, chip } from '../shell/widgets';

const STATUS_KEYS = new Set(['phase', 'updatedAt', 'progress', 'errorMessage']);

/** Asset status as one line: chip, progress, updated time (and error, off cards); other shapes as a kv tree. */
function statusFmt(withChip: boolean): Fmt {
  return (v, ctx) => {
    if (!isRec(v) || Object.keys(v).some((k) => !STATUS_KEYS.has(k))) return undefined;
    const progress = num(v.progress);
    const parts: Child[] = [];
    if (withChip) parts.push(phaseChip(v.phase, true));
    if (progress !== undefined) parts.push(h('span', { class: 'lp-asset-progress' }, percent(progress)));
    const time = msTime(v.updatedAt);
    if (time) parts.push(h('span', { class: 'muted' }, lt('updated'), ' ', time));
    // On a card the error has its own callout.
    const message = own(v, 'errorMessage');
    if (withChip && message !== undefined)
      parts.push(h('span', { class: 'pre-wrap lp-asset-error' }, str(message) ?? anyVal(message, ctx)));
    if (parts.length === 0) return OMIT;
    return h(
      'span',
      { class: 'lp-asset-status' },
      parts.flatMap((p, i) => (i === 0 ? [p] : [' · ', p])),
    );
  };
}

const tracks: Fmt = (v, ctx) => {
  if (!Array.isArray(v) || v.length === 0 || !v.every(isRec)) return undefined;
  return h(
    'ul',
    { class: 'lp-tracks' },
    (v as Rec[]).map((t) => h('li', null, trackLine(t, ctx))),
  );
};

function trackLine(t: Rec, ctx: Ctx): Child {
  const parts: string[] = [];
  const add = (x: unknown, fmt?: (n: number) => string) => {
    if (x === undefined || x === null) return;
    const n = num(x);
    parts.push(n !== undefined && fmt ? fmt(n) : display(x));
  };
  add(t.type);
  add(t.codec);
  if (t.width !== undefined || t.height !== undefined) parts.push(`${display(t.width ?? '?')}×${display(t.height ?? '?')}`);
  add(t.fps, (n) => `${formatNumber(n)} fps`);
  add(t.pixelFormat);
  add(t.channels, (n) => lt('channels', formatNumber(n)));
  add(t.sampleRate, (n) => `${formatNumber(n / 1000)} kHz`);
  add(t.bitDepth, (n) => `${formatNumber(n)} bit`);
  add(t.bitrate, formatBitrate);
  return parts.length > 0 ? textVal(parts.join(' · ')) : anyVal(t, ctx);
}

const hashes: Fmt = (v) => {
  if (!Array.isArray(v) || v.length === 0 || !v.every((x) => isRec(x) && typeof x.hash === 'string')) return undefined;
  return h(
    'ul',
    { class: 'lp-hashes' },
    (v as Rec[]).map((x) =>
      h(
        'li',
        null,
        str(x.algorithm) !== undefined ? h('span', { class: 'muted' }, `${str(x.algorithm)} `) : null,
        codeVal(x.hash as string, lt('hash')),
      ),
    ),
  );
};

const SOURCE_FIELDS: Field[] = [
  { key: 'type', label: 'type', fmt: F.text },
  { key: 'url', label: 'url', fmt: F.url },
];

const source: Fmt = (v, ctx) => {
  if (!isRec(v)) return undefined;
  const keys = Object.keys(v);
  if (keys.every((k) => k === 'type' || k === 'url') && typeof v.type === 'string') {
    return h('span', null, chip(v.type, 'lp-source-type'), v.url !== undefined ? [' ', urlVal(v.url) ?? anyVal(v.url, ctx)] : null);
  }
  return fieldList(v, SOURCE_FIELDS, ctx);
};

const policy: Fmt = (v) => (isRec(v) && Object.keys(v).length === 1 && typeof v.type === 'string' ? textVal(v.type) : undefined);

const VIDEO_SPEC_SHOWN = new Set(['duration', 'format', 'bitrate', 'tracks']);

/** `videoSpec` keys not already shown as Duration/Format/Bitrate/Tracks. */
const videoSpecRest: Fmt = (v, ctx) => {
  if (!isRec(v)) return undefined;
  const rest: Rec = {};
  for (const k of Object.keys(v)) if (!VIDEO_SPEC_SHOWN.has(k)) rest[k] = v[k];
  return Object.keys(rest).length > 0 ? anyVal(rest, ctx) : OMIT;
};

const vs = (key: string) => (a: Rec) => (isRec(a.videoSpec) ? own(a.videoSpec, key) : undefined);

function assetFields(opts: { name: boolean; statusChip: boolean }): Field[] {
  return [
    ...(opts.name ? [{ key: 'name', label: 'name', fmt: F.text } satisfies Field] : []),
    { key: 'status', label: 'status', fmt: statusFmt(opts.statusChip) },
    { key: 'size', label: 'size', fmt: F.bytes },
    { key: 'videoSpec.duration', label: 'duration', fmt: F.duration, get: vs('duration') },
    { key: 'videoSpec.format', label: 'format', fmt: F.text, get: vs('format') },
    { key: 'videoSpec.bitrate', label: 'bitrate', fmt: F.bitrate, get: vs('bitrate') },
    { key: 'videoSpec.tracks', label: 'tracks', fmt: tracks, get: vs('tracks') },
    { key: 'videoSpec', label: 'format', fmt: videoSpecRest },
    { key: 'type', label: 'type', fmt: F.text },
    { key: 'playbackId', label: 'playbackId', fmt: F.code('playbackId') },
    { key: 'playbackUrl', label: 'playbackUrl', fmt: F.url },
    { key: 'downloadUrl', label: 'downloadUrl', fmt: F.url },
    { key: 'hash', label: 'hash', fmt: hashes },
    { key: 'source', label: 'source', fmt: source },
    { key: 'playbackPolicy', label: 'playbackPolicy', fmt: policy },
    { key: 'profiles', label: 'profiles', fmt: profilesFmt },
    { key: 'createdAt', label: 'created', fmt: F.time },
    { key: 'createdByTokenName', label: 'createdBy', fmt: F.text },
  ];
}

/** An output's `assetSpec`: every field, the known ones first. */
export function assetSpecView(spec: unknown, ctx: Ctx): HTMLElement | null {
  return fieldList(spec, assetFields({ name: true, statusChip: true }), ctx);
}

function revealButton(): HTMLElement {
  return h(
    'button',
    { type: 'button', class: 'link-button lp-reveal', 'data-action': 'command', 'data-command': 'revealInTree', title: lt('revealAsset') },
    icon('list-tree'),
    ' ',
    lt('revealInTree'),
  );
}

function cardHead(doc: RelatedDoc, name: Child, phase: Child): HTMLElement {
  return h(
    'header',
    { class: 'lp-asset-head' },
    h('span', { class: 'lp-asset-role muted' }, doc.label),
    h('h3', { class: 'lp-asset-name' }, name),
    phase,
    h('span', { class: 'spacer' }),
    revealButton(),
  );
}

function missingCard(doc: RelatedDoc): HTMLElement {
  const problem = doc.problem !== undefined && doc.problem !== null && doc.problem !== '' ? doc.problem : lt('assetMissingReason');
  return h(
    'article',
    { class: 'lp-asset-card lp-asset-missing', 'aria-label': doc.label },
    cardHead(doc, h('span', { class: 'muted' }, lt('unavailable')), null),
    h('div', { class: 'lp-asset-id' }, codeVal(doc.id, lt('assetId'))),
    callout('warning', lt('assetMissing'), h('span', { class: 'pre-wrap lp-problem' }, problem)),
  );
}

function assetCard(doc: RelatedDoc, asset: Rec, ctx: Ctx): HTMLElement {
  const name = str(asset.name);
  const status = own(asset, 'status');
  const error = str(own(status, 'errorMessage'));
  const id = str(asset.id) ?? doc.id;
  return h(
    'article',
    { class: 'lp-asset-card', 'aria-label': doc.label },
    cardHead(
      doc,
      name !== undefined && name !== '' ? name : h('span', { class: 'muted' }, lt('unnamed')),
      isRec(status) ? phaseChip(status.phase, true) : null,
    ),
    h('div', { class: 'lp-asset-id' }, codeVal(id, lt('assetId'))),
    error !== undefined && error !== '' ? callout('error', lt('assetError'), h('span', { class: 'pre-wrap' }, error)) : null,
    doc.problem ? callout('warning', lt('assetMissing'), h('span', { class: 'pre-wrap lp-problem' }, doc.problem)) : null,
    fieldList(asset, assetFields({ name: false, statusChip: false }), ctx, { rest: false }),
    h(
      'details',
      { class: 'lp-folded lp-all-fields' },
      h('summary', null, lt('allFields')),
      kvView(asset, { revealSecrets: ctx.revealSecrets, maxDepth: 6 }),
    ),
  );
}

function otherCard(doc: RelatedDoc, ctx: Ctx): HTMLElement {
  return h(
    'article',
    { class: 'lp-asset-card lp-related-other', 'aria-label': doc.label },
    cardHead(doc, chip(doc.type, 'lp-related-type'), null),
    h('div', { class: 'lp-asset-id' }, codeVal(doc.id, lt('assetId'))),
    doc.problem ? callout('warning', lt('assetMissing'), h('span', { class: 'pre-wrap lp-problem' }, doc.problem)) : null,
    h('details', { class: 'lp-folded lp-all-fields' }, h('summary', null, lt('allFields')), anyVal(doc.raw, ctx)),
  );
}

export function relatedCard(doc: RelatedDoc, ctx: Ctx): HTMLElement {
  try {
    if (doc.raw === null || doc.raw === undefined) return missingCard(doc);
    if (doc.type === 'asset' && isRec(doc.raw)) return assetCard(doc, doc.raw, ctx);
    return otherCard(doc, ctx);
  } catch (e) {
    // A renderer bug costs one card, not the page.
    return h('article', { class: 'lp-asset-card' }, callout('error', doc.label, String(e)));
  }
}

/** The linked assets as cards; nothing when the host sent none. */
export function renderAssets(ctx: Ctx): HTMLElement | null {
  const docs = arr(ctx.related) as RelatedDoc[];
  if (docs.length === 0) return null;
  return h(
    'section',
    { class: 'lp-section lp-assets', 'aria-label': lt('assets') },
    h('h2', null, lt('assets')),
    h(
      'div',
      { class: 'lp-asset-cards' },
      docs.map((d) => relatedCard(d, ctx)),
    ),
  );
}
