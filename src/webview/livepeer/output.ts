/**
 * `output` laid out per key (reference §3.7): the asset an upload/import/clip produced (`assetSpec`),
 * export IPFS CIDs and gateway links, exportData's CID, transcodeFile's HLS/MP4 paths (links when the
 * storage has an http(s) `baseUrl`) and input video. Unknown keys and fields under their wire names.
 */
import { isWebLinkUrl } from '../../shared/links';
import { h, type Child } from '../shell/dom';
import { isRec, own, str, type Rec } from '../shell/model';
import type { Ctx } from '../shell/plan';
import { lt } from './strings';
import type { LpTask } from './header';
import { assetSpecView } from './assets';
import { anyVal, codeVal, F, fieldList, textVal, type Field, type Fmt } from './widgets';
import { copyButton } from '../shell/widgets';

function heading(key: string): HTMLElement {
  return h('h3', { class: 'lp-key' }, key);
}

function blockClass(key: string): string {
  return `lp-block lp-output-${key.replace(/[^A-Za-z0-9-]/g, '_')}`;
}

/** upload / import / clip / legacy transcode.asset: the produced asset, then the file paths. */
function assetProducing(v: unknown, ctx: Ctx): Child {
  if (!isRec(v)) return anyVal(v, ctx);
  const rest: Rec = { ...v };
  delete rest.assetSpec;
  const spec = own(v, 'assetSpec');
  const files = fieldList(
    rest,
    [
      { key: 'videoFilePath', label: 'videoFile', fmt: F.code('videoFile') },
      { key: 'metadataFilePath', label: 'metadataFile', fmt: F.code('metadataFile') },
    ],
    ctx,
  );
  if (spec === undefined && files === null) return textVal('{ }', 'kv-empty');
  return [
    spec !== undefined
      ? h('div', { class: 'lp-asset-spec' }, h('h4', null, lt('assetSpec')), assetSpecView(spec, ctx) ?? textVal('{ }', 'kv-empty'))
      : null,
    files,
  ];
}

const EXPORT_IPFS_FIELDS: Field[] = [
  { key: 'videoFileCid', label: 'videoCid', fmt: F.code('videoCid') },
  { key: 'videoFileGatewayUrl', label: 'videoGateway', fmt: F.url },
  { key: 'videoFileUrl', label: 'videoUrl', fmt: F.url },
  { key: 'nftMetadataCid', label: 'nftCid', fmt: F.code('nftCid') },
  { key: 'nftMetadataGatewayUrl', label: 'nftGateway', fmt: F.url },
  { key: 'nftMetadataUrl', label: 'nftUrl', fmt: F.url },
];

const exportIpfs: Fmt = (v, ctx) => (isRec(v) ? fieldList(v, EXPORT_IPFS_FIELDS, ctx) : undefined);

const EXPORT_FIELDS: Field[] = [{ key: 'ipfs', label: 'ipfs', fmt: exportIpfs }];

const EXPORT_DATA_FIELDS: Field[] = [
  {
    key: 'ipfs',
    label: 'ipfs',
    fmt: (v, ctx) => (isRec(v) ? fieldList(v, [{ key: 'cid', label: 'cid', fmt: F.code('cid') }], ctx) : undefined),
  },
];

/** `baseUrl` + `path`, when that is an http(s) URL. */
function joinUrl(base: string | undefined, path: string): string | undefined {
  if (base === undefined || !isWebLinkUrl(base)) return undefined;
  const url = `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
  return isWebLinkUrl(url) ? url : undefined;
}

function pathLink(path: string, base: string | undefined): HTMLElement {
  const url = joinUrl(base, path);
  if (url === undefined) return codeVal(path, lt('url'));
  return h(
    'span',
    { class: 'lp-code' },
    h('a', { href: url, class: 'link lp-link', title: url }, path),
    copyButton(url, lt('copy', lt('url'))),
  );
}

function pathFmt(base: string | undefined): Fmt {
  return (v) => {
    if (isRec(v) && Object.keys(v).length === 1 && typeof v.path === 'string') return pathLink(v.path, base);
    if (Array.isArray(v) && v.length > 0 && v.every((x) => isRec(x) && Object.keys(x).length === 1 && typeof x.path === 'string')) {
      return h(
        'ul',
        { class: 'lp-paths' },
        (v as Rec[]).map((x) => h('li', null, pathLink(x.path as string, base))),
      );
    }
    return undefined;
  };
}

function transcodeFile(v: unknown, ctx: Ctx): Child {
  if (!isRec(v)) return anyVal(v, ctx);
  const base = str(v.baseUrl);
  return fieldList(
    v,
    [
      { key: 'hls', label: 'hls', fmt: pathFmt(base) },
      { key: 'mp4', label: 'mp4', fmt: pathFmt(base) },
      { key: 'fmp4', label: 'fmp4', fmt: pathFmt(base) },
      { key: 'baseUrl', label: 'baseUrl', fmt: F.url },
      {
        key: 'input_video',
        label: 'inputVideo',
        fmt: (x, c) =>
          isRec(x)
            ? fieldList(
                x,
                [
                  { key: 'duration', label: 'duration', fmt: F.duration },
                  { key: 'size', label: 'size', fmt: F.bytes },
                ],
                c,
              )
            : undefined,
      },
      { key: 'request_id', label: 'requestId', fmt: F.code('requestId') },
    ],
    ctx,
  );
}

function byFields(fields: Field[]): (v: unknown, ctx: Ctx) => Child {
  return (v, ctx) => (isRec(v) ? (fieldList(v, fields, ctx) ?? textVal('{ }', 'kv-empty')) : anyVal(v, ctx));
}

/** output key → renderer. Note the camel `transcodeFile` here (kebab `transcode-file` in params). */
const OUTPUT_RENDERERS: Readonly<Record<string, (v: unknown, ctx: Ctx) => Child>> = {
  upload: assetProducing,
  import: assetProducing,
  clip: assetProducing,
  transcode: (v, ctx) =>
    isRec(v) && Object.keys(v).length === 1 && v.asset !== undefined
      ? assetProducing(v.asset, ctx)
      : byFields([{ key: 'asset', label: 'assetSpec', fmt: (a, c) => h('div', null, assetProducing(a, c)) }])(v, ctx),
  export: byFields(EXPORT_FIELDS),
  exportData: byFields(EXPORT_DATA_FIELDS),
  transcodeFile,
};

/** The output key a task type uses. */
export function outputKey(type: string | undefined): string | undefined {
  return type === 'export-data' ? 'exportData' : type === 'transcode-file' ? 'transcodeFile' : type;
}

export function renderOutput(task: LpTask, ctx: Ctx): HTMLElement {
  const raw = own(task.raw, 'output');
  const content: Child[] = [];
  if (raw !== undefined && raw !== null && !isRec(raw)) content.push(anyVal(raw, ctx));
  if (isRec(raw)) {
    const keys = Object.keys(raw).filter((k) => raw[k] !== undefined);
    const expected = outputKey(task.type);
    for (const k of keys) {
      const render = Object.prototype.hasOwnProperty.call(OUTPUT_RENDERERS, k) ? OUTPUT_RENDERERS[k] : anyVal;
      let body: Child;
      try {
        body = render(raw[k], ctx);
      } catch {
        body = anyVal(raw[k], ctx);
      }
      content.push(h('div', { class: blockClass(k) }, keys.length > 1 || k !== expected ? heading(k) : null, body));
    }
  }
  if (content.length === 0) {
    const terminal = task.phase === 'completed' || task.phase === 'failed' || task.phase === 'cancelled';
    content.push(
      h('p', { class: 'muted lp-empty' }, terminal || task.phase === undefined ? lt('noOutput') : lt('noOutputYet', task.phase)),
    );
  }
  return h('section', { class: 'lp-section lp-output', 'aria-label': lt('output') }, h('h2', null, lt('output')), content);
}
