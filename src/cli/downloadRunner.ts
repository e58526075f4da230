/**
 * The one download runner every `task-lens download …` subcommand uses, whatever the platform: a
 * plan into `<out>` through the shared engine, progress on stderr, one JSON line on stdout for the
 * finished file, and errors worded for a person. Its own module so each platform's subcommands can
 * import it without importing each other.
 */
import * as path from 'node:path';
import type { Command } from 'commander';
import {
  AlreadyDownloadedError,
  DownloadError,
  resolvePaths,
  retryMessage,
  runDownload,
  UnsafeFileError,
  UnsafePathError,
  type DownloadManifest,
  type DownloadPaths,
} from '../core/download';
import { CancelledError } from '../core/http/errors';
import { FolderCreationError } from '../core/makeFolders';
import type { DownloadPlan } from '../core/platform/platform';
import type { CliContext } from './context';
import { planWithSecrets } from '../core/secrets/taskSecrets';
import { displayText } from '../shared/displayText';
import { ConfigError } from './errors';
import { ProgressDisplay } from './commands/downloadProgress';

/** What every download subcommand accepts besides its own selectors. */
export interface DownloadFlags {
  readonly out: string;
  readonly force?: boolean;
  /** `--keep-secrets`: write credentials such as `workspace_token` as the server sent them. */
  readonly keepSecrets?: boolean;
  /** Seconds without progress before transient faults stop the download (`--max-retry-time`). */
  readonly maxRetryTime?: string;
}

export type DownloadSubcommand = (download: Command, context: CliContext) => void;

/**
 * A download that could not finish or was refused (already complete, other source in the way,
 * unsafe path). A ConfigError so `run.ts` prints the message as is and exits with 1.
 */
class DownloadFailure extends ConfigError {}

/**
 * Runs `plan` into `flags.out` with a progress display; resolves only when the file is complete.
 * A file that is already complete (same source, per its manifest) is a success, as `cp` and
 * `aws s3 sync` treat a destination that is up to date: nothing is fetched, the JSON line on
 * stdout describes the file with `"alreadyComplete": true`, and `--force` downloads it again.
 */
export async function runDownloadCommand(context: CliContext, plan: DownloadPlan, flags: DownloadFlags): Promise<void> {
  const stderr = context.chatter;
  const root = path.resolve(flags.out);
  const paths = await resolvePaths(root, plan);
  // File names come from server names (sanitised for the disk, not for a terminal).
  const display = new ProgressDisplay(stderr, displayText(path.basename(paths.file)));
  // Said when the engine starts (its first progress), so a file already complete is not announced.
  let announced = false;
  try {
    const result = await runDownload(planWithSecrets(plan, flags.keepSecrets === true), root, {
      force: flags.force === true,
      signal: context.io.signal,
      onProgress: (p) => {
        if (!announced) stderr.write(`Downloading to ${displayText(paths.file)}\n`);
        announced = true;
        display.update(p);
      },
      maxRetryTimeMs: retrySeconds(flags.maxRetryTime) * 1000,
      onRetry: (event) => {
        display.finish();
        stderr.write(`${displayText(retryMessage(event))}\n`);
      },
    });
    display.finish();
    for (const warning of result.warnings) context.warn(warning);
    stderr.write(`Saved ${result.count.toLocaleString('en-US')} tasks to ${displayText(result.file)}\n`);
    const { sha256, bytes, count, expectedTotal, resumedFrom, warnings } = result;
    await context.out.lines([{ file: result.file, manifest: paths.manifest, count, expectedTotal, bytes, sha256, resumedFrom, warnings }]);
  } catch (error) {
    display.finish();
    if (error instanceof CancelledError || context.io.signal.aborted) {
      stderr.write(`Download cancelled. The partial file is kept (${displayText(paths.partial)}); run the same command again to resume.\n`);
      throw error;
    }
    if (error instanceof AlreadyDownloadedError && error.manifest !== null) {
      await alreadyComplete(context, error.paths, error.manifest);
      return;
    }
    if (
      error instanceof DownloadError ||
      error instanceof UnsafePathError ||
      error instanceof UnsafeFileError ||
      error instanceof FolderCreationError
    )
      throw new DownloadFailure(error.message);
    throw error;
  }
}

/** The file is complete from an earlier run: say so and describe it, as a finished download would. */
async function alreadyComplete(context: CliContext, paths: DownloadPaths, manifest: DownloadManifest): Promise<void> {
  const when = manifest.completedAt ? `, ${manifest.completedAt}` : '';
  context.chatter.write(
    `Already complete: ${displayText(paths.file)} (${manifest.count.toLocaleString('en-US')} tasks${when}); nothing to do. Add --force to download it again.\n`,
  );
  const { count, expectedTotal, warnings } = manifest;
  await context.out.lines([
    {
      file: paths.file,
      manifest: paths.manifest,
      count,
      expectedTotal,
      bytes: manifest.size,
      sha256: manifest.sha256,
      resumedFrom: count,
      warnings,
      alreadyComplete: true,
    },
  ]);
}

/** Default of `--max-retry-time`, in seconds. */
export const DEFAULT_RETRY_SECONDS = 300;

function retrySeconds(value: string | undefined): number {
  if (value === undefined) return DEFAULT_RETRY_SECONDS;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0) throw new ConfigError(`--max-retry-time must be a number of seconds, got “${value}”.`);
  return seconds;
}
