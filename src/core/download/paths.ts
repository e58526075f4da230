/**
 * Where a download lands: `<root>/<folder>/<file>.jsonl`, with its `.partial` and manifest beside
 * it. Names come from the platform (strangers' text) and go through the one sanitiser.
 */
import { createHash } from 'node:crypto';
import { readdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { DownloadPlan } from '../platform/platform';
import { joinInside, resolveInside, sanitizeFileName } from '../fileNames';
import { makeFolders } from '../makeFolders';
import { LOCK_SUFFIX } from './lock';
import { FILE_MODE } from './safeOpen';

export const JSONL_EXTENSION = '.jsonl';
export const PARTIAL_SUFFIX = '.partial';
export const MANIFEST_SUFFIX = '.manifest.json';

export interface DownloadPaths {
  /** The folder the person chose (absolute). */
  readonly root: string;
  /** `<root>/<sanitised folderName>`. */
  readonly folder: string;
  /** The finished file, `<folder>/<sanitised fileName>.jsonl`. */
  readonly file: string;
  /** Where pages are written until the download completes. */
  readonly partial: string;
  /** Progress checkpoint and, once done, the record of what was downloaded. */
  readonly manifest: string;
  /** Held by the one process writing this file (see lock.ts). */
  readonly lock: string;
}

/**
 * The paths a plan downloads to, computed without touching the disk (for showing or opening the
 * file). Throws `UnsafePathError` if they would leave `root`, which sanitised names never do.
 */
export function plannedPaths(root: string, plan: Pick<DownloadPlan, 'folderName' | 'fileName'>, suffix = ''): DownloadPaths {
  const absoluteRoot = path.resolve(root);
  const folder = joinInside(absoluteRoot, sanitizeFileName(plan.folderName));
  const file = joinInside(folder, `${sanitizeFileName(plan.fileName)}${suffix}${JSONL_EXTENSION}`);
  return {
    root: absoluteRoot,
    folder,
    file,
    partial: `${file}${PARTIAL_SUFFIX}`,
    manifest: `${file}${MANIFEST_SUFFIX}`,
    lock: `${file}${LOCK_SUFFIX}`,
  };
}

/**
 * The paths a plan downloads to, on disk: as `plannedPaths`, unless another download in the
 * folder has a name that differs only in case (`Dup Name` and `dup name`). On a case-insensitive
 * file system (macOS, Windows) those would be one file, so this one gets a short id of its source
 * as a suffix, `dup name (3f9a1c).jsonl`: two lists never share a file.
 */
export async function resolvePaths(root: string, plan: Pick<DownloadPlan, 'folderName' | 'fileName' | 'source'>): Promise<DownloadPaths> {
  const planned = plannedPaths(root, plan);
  let names: string[];
  try {
    names = await readdir(planned.folder);
  } catch {
    return planned; // no folder yet: nothing to collide with
  }
  const stem = path.basename(planned.file, JSONL_EXTENSION);
  const folded = fold(stem);
  const collides = names.some((name) => {
    const other = stemOf(name);
    return other !== undefined && other !== stem && fold(other) === folded;
  });
  return collides ? plannedPaths(root, plan, ` (${sourceId(plan.source)})`) : planned;
}

/** The download stem of a file in the folder (`x` for `x.jsonl`, `x.jsonl.partial`, …). */
function stemOf(name: string): string | undefined {
  for (const end of [
    JSONL_EXTENSION,
    `${JSONL_EXTENSION}${PARTIAL_SUFFIX}`,
    `${JSONL_EXTENSION}${MANIFEST_SUFFIX}`,
    `${JSONL_EXTENSION}${LOCK_SUFFIX}`,
  ]) {
    if (name.endsWith(end)) return name.slice(0, -end.length);
  }
  return undefined;
}

/** How a case-insensitive file system compares names (close enough: NFC, then lower case). */
function fold(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** Six hex digits naming the source (what is listed, not what it is called). */
function sourceId(source: DownloadPlan['source']): string {
  const stable = Object.entries(source)
    .filter(([key]) => !/name$/i.test(key))
    .sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256').update(JSON.stringify(stable)).digest('hex').slice(0, 6);
}

/**
 * Creates the folder and verifies on disk, before anything is written, that the folder and every
 * file we may write resolve inside `root` (no symlink planted in the folder leads out of it).
 * A folder Task Lens creates gets a `.gitignore` of `*`: task data sits in the workspace, next to
 * code, and must not be committed by accident.
 */
export async function preparePaths(paths: DownloadPaths): Promise<void> {
  await resolveInside(paths.root, path.basename(paths.folder));
  const created = await makeFolders(paths.folder);
  if (created !== undefined) {
    await writeFile(path.join(created, '.gitignore'), '# Created by Task Lens: downloaded task data stays out of git.\n*\n', {
      mode: FILE_MODE,
      flag: 'wx',
    }).catch(() => undefined);
  }
  for (const target of [paths.folder, paths.file, paths.partial, paths.manifest, `${paths.manifest}.tmp`, paths.lock]) {
    await resolveInside(paths.root, path.relative(paths.root, target));
  }
}
