/**
 * Where a download lands: `<root>/<folder>/<file>.jsonl`, with its `.partial` and manifest beside
 * it. Names come from the platform (strangers' text) and go through the one sanitiser.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { DownloadPlan } from '../platform/platform';
import { joinInside, resolveInside, sanitizeFileName } from '../fileNames';
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
export function plannedPaths(root: string, plan: Pick<DownloadPlan, 'folderName' | 'fileName'>): DownloadPaths {
  const absoluteRoot = path.resolve(root);
  const folder = joinInside(absoluteRoot, sanitizeFileName(plan.folderName));
  const file = joinInside(folder, `${sanitizeFileName(plan.fileName)}${JSONL_EXTENSION}`);
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
 * Creates the folder and verifies on disk, before anything is written, that the folder and every
 * file we may write resolve inside `root` (no symlink planted in the folder leads out of it).
 * A folder Task Lens creates gets a `.gitignore` of `*`: task data sits in the workspace, next to
 * code, and must not be committed by accident.
 */
export async function preparePaths(paths: DownloadPaths): Promise<void> {
  await resolveInside(paths.root, path.basename(paths.folder));
  const created = await mkdir(paths.folder, { recursive: true });
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
