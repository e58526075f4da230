/**
 * The downloaded deliveries of a folder, read from the manifests beside them (no connection
 * needed): what each file is, where it came from, how many tasks, when, complete or partial. The
 * sidebar's "Downloaded Deliveries" lists these; the manifest is the one record of a download.
 */
import * as path from 'node:path';
import { readdir, stat } from 'node:fs/promises';
import { readManifest, type DownloadManifest } from './manifest';
import { MANIFEST_SUFFIX } from './paths';
import { finishedFileProblem } from './start';

export interface DeliveryListing {
  readonly manifest: string;
  /** The task file the manifest describes (it may be missing: a partial download or a moved file). */
  readonly file: string;
  readonly fileExists: boolean;
  /** The file name without `.jsonl`. */
  readonly name: string;
  /** One line about the source, e.g. `Scale delivery “2025-05-22 weekly delivery” · project …`. */
  readonly source: string;
  readonly count: number;
  /** ISO time: completed, else last updated. */
  readonly date: string;
  readonly status: 'complete' | 'partial';
  /** Set when the manifest could not be read; the entry still lists, with this reason. */
  readonly problem?: string;
  /** Set when a complete download's file is there but not as its manifest records it (cut short…). */
  readonly changed?: string;
}

export function isManifestPath(file: string): boolean {
  return file.endsWith(`.jsonl${MANIFEST_SUFFIX}`);
}

/** Folders a walk never enters: tools' caches and version control, not deliveries. */
const SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn', '.venv', 'venv', '__pycache__', '.vscode-test', 'out', 'dist']);

/**
 * Every download manifest under `root`, by walking the folders (the editor's file search needs
 * ripgrep, which not every host has; this needs nothing). Stops at `limit` manifests and `maxDepth`.
 */
export async function findManifests(root: string, options: { maxDepth?: number; limit?: number } = {}): Promise<string[]> {
  const maxDepth = options.maxDepth ?? 8;
  const limit = options.limit ?? 1000;
  const found: string[] = [];
  const walk = async (folder: string, depth: number): Promise<void> => {
    if (found.length >= limit) return;
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (found.length >= limit) return;
      const full = path.join(folder, entry.name);
      if (entry.isFile() && isManifestPath(entry.name)) found.push(full);
      else if (entry.isDirectory() && depth < maxDepth && !SKIPPED.has(entry.name) && !entry.name.startsWith('.'))
        await walk(full, depth + 1);
    }
  };
  await walk(root, 0);
  return found;
}

/** Reads one manifest; undefined when the path is not a manifest or it vanished. */
export async function readDelivery(manifestPath: string): Promise<DeliveryListing | undefined> {
  if (!isManifestPath(manifestPath)) return undefined;
  const read = await readManifest(manifestPath).catch((error: unknown) => ({ state: 'unreadable' as const, problem: String(error) }));
  if (read.state === 'missing') return undefined;
  const file = manifestPath.slice(0, -MANIFEST_SUFFIX.length);
  const fileExists = await stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
  const name = path.basename(file).replace(/\.jsonl$/i, '');
  if (read.state === 'unreadable')
    return { manifest: manifestPath, file, fileExists, name, source: '', count: 0, date: '', status: 'partial', problem: read.problem };
  const m = read.manifest;
  const changed = m.status === 'complete' && fileExists ? await finishedFileProblem(file, m) : undefined;
  return {
    ...(changed === undefined ? {} : { changed }),
    manifest: manifestPath,
    file,
    fileExists,
    name,
    source: describeSource(m.source),
    count: m.count,
    date: m.completedAt ?? m.updatedAt ?? m.startedAt ?? '',
    status: m.status,
  };
}

/** Newest first, then by name: the delivery that just landed is on top. */
export function sortDeliveries(list: readonly DeliveryListing[]): DeliveryListing[] {
  return [...list].sort((a, b) => (a.date === b.date ? a.name.localeCompare(b.name) : a.date < b.date ? 1 : -1));
}

/** The source's descriptive fields in one line; ids and URLs are left to the tooltip. */
export function describeSource(source: DownloadManifest['source']): string {
  const text = (key: string): string | undefined => {
    const v = source[key];
    return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;
  };
  if (text('kind') === 'subset') {
    const parts = [text('conditions'), text('statuses') && `status ${text('statuses')}`, text('search') && `“${text('search')}”`];
    const query = parts.filter(Boolean).join(', ');
    return `filtered from ${text('sourceFile') ?? 'a task file'}${query ? ` (${query})` : ''}`;
  }
  const names = Object.keys(source)
    .filter((key) => /name$/i.test(key))
    .map((key) => text(key))
    .filter((v): v is string => v !== undefined);
  const kind = text('kind') ?? text('platform');
  const described = [kind, ...names].filter(Boolean).join(' · ');
  return described || (text('baseUrl') ?? '');
}
