/**
 * Tolerant TypeScript types for the Livepeer Studio task and asset API (reference §3–§4). Field names
 * are the wire names (camelCase, except the `transcode-file` params key). Every field is optional
 * (`T | null | undefined`): the server leaves absent values out and changes shapes over time. Enum
 * types accept any string, so legacy (`import`, `transcode`) and future values type-check — the
 * official SDKs' strict enums reject a whole page for one such task, which is why we do not use them.
 * Objects are never rebuilt, so unknown fields survive for the raw-JSON views.
 */

type Maybe<T> = T | null | undefined;
/** Any string, without collapsing a `'a' | 'b' | string` union to plain `string` in editors. */
export type OtherString = string & {};
/** Milliseconds since the Unix epoch (every Livepeer timestamp). */
export type EpochMs = number;
export type JsonObject = Record<string, unknown>;

/** Current types first, then the legacy ones removed from the schema in 2023 but present in old data. */
export const TASK_TYPES = ['upload', 'export', 'export-data', 'transcode-file', 'clip', 'import', 'transcode'] as const;
export const LEGACY_TASK_TYPES: readonly KnownTaskType[] = ['import', 'transcode'];
export type KnownTaskType = (typeof TASK_TYPES)[number];
export type TaskType = KnownTaskType | OtherString;

export const TASK_PHASES = ['pending', 'waiting', 'running', 'completed', 'failed', 'cancelled'] as const;
export type KnownTaskPhase = (typeof TASK_PHASES)[number];
export type TaskPhase = KnownTaskPhase | OtherString;

export const ASSET_PHASES = ['uploading', 'waiting', 'processing', 'ready', 'failed', 'deleting', 'deleted'] as const;
export type KnownAssetPhase = (typeof ASSET_PHASES)[number];
export type AssetPhase = KnownAssetPhase | OtherString;

export function isKnownValue<T extends string>(known: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (known as readonly string[]).includes(value);
}

// §3.2 Task -----------------------------------------------------------------------------------------

export interface Task {
  id?: Maybe<string>;
  type?: Maybe<TaskType>;
  createdAt?: Maybe<EpochMs>;
  /** Absent while `pending`; not changed by retries. */
  scheduledAt?: Maybe<EpochMs>;
  /** For `export` (and legacy `transcode`). */
  inputAssetId?: Maybe<string>;
  /** For `upload`, `clip` (and legacy `import`, `transcode`). */
  outputAssetId?: Maybe<string>;
  projectId?: Maybe<string>;
  requesterId?: Maybe<string>;
  /** Not in any SDK model, but always returned (owner id). */
  userId?: Maybe<string>;
  params?: Maybe<TaskParams>;
  status?: Maybe<TaskStatus>;
  output?: Maybe<TaskOutput>;
  /** First Ruby SDK / old docs put clip params at the top level. */
  clip?: Maybe<ClipParams>;
  [key: string]: unknown;
}

// §3.4 status ---------------------------------------------------------------------------------------

export interface TaskStatus {
  phase?: Maybe<TaskPhase>;
  updatedAt?: Maybe<EpochMs>;
  /** 0–1 while running. */
  progress?: Maybe<number>;
  errorMessage?: Maybe<string>;
  /** Automatic retries so far. */
  retries?: Maybe<number>;
  /** Write-only on the server; never returned, typed only so a stray value is not an error. */
  step?: Maybe<string>;
  [key: string]: unknown;
}

// §3.6 params ---------------------------------------------------------------------------------------

/** Only the key matching `type` is set. Note `transcode-file` (kebab) next to `exportData` (camel). */
export interface TaskParams {
  upload?: Maybe<UploadParams>;
  import?: Maybe<ImportParams>;
  export?: Maybe<ExportParams>;
  exportData?: Maybe<ExportDataParams>;
  transcode?: Maybe<LegacyTranscodeParams>;
  'transcode-file'?: Maybe<TranscodeFileParams>;
  clip?: Maybe<ClipParams>;
  [key: string]: unknown;
}

export interface TranscodeProfile {
  name?: Maybe<string>;
  width?: Maybe<number>;
  height?: Maybe<number>;
  bitrate?: Maybe<number>;
  quality?: Maybe<number>;
  fps?: Maybe<number>;
  fpsDen?: Maybe<number>;
  gop?: Maybe<string>;
  profile?: Maybe<'H264Baseline' | 'H264Main' | 'H264High' | 'H264ConstrainedHigh' | OtherString>;
  encoder?: Maybe<'H.264' | 'HEVC' | 'VP8' | 'VP9' | OtherString>;
  [key: string]: unknown;
}

export interface UploadParams {
  url?: Maybe<string>;
  /** The secret is write-only; a masked `key: "***"` may appear instead. */
  encryption?: Maybe<JsonObject>;
  c2pa?: Maybe<boolean>;
  profiles?: Maybe<TranscodeProfile[]>;
  targetSegmentSizeSecs?: Maybe<number>;
  thumbnails?: Maybe<boolean>;
  catalystPipelineStrategy?: Maybe<string>;
  uploadedObjectKey?: Maybe<string>;
  [key: string]: unknown;
}

/** Legacy `params.import`: the old URL import. */
export interface ImportParams {
  url?: Maybe<string>;
  encryption?: Maybe<JsonObject>;
  recordedSessionId?: Maybe<string>;
  [key: string]: unknown;
}

export interface IpfsExportParams {
  nftMetadataTemplate?: Maybe<'file' | 'player' | OtherString>;
  nftMetadata?: Maybe<JsonObject>;
  /** `jwt` / `apiSecret` are write-only and never returned. */
  pinata?: Maybe<JsonObject>;
  [key: string]: unknown;
}

/** One of `{custom}` or `{ipfs}`. */
export interface ExportParams {
  custom?: Maybe<{ url?: Maybe<string>; method?: Maybe<string>; headers?: Maybe<Record<string, string>>; [key: string]: unknown }>;
  ipfs?: Maybe<IpfsExportParams>;
  [key: string]: unknown;
}

export interface ExportDataParams {
  content?: Maybe<JsonObject>;
  ipfs?: Maybe<IpfsExportParams>;
  /** e.g. `attestation`. */
  type?: Maybe<string>;
  id?: Maybe<string>;
  [key: string]: unknown;
}

export interface TranscodeFileParams {
  input?: Maybe<{ url?: Maybe<string>; [key: string]: unknown }>;
  /** Object-store credentials in the URL come back masked as `***:***`. */
  storage?: Maybe<{ url?: Maybe<string>; [key: string]: unknown }>;
  outputs?: Maybe<{
    hls?: Maybe<{ path?: Maybe<string> }>;
    mp4?: Maybe<{ path?: Maybe<string> }>;
    fmp4?: Maybe<{ path?: Maybe<string> }>;
    [key: string]: unknown;
  }>;
  profiles?: Maybe<TranscodeProfile[]>;
  targetSegmentSizeSecs?: Maybe<number>;
  creatorId?: Maybe<string | { type?: Maybe<string>; value?: Maybe<string> }>;
  c2pa?: Maybe<boolean>;
  catalystPipelineStrategy?: Maybe<string>;
  [key: string]: unknown;
}

export interface ClipParams {
  url?: Maybe<string>;
  /** Absolute Unix milliseconds, not offsets. */
  clipStrategy?: Maybe<{ startTime?: Maybe<EpochMs>; endTime?: Maybe<EpochMs>; playbackId?: Maybe<string>; [key: string]: unknown }>;
  catalystPipelineStrategy?: Maybe<string>;
  sessionId?: Maybe<string>;
  /** Id of the source stream or asset. */
  inputId?: Maybe<string>;
  sourceObjectStoreId?: Maybe<string>;
  [key: string]: unknown;
}

/** Legacy `params.transcode`. */
export interface LegacyTranscodeParams {
  profile?: Maybe<TranscodeProfile>;
  [key: string]: unknown;
}

// §3.7 output ---------------------------------------------------------------------------------------

/** Keyed like params, except `transcodeFile` (camel here, kebab in params). Unknown keys kept. */
export interface TaskOutput {
  upload?: Maybe<AssetProducingOutput>;
  import?: Maybe<AssetProducingOutput>;
  export?: Maybe<{ ipfs?: Maybe<ExportIpfsOutput>; [key: string]: unknown }>;
  exportData?: Maybe<{ ipfs?: Maybe<{ cid?: Maybe<string> }>; [key: string]: unknown }>;
  transcodeFile?: Maybe<TranscodeFileOutput>;
  clip?: Maybe<AssetProducingOutput>;
  /** Legacy: `{asset: {videoFilePath, metadataFilePath, assetSpec}}`. */
  transcode?: Maybe<{ asset?: Maybe<AssetProducingOutput>; [key: string]: unknown }>;
  [key: string]: unknown;
}

export interface AssetProducingOutput {
  /** An Asset-shaped description of what was produced. */
  assetSpec?: Maybe<Asset>;
  videoFilePath?: Maybe<string>;
  metadataFilePath?: Maybe<string>;
  [key: string]: unknown;
}

export interface ExportIpfsOutput {
  videoFileCid?: Maybe<string>;
  videoFileUrl?: Maybe<string>;
  videoFileGatewayUrl?: Maybe<string>;
  nftMetadataCid?: Maybe<string>;
  nftMetadataUrl?: Maybe<string>;
  nftMetadataGatewayUrl?: Maybe<string>;
  [key: string]: unknown;
}

/** Inferred from the worker; note the snake_case `request_id` and `input_video`. */
export interface TranscodeFileOutput {
  baseUrl?: Maybe<string>;
  hls?: Maybe<{ path?: Maybe<string> }>;
  mp4?: Maybe<Array<{ path?: Maybe<string> }>>;
  request_id?: Maybe<string>;
  input_video?: Maybe<{ duration?: Maybe<number>; size?: Maybe<number> }>;
  [key: string]: unknown;
}

// §4 Asset ------------------------------------------------------------------------------------------

export interface Asset {
  id?: Maybe<string>;
  name?: Maybe<string>;
  type?: Maybe<'video' | 'audio' | OtherString>;
  playbackId?: Maybe<string>;
  /** HLS; only once playback files exist. */
  playbackUrl?: Maybe<string>;
  /** Only when `status.phase` is `ready`. */
  downloadUrl?: Maybe<string>;
  playbackPolicy?: Maybe<{ type?: Maybe<string>; [key: string]: unknown }>;
  source?: Maybe<{ type?: Maybe<string>; url?: Maybe<string>; [key: string]: unknown }>;
  creatorId?: Maybe<{ type?: Maybe<string>; value?: Maybe<string> }>;
  profiles?: Maybe<TranscodeProfile[]>;
  storage?: Maybe<JsonObject>;
  status?: Maybe<AssetStatus>;
  projectId?: Maybe<string>;
  createdAt?: Maybe<EpochMs>;
  createdByTokenName?: Maybe<string>;
  /** Bytes. */
  size?: Maybe<number>;
  hash?: Maybe<Array<{ hash?: Maybe<string>; algorithm?: Maybe<string> }>>;
  videoSpec?: Maybe<VideoSpec>;
  userId?: Maybe<string>;
  sourceAssetId?: Maybe<string>;
  [key: string]: unknown;
}

export interface AssetStatus {
  phase?: Maybe<AssetPhase>;
  updatedAt?: Maybe<EpochMs>;
  progress?: Maybe<number>;
  errorMessage?: Maybe<string>;
  [key: string]: unknown;
}

export interface VideoSpec {
  format?: Maybe<string>;
  /** Seconds (float). */
  duration?: Maybe<number>;
  /** Bits per second. */
  bitrate?: Maybe<number>;
  /** Only with `details=1`. */
  tracks?: Maybe<
    Array<{
      type?: Maybe<string>;
      codec?: Maybe<string>;
      width?: Maybe<number>;
      height?: Maybe<number>;
      fps?: Maybe<number>;
      [key: string]: unknown;
    }>
  >;
  [key: string]: unknown;
}
