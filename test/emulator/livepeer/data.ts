/**
 * The emulator's Livepeer Studio project: 240 tasks of every type and phase (legacy `import` and
 * `transcode` among the oldest, one unknown type, one unknown phase) with their assets, some of them
 * deleted. The newest tasks are the well-known ones tests address through `LIVEPEER_FIXTURES`.
 */
import type { Asset, Task } from '../../../src/core/livepeer/types';
import { buildTask, lpUuid, type TaskSpec, type World } from './generate';

export const UNKNOWN_TYPE = 'transcribe';
export const UNKNOWN_PHASE = 'paused';
export const HOSTILE_NAME = '<img src=x onerror=alert(1)> [click](javascript:alert(1)) **bold** `tick';
export const TOTAL_TASKS = 240;

/** Well-known tasks, oldest first; they are the newest of the project, so they top the default order. */
const SPECIALS = {
  completedUpload: { type: 'upload', phase: 'completed', fileName: 'intro.mp4' },
  runningUpload: { type: 'upload', phase: 'running', progress: 0.42, fileName: 'keynote-2024.mov' },
  pendingUpload: { type: 'upload', phase: 'pending', fileName: 'direct upload.mp4' },
  failedUpload: {
    type: 'upload',
    phase: 'failed',
    retries: 0,
    errorMessage: 'unsupported input: the file is not a video (detected text/html)',
    fileName: 'broken-file.avi',
  },
  waitingExport: { type: 'export', phase: 'waiting', retries: 1, errorMessage: 'failed to export: IPFS pin request timed out' },
  completedExport: { type: 'export', phase: 'completed' },
  failedRetriedExport: {
    type: 'export',
    phase: 'failed',
    retries: 2,
    errorMessage: 'failed to export: upload to https://uploads.example.com/export returned 503',
  },
  deletedInputExport: {
    type: 'export',
    phase: 'failed',
    retries: 0,
    errorMessage: 'task cancelled, asset has been deleted',
    missingInput: true,
  },
  completedExportData: { type: 'export-data', phase: 'completed' },
  completedTranscode: { type: 'transcode-file', phase: 'completed', fileName: 'source.mp4' },
  runningTranscodeFile: { type: 'transcode-file', phase: 'running', progress: 0.1 },
  runningClip: { type: 'clip', phase: 'running', progress: 0.7 },
  cancelledClip: { type: 'clip', phase: 'cancelled' },
  legacyImport: { type: 'import', phase: 'completed', fileName: 'old-import.mp4' },
  legacyTranscode: { type: 'transcode', phase: 'completed' },
  unknownType: { type: UNKNOWN_TYPE, phase: 'completed' },
  unknownPhase: { type: 'upload', phase: UNKNOWN_PHASE, fileName: 'paused.mp4' },
  missingOutputAsset: { type: 'upload', phase: 'completed', missingOutput: true, fileName: 'deleted-later.mp4' },
  hostileAsset: { type: 'upload', phase: 'completed', fileName: `${HOSTILE_NAME}.mp4` },
} satisfies Record<string, TaskSpec>;

type SpecialName = keyof typeof SPECIALS;
const SPECIAL_NAMES = Object.keys(SPECIALS) as SpecialName[];
const FILLER_COUNT = TOTAL_TASKS - SPECIAL_NAMES.length;

/** Ids do not depend on the seed. */
export const LIVEPEER_FIXTURES = {
  tasks: Object.fromEntries(SPECIAL_NAMES.map((name, k) => [name, lpUuid('task', FILLER_COUNT + k)])) as Record<SpecialName, string>,
  totalTasks: TOTAL_TASKS,
  unknownType: UNKNOWN_TYPE,
  unknownPhase: UNKNOWN_PHASE,
  hostileName: HOSTILE_NAME,
  /** A well-formed id no task or asset has. */
  absentId: '00000000-0000-4000-8000-000000000000',
} as const;

const TYPE_CYCLE = ['upload', 'upload', 'export', 'clip', 'transcode-file', 'upload', 'export-data', 'clip', 'upload', 'export'];
const OLD_PHASES = [
  'completed',
  'completed',
  'failed',
  'completed',
  'completed',
  'completed',
  'completed',
  'failed',
  'completed',
  'completed',
  'completed',
  'cancelled',
  'completed',
];
const RECENT_PHASES = ['completed', 'running', 'failed', 'waiting', 'completed', 'pending', 'running', 'completed'];
/** The oldest tasks are legacy types, as an account from before 2023-09 would have. */
const LEGACY_COUNT = 12;
/** The newest fillers may still be in flight; older ones have all finished. */
const RECENT_COUNT = 30;

function fillerSpec(index: number): TaskSpec {
  if (index < LEGACY_COUNT)
    return { type: index % 2 === 0 ? 'import' : 'transcode', phase: OLD_PHASES[index % OLD_PHASES.length] ?? 'completed' };
  const type = TYPE_CYCLE[index % TYPE_CYCLE.length] ?? 'upload';
  const recent = index >= FILLER_COUNT - RECENT_COUNT;
  const phases = recent ? RECENT_PHASES : OLD_PHASES;
  const phase = phases[index % phases.length] ?? 'completed';
  // Only direct uploads sit in `pending` (waiting for their bytes).
  return { type, phase: phase === 'pending' && type !== 'upload' ? 'waiting' : phase };
}

export interface LivepeerDataOptions {
  /** Changes generated content (names, numbers), never ids or counts. Default 42. */
  readonly seed?: number;
}

export class LivepeerData {
  /** In creation order (oldest first). */
  readonly tasks: readonly Task[];
  readonly assets: ReadonlyMap<string, Asset>;
  /**
   * When set, `Link` URLs use this origin instead of the Host the server saw, like a server behind a
   * proxy that does not trust forwarded headers (reference §2.2, quirk 3).
   */
  linkOrigin: string | undefined;
  private readonly byId: ReadonlyMap<string, Task>;

  constructor(options: LivepeerDataOptions = {}) {
    const world: World = { seed: options.seed ?? 42, assets: new Map(), readyAssets: [], assetCount: 0 };
    const tasks: Task[] = [];
    for (let i = 0; i < FILLER_COUNT; i++) tasks.push(buildTask(world, i, fillerSpec(i)));
    SPECIAL_NAMES.forEach((name, k) => tasks.push(buildTask(world, FILLER_COUNT + k, SPECIALS[name])));
    this.tasks = tasks;
    this.assets = world.assets;
    this.byId = new Map(tasks.map((t) => [String(t.id), t]));
  }

  findTask(id: string): Task | undefined {
    return this.byId.get(id);
  }

  findAsset(id: string): Asset | undefined {
    return this.assets.get(id);
  }
}

export function createLivepeerData(options: LivepeerDataOptions = {}): LivepeerData {
  return new LivepeerData(options);
}
