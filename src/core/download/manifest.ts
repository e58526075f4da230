/**
 * The manifest beside every download: what was asked for (the source), how far it got (the
 * checkpoint: tasks and bytes durably written, and the token of the next page), and once finished
 * the file's size and checksum. It is rewritten atomically (temp file, fsync, rename), so a crash
 * leaves either the previous checkpoint or the new one, never a torn manifest.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { readFile, rename, unlink } from 'node:fs/promises';
import type { DownloadPlan } from '../platform/platform';
import { createFresh } from './safeOpen';

export const MANIFEST_FORMAT = 'task-lens-download/1';

export type DownloadSource = DownloadPlan['source'];
export type DownloadStatus = 'partial' | 'complete';

export interface DownloadManifest {
  readonly format: typeof MANIFEST_FORMAT;
  /** The plan's source: base URL (never a key), project, delivery or batch, filters. */
  readonly source: DownloadSource;
  readonly status: DownloadStatus;
  /** The finished file's name (the manifest sits beside it). */
  readonly file: string;
  /** Tasks durably written (one per line). */
  readonly count: number;
  /** Bytes of the file at this checkpoint; a resume truncates the partial file to this. */
  readonly bytes: number;
  /** Pages written so far; 0 means the first page is still to come. */
  readonly pages: number;
  /** Token of the next page to fetch; null when none is left (or nothing was fetched yet). */
  readonly nextToken: string | null;
  /** Tasks the server listed more than once (each is written once). */
  readonly duplicates?: number;
  /** SHA-256 (hex) of the first `bytes` bytes: a resume re-hashes them before appending. */
  readonly prefixSha256?: string | null;
  /**
   * SHA-256 over the checkpoint (count, bytes, pages, nextToken, prefixSha256, source): a manifest
   * edited by hand or by another program (a moved offset, a skipped token) no longer matches, and
   * the resume starts over instead of trusting it. A seal, not a signature: it catches damage.
   */
  readonly seal?: string | null;
  readonly expectedTotal: number | null;
  readonly startedAt: string;
  readonly updatedAt: string;
  readonly completedAt: string | null;
  /** sha256 (hex) and size of the finished file. */
  readonly sha256: string | null;
  readonly size: number | null;
  /** Why the last run stopped early, for a person to read; null when it did not. */
  readonly lastError: string | null;
  /** Problems that did not stop the download, e.g. a count that differs from the expected total. */
  readonly warnings: readonly string[];
}

export type ManifestRead =
  | { readonly state: 'missing' }
  | { readonly state: 'unreadable'; readonly problem: string }
  | { readonly state: 'ok'; readonly manifest: DownloadManifest };

export async function readManifest(file: string): Promise<ManifestRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return { state: 'missing' };
    throw error;
  }
  try {
    const value = JSON.parse(text) as unknown;
    const problem = manifestProblem(value);
    return problem ? { state: 'unreadable', problem } : { state: 'ok', manifest: value as DownloadManifest };
  } catch {
    return { state: 'unreadable', problem: 'it is not valid JSON' };
  }
}

/** Checks the fields a resume relies on; anything else in the file is informational. */
function manifestProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'it is not a JSON object';
  const m = value as Record<string, unknown>;
  if (m.format !== MANIFEST_FORMAT) return `its format is ${JSON.stringify(m.format)}, not ${MANIFEST_FORMAT}`;
  if (m.status !== 'partial' && m.status !== 'complete') return 'its status is missing';
  for (const key of ['count', 'bytes', 'pages'] as const) {
    if (!Number.isSafeInteger(m[key]) || (m[key] as number) < 0) return `its “${key}” is not a whole number`;
  }
  if (m.nextToken !== null && typeof m.nextToken !== 'string') return 'its “nextToken” is neither text nor null';
  if (typeof m.source !== 'object' || m.source === null) return 'its “source” is missing';
  return undefined;
}

/** Writes `manifest` (sealed) to `file` atomically and durably. */
export async function writeManifest(file: string, unsealed: DownloadManifest): Promise<void> {
  const manifest = sealed(unsealed);
  const temp = `${file}.tmp`;
  // A temp file planted as a symlink or hard link is replaced, never written through.
  const handle = await createFresh(temp, constants.O_WRONLY);
  try {
    await handle.writeFile(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** Differences between two sources, as `key: "old" → "new"` lines (empty when they match). */
export function sourceDifferences(saved: DownloadSource, wanted: DownloadSource): string[] {
  const keys = [...new Set([...Object.keys(saved), ...Object.keys(wanted)])].sort();
  const show = (value: unknown): string => (value === undefined ? '(none)' : JSON.stringify(value));
  return keys.filter((key) => saved[key] !== wanted[key]).map((key) => `${key}: ${show(saved[key])} → ${show(wanted[key])}`);
}

/** The seal of a manifest's checkpoint (see `DownloadManifest.seal`). */
export function checkpointSeal(manifest: DownloadManifest): string {
  const { count, bytes, pages, nextToken, source } = manifest;
  const fields = [MANIFEST_FORMAT, count, bytes, pages, nextToken, manifest.prefixSha256 ?? null, source];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** `manifest` with its seal recomputed (call after changing the checkpoint). */
export function sealed(manifest: DownloadManifest): DownloadManifest {
  return { ...manifest, seal: checkpointSeal(manifest) };
}

/** SHA-256 of nothing: the prefix of an empty file. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** The first manifest of a fresh download: nothing written yet. */
export function freshManifest(plan: DownloadPlan, file: string, at: string, warnings: readonly string[]): DownloadManifest {
  return {
    format: MANIFEST_FORMAT,
    source: plan.source,
    status: 'partial',
    file,
    count: 0,
    bytes: 0,
    pages: 0,
    nextToken: null,
    prefixSha256: EMPTY_SHA256,
    duplicates: 0,
    expectedTotal: plan.expectedTotal,
    startedAt: at,
    updatedAt: at,
    completedAt: null,
    sha256: null,
    size: null,
    lastError: null,
    warnings: [...warnings],
  };
}

/** What a finished file is: written whole by Task Lens (a saved subset, the bundled sample), not paged. */
export interface FinishedFile {
  readonly source: DownloadSource;
  /** The file's name (the manifest sits beside it). */
  readonly file: string;
  readonly count: number;
  readonly bytes: number;
  readonly sha256: string;
  readonly at: string;
}

/** The manifest of a file written in one go: complete, its prefix the whole file. */
export function finishedFileManifest({ source, file, count, bytes, sha256, at }: FinishedFile): DownloadManifest {
  return {
    format: MANIFEST_FORMAT,
    source,
    status: 'complete',
    file,
    count,
    bytes,
    pages: 0,
    nextToken: null,
    prefixSha256: sha256,
    duplicates: 0,
    expectedTotal: count,
    startedAt: at,
    updatedAt: at,
    completedAt: at,
    sha256,
    size: bytes,
    lastError: null,
    warnings: [],
  };
}
