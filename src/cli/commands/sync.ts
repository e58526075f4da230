/**
 * `task-lens sync --project P --out DIR [--since DATE]`: every delivery of the project that is not
 * complete in DIR is downloaded (oldest first, resumable, through the download engine); complete
 * ones are left alone without asking the server for their tasks. One line per delivery and a total
 * on stderr, one JSON line per delivery on stdout; exit 1 when any delivery failed.
 */
import * as path from 'node:path';
import type { Command } from 'commander';
import { syncDeliveries, type SyncItem } from '../../core/scale/sync';
import type { Delivery } from '../../core/scale/types';
import type { CliContext, GlobalOptions } from '../context';
import { ConfigError, UsageError } from '../errors';
import { ProgressDisplay } from './downloadProgress';

interface SyncFlags {
  readonly project: string;
  readonly out: string;
  readonly since?: string;
}

const MARKS: Record<SyncItem['state'], string> = {
  up_to_date: 'up to date',
  downloaded: 'downloaded',
  resumed: 'resumed and finished',
  failed: 'FAILED',
};

export function registerSyncCommands(program: Command, context: CliContext): void {
  program
    .command('sync')
    .description('Download every delivery of a project that is not already complete in a folder (oldest first); finished ones are skipped.')
    .requiredOption('-p, --project <project>', 'project name or id')
    .requiredOption('-o, --out <dir>', 'folder to keep in sync (files go to <dir>/<project>/<delivery>.jsonl)')
    .option('--since <date>', 'only deliveries delivered after this date or date-time (ISO 8601)')
    .addHelpText(
      'after',
      '\nExit codes: 0 all deliveries complete, 1 some failed (the others are kept; run again to retry), 2 usage error, 130 interrupted.',
    )
    .action(async (_options: unknown, command: Command) => {
      const flags = command.optsWithGlobals<SyncFlags & GlobalOptions>();
      const since = parseSince(flags.since);
      const client = await context.scale(flags);
      const project = await client.resolveProject(flags.project, context.call);
      const stderr = context.chatter;
      const root = path.resolve(flags.out);
      let display: ProgressDisplay | undefined;
      stderr.write(`Syncing the deliveries of ${project.name}${since ? ` delivered after ${since}` : ''} into ${root}\n`);
      const result = await syncDeliveries(client, project, root, {
        since,
        keepSecrets: flags.keepSecrets === true,
        signal: context.io.signal,
        onStart: () => {
          display = undefined;
        },
        onProgress: (delivery: Delivery, progress) => {
          display ??= new ProgressDisplay(stderr, delivery.name);
          display.update(progress);
        },
        onItem: (item) => {
          display?.finish();
          stderr.write(`${lineOf(item)}\n`);
        },
      }).catch((error: unknown) => {
        display?.finish();
        throw error;
      });
      await context.out.lines(result.items.map(jsonOf));
      const total = result.items.length;
      stderr.write(
        `${total} deliver${total === 1 ? 'y' : 'ies'}: ${result.downloaded} downloaded, ${result.upToDate} up to date, ${result.failed} failed\n`,
      );
      if (result.failed > 0) {
        throw new ConfigError(`${result.failed} of ${total} deliveries failed (see above); run the same command again to retry them.`);
      }
    });
}

function parseSince(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const time = Date.parse(raw);
  if (Number.isNaN(time)) throw new UsageError(`--since must be an ISO 8601 date or date-time, not “${raw}”.`);
  return new Date(time).toISOString();
}

function lineOf(item: SyncItem): string {
  const count = item.count === null ? '' : ` (${item.count.toLocaleString('en-US')} tasks)`;
  const detail = item.state === 'failed' ? `: ${item.error?.message ?? 'unknown error'}` : count;
  return `${MARKS[item.state]}: ${item.delivery.name} [${item.delivery.delivered_at}]${detail}`;
}

function jsonOf(item: SyncItem): Record<string, unknown> {
  return {
    delivery: item.delivery.name,
    deliveryId: item.delivery.id,
    deliveredAt: item.delivery.delivered_at,
    state: item.state,
    file: item.file,
    count: item.count,
    ...(item.error ? { error: item.error.message } : {}),
  };
}
