/** The last steps of a download: what to warn about, and moving the finished file into place. */
import { formatNumber } from '../../shared/format';
import { rename, stat } from 'node:fs/promises';

/** Problems that did not stop the download, for the result and the manifest. */
export function completionWarnings(duplicates: number, expected: number | null, count: number): string[] {
  const warnings: string[] = [];
  if (duplicates > 0) {
    warnings.push(
      `The server listed ${formatNumber(duplicates)} task${duplicates === 1 ? '' : 's'} more than once; each task is in the file once.`,
    );
  }
  if (expected !== null && expected !== count) {
    warnings.push(
      `Expected ${formatNumber(expected)} tasks (the platform's count) but the server listed ${formatNumber(count)}. The file holds every task the server returned; check the source before relying on it.`,
    );
  }
  return warnings;
}

/** Moves the finished partial file into place, after checking it holds exactly what was written. */
export async function renameInPlace(partial: string, file: string, size: number): Promise<void> {
  const onDisk = (await stat(partial)).size;
  if (onDisk !== size) {
    throw new Error(
      `the partial file is ${onDisk} bytes where ${size} were written (something else changed it), so it was not renamed into place`,
    );
  }
  await rename(partial, file);
}
