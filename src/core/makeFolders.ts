/**
 * `mkdir -p` that always ends. Node 20's `mkdir(…, { recursive: true })` loops forever, at full
 * CPU and deaf to Ctrl-C, when a parent exists but refuses new entries with ENOENT (a folder under
 * /proc, some FUSE and network file systems): it retries the parent, gets EEXIST, and starts over.
 * This walks the path once, creating one folder at a time, and says which folder could not be made.
 */
import { mkdir, stat } from 'node:fs/promises';
import * as path from 'node:path';

export class FolderCreationError extends Error {
  constructor(
    readonly folder: string,
    readonly code: string | undefined,
  ) {
    super(
      `Could not create the folder “${folder}” (${code ?? 'unknown error'}): choose a folder on a file system that can hold new files.`,
    );
    this.name = 'FolderCreationError';
  }
}

/** Creates `folder` and its missing parents; @returns the first folder it created (as Node's recursive mkdir does). */
export async function makeFolders(folder: string): Promise<string | undefined> {
  const missing: string[] = [];
  // Up to the nearest thing that exists (ENOTDIR: a file further up; the walk finds and names it).
  for (let current = path.resolve(folder); ; current = path.dirname(current)) {
    const info = await stat(current).catch((error: NodeJS.ErrnoException) =>
      error.code === 'ENOENT' || error.code === 'ENOTDIR' ? undefined : Promise.reject(error),
    );
    if (info) {
      if (!info.isDirectory()) throw new FolderCreationError(current, 'ENOTDIR');
      break;
    }
    missing.unshift(current);
    if (path.dirname(current) === current) break; // a root that does not exist
  }
  for (const dir of missing) {
    try {
      await mkdir(dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Another process made it meanwhile: fine, if it is a folder.
      if (code === 'EEXIST' && (await stat(dir)).isDirectory()) continue;
      throw new FolderCreationError(dir, code);
    }
  }
  return missing[0];
}
