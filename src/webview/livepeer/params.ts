/**
 * `params` laid out per key (reference §3.6): upload/import, export (custom or IPFS), exportData,
 * `transcode-file` (the one kebab key), clip, legacy transcode. Any other key, and any unknown field
 * inside a known key, is shown under its wire name.
 */
import { h, type Child } from '../shell/dom';
import { isRec, num, own, str, type Rec } from '../shell/model';
import type { Ctx } from '../shell/plan';
import { lt, type LivepeerStringKey } from './strings';
import type { LpTask } from './header';
import { chip } from '../shell/widgets';
import { anyVal, F, fieldList, folded, formatElapsed, MIN_EPOCH_MS, msTime, textVal, urlVal, type Field, type Fmt } from './widgets';
import { profileFmt, profilesFmt } from './profiles';

/** `{url}` as the link itself; anything richer as a field list. */
const urlObject: Fmt = (v, ctx) => {
  if (!isRec(v)) return undefined;
  const keys = Object.keys(v);
  if (keys.length === 1 && keys[0] === 'url') return urlVal(v.url);
  return fieldList(v, [{ key: 'url', label: 'url', fmt: F.url }], ctx);
};

const encryption: Fmt = (v, ctx) =>
  isRec(v)
    ? h('span', { class: 'lp-encryption' }, chip(lt('encrypted'), 'lp-encrypted'), Object.keys(v).length > 0 ? anyVal(v, ctx) : null)
    : undefined;

const kv: Fmt = (v, ctx) => anyVal(v, ctx);

const foldedObj =
  (title: LivepeerStringKey): Fmt =>
  (v, ctx) =>
    isRec(v) && Object.keys(v).length > 0 ? folded(lt(title), v, ctx) : undefined;

const UPLOAD_FIELDS: Field[] = [
  { key: 'url', label: 'sourceUrl', fmt: F.url },
  { key: 'encryption', label: 'encryption', fmt: encryption },
  { key: 'c2pa', label: 'c2pa', fmt: F.bool },
  { key: 'profiles', label: 'profiles', fmt: profilesFmt },
  { key: 'targetSegmentSizeSecs', label: 'segmentSize', fmt: F.seconds },
  { key: 'thumbnails', label: 'thumbnails', fmt: F.bool },
  { key: 'catalystPipelineStrategy', label: 'pipeline', fmt: F.text },
  { key: 'uploadedObjectKey', label: 'uploadedObjectKey', fmt: F.code('uploadedObjectKey') },
  { key: 'recordedSessionId', label: 'recordedSession', fmt: F.code('recordedSession') },
];

const IPFS_FIELDS: Field[] = [
  { key: 'nftMetadataTemplate', label: 'nftTemplate', fmt: F.text },
  { key: 'nftMetadata', label: 'nftMetadata', fmt: kv },
  { key: 'pinata', label: 'pinata', fmt: kv },
];

const ipfsParams: Fmt = (v, ctx) => (isRec(v) ? (fieldList(v, IPFS_FIELDS, ctx) ?? textVal('{ }', 'kv-empty')) : undefined);

const CUSTOM_FIELDS: Field[] = [
  { key: 'url', label: 'url', fmt: F.url },
  { key: 'method', label: 'method', fmt: F.text },
  { key: 'headers', label: 'headers', fmt: kv },
];

const EXPORT_FIELDS: Field[] = [
  { key: 'custom', label: 'customExport', fmt: (v, ctx) => (isRec(v) ? fieldList(v, CUSTOM_FIELDS, ctx) : undefined) },
  { key: 'ipfs', label: 'ipfs', fmt: ipfsParams },
];

const EXPORT_DATA_FIELDS: Field[] = [
  { key: 'type', label: 'dataType', fmt: F.text },
  { key: 'id', label: 'dataId', fmt: F.code('dataId') },
  { key: 'content', label: 'content', fmt: foldedObj('content') },
  { key: 'ipfs', label: 'ipfs', fmt: ipfsParams },
];

const creator: Fmt = (v) => {
  if (typeof v === 'string') return textVal(v);
  const value = str(own(v, 'value'));
  if (!isRec(v) || value === undefined || Object.keys(v).some((k) => k !== 'type' && k !== 'value')) return undefined;
  const type = str(own(v, 'type'));
  return h('span', null, textVal(value), type !== undefined ? [' ', chip(type, 'lp-creator-type')] : null);
};

const OUTPUTS_FIELDS: Field[] = [
  { key: 'hls', label: 'hls', fmt: F.path },
  { key: 'mp4', label: 'mp4', fmt: F.path },
  { key: 'fmp4', label: 'fmp4', fmt: F.path },
];

const TRANSCODE_FILE_FIELDS: Field[] = [
  { key: 'input', label: 'input', fmt: urlObject },
  { key: 'storage', label: 'storage', fmt: urlObject },
  { key: 'outputs', label: 'outputs', fmt: (v, ctx) => (isRec(v) ? fieldList(v, OUTPUTS_FIELDS, ctx) : undefined) },
  { key: 'profiles', label: 'profiles', fmt: profilesFmt },
  { key: 'targetSegmentSizeSecs', label: 'segmentSize', fmt: F.seconds },
  { key: 'creatorId', label: 'creator', fmt: creator },
  { key: 'c2pa', label: 'c2pa', fmt: F.bool },
  { key: 'catalystPipelineStrategy', label: 'pipeline', fmt: F.text },
];

/** Clip times are absolute Unix ms; a small number is shown as an offset rather than as 1970. */
const clipTime: Fmt = (v) => {
  const n = num(v);
  if (n === undefined) return undefined;
  return n >= MIN_EPOCH_MS ? msTime(n, true) : h('span', null, lt('offset', formatElapsed(n)));
};

function clipStrategy(v: unknown, ctx: Ctx): Child | undefined {
  if (!isRec(v)) return undefined;
  const start = num(v.startTime);
  const end = num(v.endTime);
  const extra: Array<[string, Child]> =
    start !== undefined && end !== undefined && end >= start
      ? [[lt('clipLength'), h('span', { class: 'lp-clip-length' }, formatElapsed(end - start))]]
      : [];
  return fieldList(
    v,
    [
      { key: 'playbackId', label: 'playbackId', fmt: F.code('playbackId') },
      { key: 'startTime', label: 'clipStart', fmt: clipTime },
      { key: 'endTime', label: 'clipEnd', fmt: clipTime },
    ],
    ctx,
    { extra },
  );
}

const CLIP_FIELDS: Field[] = [
  { key: 'clipStrategy', label: 'clipStrategy', fmt: clipStrategy },
  { key: 'url', label: 'url', fmt: F.url },
  { key: 'inputId', label: 'inputId', fmt: F.code('inputId') },
  { key: 'sessionId', label: 'session', fmt: F.code('session') },
  { key: 'catalystPipelineStrategy', label: 'pipeline', fmt: F.text },
  { key: 'sourceObjectStoreId', label: 'sourceObjectStore', fmt: F.code('sourceObjectStore') },
];

const LEGACY_TRANSCODE_FIELDS: Field[] = [{ key: 'profile', label: 'profile', fmt: profileFmt }];

/** params key → its fields. Note the kebab `transcode-file` next to the camel `exportData`. */
const PARAM_FIELDS: Readonly<Record<string, readonly Field[]>> = {
  upload: UPLOAD_FIELDS,
  import: UPLOAD_FIELDS,
  export: EXPORT_FIELDS,
  exportData: EXPORT_DATA_FIELDS,
  'transcode-file': TRANSCODE_FILE_FIELDS,
  clip: CLIP_FIELDS,
  transcode: LEGACY_TRANSCODE_FIELDS,
};

/** The params key a task type uses. */
export function paramsKey(type: string | undefined): string | undefined {
  return type === 'export-data' ? 'exportData' : type;
}

function block(key: string, value: unknown, ctx: Ctx, heading: boolean): HTMLElement {
  const fields = Object.prototype.hasOwnProperty.call(PARAM_FIELDS, key) ? PARAM_FIELDS[key] : undefined;
  const body = fields && isRec(value) ? (fieldList(value, fields, ctx) ?? textVal('{ }', 'kv-empty')) : anyVal(value, ctx);
  return h(
    'div',
    { class: `lp-block lp-params-${key.replace(/[^A-Za-z0-9-]/g, '_')}` },
    heading ? h('h3', { class: 'lp-key' }, key) : null,
    body,
  );
}

export function renderParams(task: LpTask, ctx: Ctx): HTMLElement {
  const raw = own(task.raw, 'params');
  const params: Rec = isRec(raw) ? { ...raw } : {};
  // The first Ruby SDK and the old docs put clip params at the top level.
  const topClip = own(task.raw, 'clip');
  if (topClip !== undefined && params.clip === undefined) params.clip = topClip;
  const keys = Object.keys(params).filter((k) => params[k] !== undefined);
  const expected = paramsKey(task.type);
  const content: Child[] = [];
  if (raw !== undefined && !isRec(raw)) content.push(anyVal(raw, ctx));
  for (const k of keys) content.push(block(k, params[k], ctx, keys.length > 1 || k !== expected));
  if (content.length === 0) content.push(h('p', { class: 'muted lp-empty' }, lt('noParams')));
  return h('section', { class: 'lp-section lp-params', 'aria-label': lt('params') }, h('h2', null, lt('params')), content);
}
