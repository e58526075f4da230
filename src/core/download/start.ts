/**
 * Deciding how a download begins: fresh, resumed from its checkpoint, or refused (already
 * complete, or a partial download of something else in the way). Also the read-only view of the
 * same facts for the editor (`inspectDownload`).
 */
import { stat } from 'node:fs/promises';
import type { DownloadPlan } from '../platform/platform';
import { AlreadyDownloadedError, DownloadSourceMismatchError } from './errors';
import { readManifest, sourceDifferences, type DownloadManifest } from './manifest';
import { PartialFile } from './partialFile';
import { plannedPaths, type DownloadPaths } from './paths';

export type DownloadStart =
  | { readonly mode: 'fresh'; readonly file: PartialFile; readonly warnings: readonly string[] }
  | { readonly mode: 'resume'; readonly file: PartialFile; readonly manifest: DownloadManifest };

/**
 * Opens the partial file the way this download should start. Without `force` an existing finished
 * file is never replaced and a partial download of another source is never resumed or discarded.
 * With `force` the download always starts over (an existing file stays until the new one is done).
 */
export async function openForDownload(plan: DownloadPlan, paths: DownloadPaths, force: boolean): Promise<DownloadStart> {
  const read = await readManifest(paths.manifest);
  const manifest = read.state === 'ok' ? read.manifest : null;
  const fileExists = await exists(paths.file);
  const warnings: string[] = [];

  if (manifest?.status === 'partial' && !force) {
    const differences = sourceDifferences(manifest.source, plan.source);
    if (differences.length > 0) throw new DownloadSourceMismatchError(paths, manifest, differences);
    if (manifest.pages === 0) return { mode: 'fresh', file: await PartialFile.create(paths.partial), warnings };
    const resumed = await PartialFile.resume(paths.partial, manifest.bytes);
    if (resumed) return { mode: 'resume', file: resumed.file, manifest };
    warnings.push(`The partial file was missing or shorter than its checkpoint (${manifest.count} tasks), so the download started over.`);
  } else if (fileExists && !force) {
    throw new AlreadyDownloadedError(paths, manifest?.status === 'complete' ? manifest : null);
  }
  if (read.state === 'unreadable' && (await exists(paths.partial))) {
    warnings.push(`The manifest could not be read (${read.problem}), so the partial download was discarded and started over.`);
  }
  return { mode: 'fresh', file: await PartialFile.create(paths.partial), warnings };
}

export type DownloadState = 'none' | 'partial' | 'complete';

export interface DownloadInspection {
  /**
   * `complete`: the file exists (normally with a complete manifest; `manifest` is null for a file
   * we did not write). `partial`: a resumable partial file with its manifest. `none`: neither.
   */
  readonly state: DownloadState;
  readonly paths: DownloadPaths;
  readonly manifest: DownloadManifest | null;
  /**
   * Whether the manifest describes this plan's source (same delivery or batch, filters, server).
   * A `partial` with `false` cannot be resumed, only restarted with force. Null without manifest.
   */
  readonly sameSource: boolean | null;
}

/** What is on disk for `plan` under `root`, without changing anything (for the editor's prompts). */
export async function inspectDownload(root: string, plan: DownloadPlan): Promise<DownloadInspection> {
  const paths = plannedPaths(root, plan);
  const read = await readManifest(paths.manifest);
  const manifest = read.state === 'ok' ? read.manifest : null;
  const sameSource = manifest ? sourceDifferences(manifest.source, plan.source).length === 0 : null;
  let state: DownloadState = 'none';
  if (manifest?.status === 'partial' && (await exists(paths.partial))) state = 'partial';
  else if (await exists(paths.file)) state = 'complete';
  return { state, paths, manifest: state === 'none' ? null : manifest, sameSource: state === 'none' ? null : sameSource };
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return false;
    throw error;
  }
}
