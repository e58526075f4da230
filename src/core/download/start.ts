/**
 * Deciding how a download begins: fresh, resumed from its checkpoint, or refused (already
 * complete, or a partial download of something else in the way). Also the read-only view of the
 * same facts for the editor (`inspectDownload`).
 */
import * as l10n from '@vscode/l10n';
import { formatNumber } from '../../shared/format';
import { stat, unlink } from 'node:fs/promises';
import type { DownloadPlan } from '../platform/platform';
import { AlreadyDownloadedError, DownloadSourceMismatchError, FinishedFileChangedError } from './errors';
import { taskIdOf } from './guards';
import { IdSet } from './idSet';
import { checkpointSeal, readManifest, sourceDifferences, type DownloadManifest } from './manifest';
import { hashFile, PartialFile } from './partialFile';
import { resolvePaths, type DownloadPaths } from './paths';

export type DownloadStart =
  | { readonly mode: 'fresh'; readonly file: PartialFile; readonly warnings: readonly string[] }
  | { readonly mode: 'resume'; readonly file: PartialFile; readonly manifest: DownloadManifest; readonly ids: IdSet }
  /** Every page was in and the file renamed, but the process stopped before the final manifest. */
  | { readonly mode: 'renamed'; readonly manifest: DownloadManifest };

/**
 * Opens the partial file the way this download should start. Without `force` an existing finished
 * file is never replaced and a partial download of another source is never resumed or discarded.
 * With `force` the download always starts over (an existing file stays until the new one is done).
 * A resume trusts nothing it has not checked: the manifest's seal, then the prefix of the partial
 * file (SHA-256, line count, last byte, one task with an id per line); on any mismatch it starts
 * over with a warning instead of appending to a damaged file.
 */
export async function openForDownload(plan: DownloadPlan, paths: DownloadPaths, force: boolean): Promise<DownloadStart> {
  // A temp manifest left by a crash mid-write is never trusted or reused.
  await unlink(`${paths.manifest}.tmp`).catch(() => undefined);
  const read = await readManifest(paths.manifest);
  const manifest = read.state === 'ok' ? read.manifest : null;
  const fileExists = await exists(paths.file);
  const warnings: string[] = [];

  if (manifest?.status === 'partial' && !force) {
    const differences = sourceDifferences(manifest.source, plan.source);
    if (differences.length > 0) throw new DownloadSourceMismatchError(paths, manifest, differences);
    if (manifest.pages === 0) return { mode: 'fresh', file: await PartialFile.create(paths.partial), warnings };
    if (fileExists && manifest.nextToken === null && !(await exists(paths.partial)) && (await renamedIntact(paths, manifest))) {
      return { mode: 'renamed', manifest };
    }
    const resumed = await resumeChecked(paths, manifest);
    if (resumed.ok) return { mode: 'resume', file: resumed.file, manifest, ids: resumed.ids };
    warnings.push(`${resumed.problem}, so the download started over instead of appending to it.`);
  } else if (fileExists && !force) {
    if (manifest?.status === 'complete') {
      const differences = sourceDifferences(manifest.source, plan.source);
      if (differences.length > 0) throw new DownloadSourceMismatchError(paths, manifest, differences);
      const problem = await finishedFileProblem(paths.file, manifest);
      if (problem !== undefined) throw new FinishedFileChangedError(paths, manifest, problem);
    }
    throw new AlreadyDownloadedError(paths, manifest?.status === 'complete' ? manifest : null);
  }
  if (read.state === 'unreadable' && (await exists(paths.partial))) {
    warnings.push(`The manifest could not be read (${read.problem}), so the partial download was discarded and started over.`);
  }
  return { mode: 'fresh', file: await PartialFile.create(paths.partial), warnings };
}

type CheckedResume =
  { readonly ok: true; readonly file: PartialFile; readonly ids: IdSet } | { readonly ok: false; readonly problem: string };

async function resumeChecked(paths: DownloadPaths, manifest: DownloadManifest): Promise<CheckedResume> {
  const count = formatNumber(manifest.count);
  if (!manifest.seal || manifest.seal !== checkpointSeal(manifest) || !manifest.prefixSha256) {
    return { ok: false, problem: `The manifest's checkpoint (${count} tasks) does not match its seal (it was edited or damaged)` };
  }
  const ids = new IdSet();
  let badLine = -1;
  const resumed = await PartialFile.resume(paths.partial, manifest.bytes, (line, index) => {
    if (badLine !== -1) return;
    const id = lineId(line);
    if (id === undefined || !ids.add(id)) badLine = index;
  });
  if (!resumed) return { ok: false, problem: `The partial file was missing or shorter than its checkpoint (${count} tasks)` };
  const { proof } = resumed;
  const problem =
    proof.sha256 !== manifest.prefixSha256
      ? 'its checksum differs from the one recorded'
      : proof.lines !== manifest.count
        ? `it holds ${formatNumber(proof.lines)} lines where the checkpoint says ${count}`
        : !proof.endsWithNewline
          ? 'it does not end with a complete line'
          : badLine !== -1
            ? `line ${formatNumber(badLine + 1)} is not a task with a unique id`
            : undefined;
  if (problem === undefined) return { ok: true, file: resumed.file, ids };
  await resumed.file.close();
  return { ok: false, problem: `The partial file does not match its checkpoint of ${count} tasks (${problem})` };
}

function lineId(line: Buffer): string | undefined {
  try {
    return taskIdOf(JSON.parse(line.toString('utf8')));
  } catch {
    return undefined;
  }
}

/** The renamed file is exactly what the last checkpoint recorded (size and SHA-256). */
async function renamedIntact(paths: DownloadPaths, manifest: DownloadManifest): Promise<boolean> {
  if (!manifest.seal || manifest.seal !== checkpointSeal(manifest)) return false;
  const { sha256, size } = await hashFile(paths.file);
  return size === manifest.bytes && sha256 === manifest.prefixSha256;
}

/**
 * Why the file is not the finished download its manifest records, or undefined when it is. A check
 * of what the file is and its size, not a re-hash: hashing every finished file each time a folder is
 * synced would read them all; a file cut short, emptied or replaced by a folder is caught.
 */
export async function finishedFileProblem(file: string, manifest: DownloadManifest): Promise<string | undefined> {
  const info = await stat(file).catch(() => undefined);
  if (!info) return l10n.t('it is gone');
  if (!info.isFile()) return l10n.t('it is not a file');
  const recorded = manifest.size ?? manifest.bytes;
  if (info.size !== recorded) {
    return l10n.t(
      'it holds {0} bytes where its manifest records {1} (cut short or changed since)',
      formatNumber(info.size),
      formatNumber(recorded),
    );
  }
  return undefined;
}

export type DownloadState = 'none' | 'partial' | 'complete' | 'changed';

export interface DownloadInspection {
  /**
   * `complete`: the file is there as its complete manifest records it. `changed`: a file is there,
   * but not one a complete manifest of ours describes (`problem` says why; `manifest` is null for a
   * file we did not write). `partial`: a resumable partial file with its manifest. `none`: neither.
   */
  readonly state: DownloadState;
  /** For `changed`: why the file does not count as downloaded, in words. */
  readonly problem: string | null;
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
  const paths = await resolvePaths(root, plan);
  const read = await readManifest(paths.manifest);
  const manifest = read.state === 'ok' ? read.manifest : null;
  const sameSource = manifest ? sourceDifferences(manifest.source, plan.source).length === 0 : null;
  let state: DownloadState = 'none';
  let problem: string | null = null;
  const fileExists = await exists(paths.file);
  // A partial manifest beside the finished file: the last run renamed it but stopped before the
  // final manifest; the download finishes that without fetching again.
  if (manifest?.status === 'partial' && (fileExists || (await exists(paths.partial)))) state = 'partial';
  else if (fileExists) {
    problem =
      manifest?.status === 'complete'
        ? ((await finishedFileProblem(paths.file, manifest)) ?? null)
        : l10n.t('there is no manifest of a finished download beside it');
    state = problem === null ? 'complete' : 'changed';
  }
  const found = state !== 'none';
  return { state, problem, paths, manifest: found ? manifest : null, sameSource: found ? sameSource : null };
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
