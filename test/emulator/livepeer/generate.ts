/**
 * Builds Livepeer tasks and their assets from a small spec (type, phase, extras), with the shapes
 * of the reference: status by phase (§3.4), params and outputs by type (§3.6–3.7, including the
 * kebab `transcode-file` params key and the camel `transcodeFile` output key), assets (§4) whose
 * phase follows the task's. Ids are deterministic UUIDs; content varies with the seed.
 */
import type { Asset, Task, TaskOutput, TaskParams, TaskStatus } from '../../../src/core/livepeer/types';
import { mixSeed, mulberry32, Rng } from '../scale/random';

/** 2024-06-01T00:00:00Z: all timestamps are milliseconds after this. */
export const BASE_TIME = Date.UTC(2024, 5, 1);
const MINUTE = 60_000;

const KIND_CODES = { task: 1, asset: 2, project: 3, user: 4, other: 5 } as const;

/** A lowercase v4-shaped UUID that depends only on (kind, index), never on the seed. */
export function lpUuid(kind: keyof typeof KIND_CODES, index: number): string {
  const next = mulberry32(mixSeed(0x1f9e, KIND_CODES[kind], index));
  const hex = Array.from({ length: 4 }, () =>
    Math.floor(next() * 2 ** 32)
      .toString(16)
      .padStart(8, '0'),
  ).join('');
  const variant = '89ab'[Number.parseInt(hex[16] ?? '0', 16) % 4];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const PROJECT_ID = lpUuid('project', 0);
export const USER_ID = lpUuid('user', 0);

export interface TaskSpec {
  readonly type: string;
  readonly phase: string;
  readonly progress?: number;
  readonly errorMessage?: string;
  readonly retries?: number;
  /** The linked input/output asset id is set but the asset is gone (404). */
  readonly missingInput?: boolean;
  readonly missingOutput?: boolean;
  /** Overrides the source file name (and so the output asset's name). */
  readonly fileName?: string;
}

export interface World {
  readonly seed: number;
  readonly assets: Map<string, Asset>;
  /** Ready assets, for export and legacy transcode tasks to take as input. */
  readonly readyAssets: string[];
  assetCount: number;
}

const FILE_NAMES = [
  'intro.mp4',
  'keynote-2024.mov',
  'product demo (final).mp4',
  'drone_footage_4k.mp4',
  'podcast-ep-12.m4a',
  'lecture 03 – optics.mkv',
  'trailer.webm',
  'interview_raw.avi',
];
const FAILURES = [
  'unsupported input: no video or audio stream found in file',
  'error downloading input: 404 Not Found from https://media.example.com/raw/missing.mp4',
  'transcode error: codec not supported (prores_ks)',
  'failed to export: IPFS pin request timed out',
];

const OUTPUT_TYPES = new Set(['upload', 'import', 'clip', 'transcode']);
const INPUT_TYPES = new Set(['export', 'transcode']);
const ASSET_PHASE: Record<string, string> = {
  pending: 'uploading',
  waiting: 'waiting',
  running: 'processing',
  completed: 'ready',
  failed: 'failed',
  cancelled: 'failed',
};

export function buildTask(world: World, index: number, spec: TaskSpec): Task {
  const rng = new Rng(mixSeed(world.seed, index));
  const createdAt = BASE_TIME + index * 47 * MINUTE + rng.int(0, 59) * 1000;
  const terminal = spec.phase === 'completed' || spec.phase === 'failed' || spec.phase === 'cancelled';
  const updatedAt = createdAt + (terminal ? rng.int(30, 900) : rng.int(2, 60)) * 1000;
  const fileName = spec.fileName ?? rng.pick(FILE_NAMES);
  const status = statusFor(spec, updatedAt, rng);
  const inputAssetId = INPUT_TYPES.has(spec.type) ? inputAsset(world, rng, createdAt, spec.missingInput === true) : undefined;
  const outputAssetId = OUTPUT_TYPES.has(spec.type) ? outputAsset(world, rng, spec, fileName, createdAt, status) : undefined;
  const output =
    spec.phase === 'completed' ? outputFor(spec.type, outputAssetId ? world.assets.get(outputAssetId) : undefined, rng) : undefined;
  return {
    id: lpUuid('task', index),
    type: spec.type,
    createdAt,
    ...(spec.phase === 'pending' ? {} : { scheduledAt: createdAt + rng.int(150, 2500) }),
    ...(inputAssetId ? { inputAssetId } : {}),
    ...(outputAssetId ? { outputAssetId } : {}),
    projectId: PROJECT_ID,
    userId: USER_ID,
    ...(spec.type === 'clip' ? { requesterId: hex(rng, 64) } : {}),
    params: paramsFor(spec.type, fileName, rng, createdAt),
    status,
    ...(output ? { output } : {}),
  };
}

function statusFor(spec: TaskSpec, updatedAt: number, rng: Rng): TaskStatus {
  const { phase } = spec;
  if (phase === 'pending' || phase === 'completed' || phase === 'cancelled') return { phase, updatedAt };
  if (phase === 'waiting')
    return { phase, updatedAt, retries: spec.retries ?? 0, ...(spec.errorMessage ? { errorMessage: spec.errorMessage } : {}) };
  if (phase === 'running') return { phase, updatedAt, retries: spec.retries ?? 0, progress: spec.progress ?? rng.decimal(0.05, 0.95, 3) };
  if (phase === 'failed')
    return { phase, updatedAt, errorMessage: spec.errorMessage ?? rng.pick(FAILURES), retries: spec.retries ?? rng.pick([0, 2]) };
  // An unknown phase: shaped like a running one, so clients must not assume anything from it.
  return { phase, updatedAt, retries: 0 };
}

function paramsFor(type: string, fileName: string, rng: Rng, createdAt: number): TaskParams {
  const url = `https://media.example.com/raw/${encodeURIComponent(fileName)}`;
  switch (type) {
    case 'upload':
      return { upload: { url, thumbnails: true, ...(rng.chance(0.2) ? { encryption: { key: '***' } } : {}) } };
    case 'import':
      return { import: { url } };
    case 'export':
      return rng.chance(0.7)
        ? { export: { ipfs: { nftMetadataTemplate: 'file' } } }
        : {
            export: {
              custom: { url: 'https://uploads.example.com/export', method: 'PUT', headers: { 'x-export-source': 'task-lens-emulator' } },
            },
          };
    case 'export-data':
      return {
        exportData: {
          type: 'attestation',
          id: lpUuid('other', createdAt % 100_000),
          content: { primaryType: 'VideoAttestation', message: { video: 'ipfs://bafy…', signer: '0x0000' } },
        },
      };
    case 'transcode-file':
      return {
        'transcode-file': {
          input: { url: `s3+https://***:***@storage.example.com/source-bucket/${encodeURIComponent(fileName)}` },
          storage: { url: 's3+https://***:***@storage.example.com/my-bucket' },
          outputs: { hls: { path: '/out/hls' }, mp4: { path: '/out/mp4' } },
          profiles: [{ name: '720p', width: 1280, height: 720, bitrate: 3_000_000, fps: 30 }],
          targetSegmentSizeSecs: 6,
        },
      };
    case 'clip': {
      const playbackId = hex(rng, 16);
      const startTime = createdAt - rng.int(10, 120) * MINUTE;
      return {
        clip: {
          url: `https://playback.example/hls/${playbackId}/index.m3u8`,
          clipStrategy: { startTime, endTime: startTime + rng.int(15, 90) * 1000, playbackId },
          catalystPipelineStrategy: 'catalyst_ffmpeg',
          sessionId: lpUuid('other', rng.int(0, 9999)),
          inputId: lpUuid('other', rng.int(10_000, 19_999)),
        },
      };
    }
    case 'transcode':
      return { transcode: { profile: { name: '480p', width: 854, height: 480, bitrate: 1_200_000, fps: 30 } } };
    default:
      // An unknown type carries its own params key; clients must keep it for the raw view.
      return { [type]: { language: 'en', model: 'whisper-large-v3' } };
  }
}

function outputFor(type: string, asset: Asset | undefined, rng: Rng): TaskOutput | undefined {
  const assetSpec = asset ? { name: asset.name, size: asset.size, hash: asset.hash, videoSpec: asset.videoSpec } : undefined;
  switch (type) {
    case 'upload':
      return { upload: { assetSpec } };
    case 'import':
      return { import: { assetSpec } };
    case 'clip':
      return { clip: { assetSpec, videoFilePath: 'clips/video.mp4', metadataFilePath: 'clips/metadata.json' } };
    case 'transcode':
      return { transcode: { asset: { assetSpec } } };
    case 'export': {
      const video = `bafybei${hex(rng, 24)}`;
      const meta = `bafybei${hex(rng, 24)}`;
      const gateway = (cid: string) => `https://ipfs-gateway.example/ipfs/${cid}`;
      return {
        export: {
          ipfs: {
            videoFileCid: video,
            videoFileUrl: `ipfs://${video}`,
            videoFileGatewayUrl: gateway(video),
            nftMetadataCid: meta,
            nftMetadataUrl: `ipfs://${meta}`,
            nftMetadataGatewayUrl: gateway(meta),
          },
        },
      };
    }
    case 'export-data':
      return { exportData: { ipfs: { cid: `bafybei${hex(rng, 24)}` } } };
    case 'transcode-file':
      return {
        transcodeFile: {
          hls: { path: '/out/hls/index.m3u8' },
          mp4: [{ path: '/out/mp4/static720p0.mp4' }],
          request_id: hex(rng, 20),
          input_video: { duration: rng.decimal(10, 600, 1), size: rng.int(1, 900) * 1_048_576 },
        },
      };
    default:
      return { [type]: { vttUrl: 'https://playback.example/captions/en.vtt' } };
  }
}

function outputAsset(world: World, rng: Rng, spec: TaskSpec, fileName: string, createdAt: number, status: TaskStatus): string {
  const id = lpUuid('asset', world.assetCount++);
  if (spec.missingOutput) return id;
  const phase = ASSET_PHASE[spec.phase] ?? 'processing';
  const asset = makeAsset(id, rng, fileName.replace(/\.[^.]+$/, ''), createdAt, phase, status);
  asset.source =
    spec.type === 'clip'
      ? { type: 'clip', sessionId: lpUuid('other', rng.int(0, 9999)) }
      : { type: 'url', url: `https://media.example.com/raw/${encodeURIComponent(fileName)}` };
  world.assets.set(id, asset);
  if (phase === 'ready') world.readyAssets.push(id);
  return id;
}

function inputAsset(world: World, rng: Rng, createdAt: number, missing: boolean): string {
  if (!missing && world.readyAssets.length > 0) return rng.pick(world.readyAssets);
  const id = lpUuid('asset', world.assetCount++);
  if (!missing) {
    world.assets.set(
      id,
      makeAsset(id, rng, 'archive footage', createdAt - 86_400_000, 'ready', { phase: 'completed', updatedAt: createdAt - 86_000_000 }),
    );
    world.readyAssets.push(id);
  }
  return id;
}

function makeAsset(id: string, rng: Rng, name: string, createdAt: number, phase: string, taskStatus: TaskStatus): Asset {
  const playbackId = hex(rng, 16);
  const seconds = rng.decimal(8, 3_600, 2);
  const bitrate = rng.pick([1_200_000, 3_000_000, 6_000_000]);
  const playable = phase === 'ready' || phase === 'processing';
  return {
    id,
    name,
    type: 'video',
    playbackId,
    ...(playable ? { playbackUrl: `https://playback.example/hls/${playbackId}/index.m3u8` } : {}),
    ...(phase === 'ready' ? { downloadUrl: `https://playback.example/asset/${playbackId}/video/download.mp4` } : {}),
    source: { type: 'url', url: 'https://media.example.com/raw/source.mp4' },
    status: {
      phase,
      updatedAt: taskStatus.updatedAt ?? createdAt,
      ...(phase === 'processing' && typeof taskStatus.progress === 'number' ? { progress: taskStatus.progress } : {}),
      ...(phase === 'failed' && taskStatus.errorMessage ? { errorMessage: taskStatus.errorMessage } : {}),
    },
    projectId: PROJECT_ID,
    createdAt,
    createdByTokenName: 'emulator key',
    ...(phase === 'ready'
      ? {
          size: Math.round((seconds * bitrate) / 8),
          hash: [{ hash: hex(rng, 32), algorithm: 'md5' }],
          videoSpec: {
            format: 'mp4',
            duration: seconds,
            bitrate,
            tracks: [
              { type: 'video', codec: 'h264', width: 1920, height: 1080, fps: 30, bitrate: bitrate - 128_000, duration: seconds },
              { type: 'audio', codec: 'aac', channels: 2, sampleRate: 48_000, bitrate: 128_000, duration: seconds },
            ],
          },
        }
      : {}),
    userId: USER_ID,
  };
}

function hex(rng: Rng, length: number): string {
  let out = '';
  while (out.length < length) out += rng.int(0, 15).toString(16);
  return out;
}
