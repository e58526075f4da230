/**
 * One writer per file, across processes: `<file>.lock` beside the target, created atomically
 * (O_CREAT | O_EXCL, mode 0600), holding who took it (pid, host, start time) and a random token so
 * the holder only ever removes its own lock. The editor and the CLI take the same lock, so two
 * CLIs, the editor and a CLI, or a `--force` run next to a live one can never write one file.
 *
 * A lock whose process is gone (same host, pid not alive) is stale and is broken; a lock from
 * another host is trusted, since we cannot tell whether its process is alive.
 */
import * as l10n from '@vscode/l10n';
import { randomBytes } from 'node:crypto';
import { constants, readFileSync, unlinkSync } from 'node:fs';
import { link, open, readFile, rename, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';

export const LOCK_SUFFIX = '.lock';

export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  /** ISO time the lock was taken. */
  readonly startedAt: string;
  readonly token: string;
}

export type LockAttempt = { readonly ok: true; readonly lock: DownloadLock } | { readonly ok: false; readonly holder: LockOwner | null };

const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

/** The locks this process holds, so an exit that cannot wait for promises can still remove them. */
const heldLocks = new Set<DownloadLock>();

/**
 * Removes this process's locks synchronously, for an exit that will not run the finally blocks
 * (a second Ctrl-C). The partial file and its checkpoint stay: the next run resumes from there.
 */
export function releaseHeldLocksSync(): void {
  for (const lock of heldLocks) lock.releaseSync();
}

export class DownloadLock {
  private released = false;

  private constructor(
    readonly file: string,
    readonly owner: LockOwner,
  ) {}

  /**
   * Takes the lock at `file`, breaking it first if it is stale.
   * @returns the lock, or who holds it (null when the lock file could not be read).
   */
  static async acquire(file: string, now: () => number = Date.now): Promise<LockAttempt> {
    const owner: LockOwner = {
      pid: process.pid,
      host: hostname(),
      startedAt: new Date(now()).toISOString(),
      token: randomBytes(12).toString('hex'),
    };
    // Two rounds: the second after breaking a stale lock (someone else may win that race).
    for (let round = 0; round < 2; round++) {
      if (await createExclusive(file, `${JSON.stringify(owner)}\n`)) {
        const lock = new DownloadLock(file, owner);
        heldLocks.add(lock);
        return { ok: true, lock };
      }
      const held = await readLockText(file);
      if (held === null) continue; // removed between our attempt and the read: try again
      const holder = parseOwner(held);
      if (!holder || !isStale(holder)) return { ok: false, holder };
      if (!(await breakStale(file, held))) return { ok: false, holder: parseOwner((await readLockText(file)) ?? '') };
    }
    return { ok: false, holder: parseOwner((await readLockText(file)) ?? '') };
  }

  /** Removes the lock if it is still ours (never someone else's that replaced a broken one). */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    try {
      const held = await readLockText(this.file).catch(() => null);
      if (held !== null && parseOwner(held)?.token === this.owner.token) await unlink(this.file).catch(() => undefined);
    } finally {
      // Only now: an exit that cuts this release short (a second Ctrl-C) still finds the lock to remove.
      heldLocks.delete(this);
    }
  }

  /** `release`, synchronously (see releaseHeldLocksSync). */
  releaseSync(): void {
    // Also when an asynchronous release is under way: the token check keeps another run's lock.
    this.released = true;
    heldLocks.delete(this);
    try {
      if (parseOwner(readFileSync(this.file, 'utf8'))?.token === this.owner.token) unlinkSync(this.file);
    } catch {
      // gone already, or unreadable: nothing of ours to remove
    }
  }
}

/**
 * Another run holds the lock of a file that is not a task list (e.g. a Livepeer output file):
 * the same refusal as DownloadBusyError, for the downloads that have no DownloadPaths.
 */
export class FileBusyError extends Error {
  constructor(
    readonly file: string,
    readonly lockFile: string,
    /** Who holds the lock, as describeOwner says it. */
    readonly holder: string,
  ) {
    super(busyMessage(file, lockFile, holder));
    this.name = 'FileBusyError';
  }
}

/** What a second writer reads: who holds the file, that --force does not help, and the way out. */
export function busyMessage(file: string, lockFile: string, holder: string): string {
  return l10n.t(
    '“{0}” is already being downloaded by {1}. Wait for that download to finish or cancel it first; --force does not override it. If no such download is running, delete “{2}”.',
    file,
    holder,
    lockFile,
  );
}

/** "process 123 on host-a since 2026-…", for the busy message. */
export function describeOwner(owner: LockOwner | null): string {
  if (!owner) return l10n.t('another Task Lens process (its lock file could not be read)');
  const self = owner.pid === process.pid && owner.host === hostname() ? l10n.t(', this process') : '';
  return l10n.t('process {0} on {1}{2}, since {3}', owner.pid, owner.host, self, owner.startedAt);
}

async function createExclusive(file: string, text: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NO_FOLLOW, 0o600);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

async function readLockText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return null;
    throw error;
  }
}

function parseOwner(text: string): LockOwner | null {
  try {
    const value = JSON.parse(text) as Partial<LockOwner> | null;
    if (
      value &&
      Number.isSafeInteger(value.pid) &&
      typeof value.host === 'string' &&
      typeof value.startedAt === 'string' &&
      typeof value.token === 'string'
    ) {
      return value as LockOwner;
    }
  } catch {
    // A torn or foreign lock file: treated as held (never broken blindly).
  }
  return null;
}

function isStale(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return false;
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as { code?: unknown }).code === 'ESRCH';
  }
}

/**
 * Moves the stale lock aside and checks it is the one we judged stale: if another process broke it
 * and took a fresh lock in between, that fresh lock is put back (link fails if yet another exists).
 * @returns whether the stale lock is gone.
 */
async function breakStale(file: string, staleText: string): Promise<boolean> {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await rename(file, aside);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return true;
    throw error;
  }
  const moved = await readLockText(aside);
  if (moved === staleText) {
    await unlink(aside).catch(() => undefined);
    return true;
  }
  await link(aside, file).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
  return false;
}
