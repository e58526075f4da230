/**
 * "Save Filtered Set": the chosen rows of a task file, written as a new task file with a manifest
 * beside it in the shape downloads write (core/download/manifest.ts), whose source names the file
 * it came from and the query that picked the rows. The lines are the source's bytes, in file order,
 * copied in one streaming pass. The file appears whole or not at all (temporary, fsync, rename), and
 * never over the source.
 */
import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { realpath, rename, unlink } from 'node:fs/promises';
import * as path from 'node:path';
import { finishedFileManifest, writeManifest, type DownloadManifest } from '../download/manifest';
import { MANIFEST_SUFFIX } from '../download/paths';
import { createFresh } from '../download/safeOpen';
import { forEachLine, type ReadLinesOptions } from './lineReader';
import type { TableQuery } from './tableView';
import type { TaskIndex } from './taskIndex';

export class SubsetTargetError extends Error {
  override readonly name = 'SubsetTargetError';
}

export interface SubsetManifest extends DownloadManifest {
  /** Where the rows came from, in full (the source's fields are flat strings). */
  readonly subset: {
    readonly sourceFile: string;
    readonly conditions: readonly string[];
    readonly statuses: readonly string[];
    readonly search: string;
    readonly sourceTasks: number;
  };
}

export interface SubsetResult {
  readonly file: string;
  readonly manifest: string;
  readonly count: number;
  readonly bytes: number;
  readonly sha256: string;
}

export interface SubsetOptions extends ReadLinesOptions {
  readonly source: string;
  readonly target: string;
  readonly index: TaskIndex;
  /** Index rows to keep (any order; written in file order). */
  readonly rows: Uint32Array;
  readonly query: TableQuery;
  readonly now?: () => Date;
}

export async function saveSubset(options: SubsetOptions): Promise<SubsetResult> {
  const { source, index, rows } = options;
  const target = path.resolve(options.target);
  await checkTarget(source, target);
  const keep = new Uint8Array(index.size);
  for (const row of rows) keep[row] = 1;

  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(4).toString('hex')}.partial`);
  const handle = await createFresh(temp, constants.O_WRONLY);
  const hash = createHash('sha256');
  const newline = Buffer.from('\n');
  let count = 0;
  let bytes = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pendingBytes === 0) return;
    const chunk = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    await handle.write(chunk);
  };
  try {
    const offsets = index.tasks.offset;
    let row = 0;
    await forEachLine(
      source,
      (line, place) => {
        // Rows are in file order; a line that is not the next row's is an unreadable one.
        if (row >= index.size || offsets.get(row) !== place.offset) return undefined;
        const wanted = keep[row++] === 1;
        if (!wanted) return undefined;
        hash.update(line).update(newline);
        pending.push(Buffer.from(line), newline);
        pendingBytes += line.length + 1;
        bytes += line.length + 1;
        count++;
        return pendingBytes >= 1 << 20 ? flush() : undefined;
      },
      options,
    );
    await flush();
    await handle.sync();
    await handle.close();
    await rename(temp, target);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  const sha256 = hash.digest('hex');
  const manifest = `${target}${MANIFEST_SUFFIX}`;
  await writeManifest(manifest, subsetManifest(options, target, count, bytes, sha256));
  return { file: target, manifest, count, bytes, sha256 };
}

function subsetManifest(options: SubsetOptions, target: string, count: number, bytes: number, sha256: string): SubsetManifest {
  const at = (options.now?.() ?? new Date()).toISOString();
  const { query } = options;
  const sourceFile = path.basename(options.source);
  const source = {
    kind: 'subset',
    sourceFile,
    conditions: query.conditions.length ? query.conditions.join(' AND ') : null,
    statuses: query.statuses.length ? query.statuses.join(', ') : null,
    search: query.search || null,
  };
  return {
    ...finishedFileManifest({ source, file: path.basename(target), count, bytes, sha256, at }),
    subset: {
      sourceFile,
      conditions: [...query.conditions],
      statuses: [...query.statuses],
      search: query.search,
      sourceTasks: options.index.size,
    },
  };
}

async function checkTarget(source: string, target: string): Promise<void> {
  if (!/\.jsonl$/i.test(target)) throw new SubsetTargetError(`Save the set as a .jsonl file (“${path.basename(target)}” is not one).`);
  const real = async (p: string) => realpath(p).catch(() => path.resolve(p));
  const [from, to] = await Promise.all([real(source), real(target)]);
  if (from === to) throw new SubsetTargetError('The filtered set cannot replace the file it comes from; choose another name.');
  if (to === `${from}${MANIFEST_SUFFIX}`) throw new SubsetTargetError('That name is the source file’s manifest; choose another name.');
}
