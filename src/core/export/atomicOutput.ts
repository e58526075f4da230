/**
 * Export outputs appear whole or not at all: everything is written under a temporary name beside
 * the final one and renamed into place when complete. A cancelled or failed export leaves nothing
 * under the final name (and removes its temporary). The input file is never overwritten.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, realpath, rename, rm, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { FolderCreationError, makeFolders } from '../makeFolders';

/** The export cannot write where it was asked to (the CLI makes it a usage error). */
export class ExportOutputError extends Error {
  override readonly name = 'ExportOutputError';
}

export type OutputKind = 'file' | 'folder';

export class AtomicOutput {
  private constructor(
    readonly kind: OutputKind,
    /** Where the finished output goes. */
    readonly finalPath: string,
    /** Where it is written meanwhile (a file or a folder, as `kind`). */
    readonly tempPath: string,
  ) {}

  /**
   * Prepares the temporary. A file output replaces an existing file when complete; a folder output
   * replaces an existing folder only if it holds nothing but what `owns` recognises as ours.
   */
  static async prepare(
    kind: OutputKind,
    out: string,
    input: string,
    owns: (entry: string) => boolean = () => false,
  ): Promise<AtomicOutput> {
    const finalPath = path.resolve(out);
    const inputPath = await realOrResolved(input);
    const target = await realOrResolved(finalPath);
    if (target === inputPath) throw new ExportOutputError(`The output “${finalPath}” is the input file; choose another output.`);
    const existing = await statOrNull(finalPath).catch((error: unknown) => {
      throw unwritable(finalPath, error);
    });
    if (kind === 'file' && existing?.isDirectory())
      throw new ExportOutputError(`“${finalPath}” is a folder; give a file name for this format.`);
    if (kind === 'folder' && existing) {
      if (!existing.isDirectory()) throw new ExportOutputError(`“${finalPath}” is a file; this format writes a folder.`);
      if (isInside(inputPath, target))
        throw new ExportOutputError(`The input file lies inside the output folder “${finalPath}”; choose another output.`);
      const foreign = (await readdir(finalPath)).filter((entry) => !owns(entry));
      if (foreign.length > 0) {
        throw new ExportOutputError(
          `“${finalPath}” exists and holds other files (${foreign.slice(0, 3).join(', ')}); choose a new or empty folder.`,
        );
      }
    }
    const base = path.basename(finalPath);
    const tempPath = path.join(path.dirname(finalPath), `.${base}.${randomBytes(4).toString('hex')}.partial`);
    try {
      await makeFolders(path.dirname(finalPath));
      // The temporary is made (a folder) or tried (a file, made again by the writer) here, so a
      // place that cannot be written is refused before any work, in words, not as a raw errno.
      if (kind === 'folder') await mkdir(tempPath);
      else {
        await (await open(tempPath, 'wx')).close();
        await rm(tempPath);
      }
    } catch (error) {
      throw unwritable(finalPath, error);
    }
    return new AtomicOutput(kind, finalPath, tempPath);
  }

  /** Moves the finished output into place (replacing a previous export). */
  async commit(): Promise<void> {
    if (this.kind === 'file') {
      await rename(this.tempPath, this.finalPath);
      return;
    }
    const previous = await statOrNull(this.finalPath);
    if (!previous) {
      await rename(this.tempPath, this.finalPath);
      return;
    }
    // A folder cannot be renamed over a non-empty one: move the old export aside first.
    const aside = `${this.tempPath}.old`;
    await rename(this.finalPath, aside);
    try {
      await rename(this.tempPath, this.finalPath);
    } catch (error) {
      await rename(aside, this.finalPath).catch(() => undefined);
      throw error;
    }
    await rm(aside, { recursive: true, force: true });
  }

  /** Removes the temporary (after a failure or cancel). */
  async discard(): Promise<void> {
    await rm(this.tempPath, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** A file-system refusal on the way to `finalPath`, as the output error it is for the user. */
function unwritable(finalPath: string, error: unknown): unknown {
  if (error instanceof FolderCreationError)
    return new ExportOutputError(
      `Could not create the folder “${error.folder}” (${error.code ?? 'unknown error'}); choose another output.`,
    );
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return error;
  const why = code === 'ENOTDIR' ? 'a folder on the way is a file' : code === 'EACCES' || code === 'EPERM' ? 'no permission' : code;
  return new ExportOutputError(`Cannot write “${finalPath}” (${why}); choose another output.`);
}

async function realOrResolved(file: string): Promise<string> {
  try {
    return await realpath(file);
  } catch {
    return path.resolve(file);
  }
}

async function statOrNull(file: string): Promise<Awaited<ReturnType<typeof stat>> | null> {
  try {
    return await stat(file);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return null;
    throw error;
  }
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
