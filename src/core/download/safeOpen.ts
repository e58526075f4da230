/**
 * Opening the files a download writes so that nothing planted in their place is written through:
 * a symlink is refused by O_NOFOLLOW (Linux, macOS), a hard link by its link count, and new files
 * are created 0600 (task data is private to the person who downloaded it).
 */
import { constants } from 'node:fs';
import { open, unlink, type FileHandle } from 'node:fs/promises';

/** Linux and macOS refuse to follow a symlink at the path; Windows has no flag. */
export const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
export const FILE_MODE = 0o600;

/** A path that is not a plain file of its own (a symlink, a hard link, a directory, a device). */
export class UnsafeFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`Refusing to write “${file}”: ${reason}. Remove it (or move it away), then run the download again.`);
    this.name = 'UnsafeFileError';
  }
}

/**
 * A new, empty file at `file`, replacing whatever was there without writing through it: the old
 * entry is unlinked first (a hard link's other name keeps its content) and the new one is created
 * exclusively, so a symlink or link planted in between makes the open fail instead.
 */
export async function createFresh(file: string, flags: number = constants.O_RDWR): Promise<FileHandle> {
  await unlink(file).catch((error: unknown) => {
    if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
  });
  return open(file, flags | constants.O_CREAT | constants.O_EXCL | NO_FOLLOW, FILE_MODE);
}

/**
 * Opens an existing file for reading and writing, refusing a symlink, a hard-linked file and
 * anything that is not a regular file. @returns null when it does not exist.
 */
export async function openExisting(file: string): Promise<FileHandle | null> {
  let handle: FileHandle;
  try {
    handle = await open(file, constants.O_RDWR | NO_FOLLOW);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT') return null;
    if (code === 'ELOOP') throw new UnsafeFileError(file, 'it is a symbolic link');
    throw error;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new UnsafeFileError(file, 'it is not a regular file');
    if (info.nlink > 1) throw new UnsafeFileError(file, `it is a hard link (${info.nlink} names share its content)`);
    return handle;
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}
