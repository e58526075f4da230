/**
 * Livepeer Studio read commands under `task-lens livepeer …` (tasks, task, asset), and the
 * `task-lens download livepeer-tasks` subcommand. The key comes from LIVEPEER_API_KEY; the base URL
 * from --base-url, LIVEPEER_BASE_URL or the public API (see core/livepeer/descriptor.ts).
 */
import type { Command, Option } from 'commander';
import { LIVEPEER_PLATFORM } from '../../core/livepeer/descriptor';
import { LivepeerPlatform, TASKS_DOWNLOAD_KIND } from '../../core/livepeer/platform';
import { MAX_LIMIT } from '../../core/livepeer/queries';
import { TASK_PHASES, TASK_TYPES } from '../../core/livepeer/types';
import type { CliContext, GlobalOptions } from '../context';
import { LIVEPEER_TASK_COLUMNS } from '../columns';
import { enumOption } from '../enumFlags';
import { addFormatOption } from '../formatOption';
import { runDownloadCommand, type DownloadFlags, type DownloadSubcommand } from '../downloadRunner';
import { registerLivepeerLiveCommands } from './livepeerLive';
import { positiveInteger } from './scale';

interface TaskSelection {
  readonly type?: string;
  readonly phase?: string;
}

const typeOption = (): Option => enumOption('-t, --type <type>', 'only tasks of this type', TASK_TYPES, 'Livepeer task type');
const phaseOption = (): Option =>
  enumOption('-s, --phase <phase>', 'only tasks in this phase, filtered here as the server cannot', TASK_PHASES, 'Livepeer task phase');
const ENV_HELP = `\nThe API key is read from ${LIVEPEER_PLATFORM.keyEnvVar}; the base URL from --base-url, ${LIVEPEER_PLATFORM.baseUrlEnvVar} or ${LIVEPEER_PLATFORM.defaultBaseUrl}.`;

export function registerLivepeerCommands(program: Command, context: CliContext): void {
  const livepeer = program
    .command('livepeer')
    .description(
      'Browse Livepeer Studio tasks and assets, watch tasks in flight, retry failed ones, fetch outputs. Output is JSON on stdout.',
    )
    .addHelpText('after', ENV_HELP);

  addFormatOption(
    livepeer
      .command('tasks')
      .description('List tasks, newest first, one JSON object per line, streamed page by page.')
      .addOption(typeOption())
      .addOption(phaseOption())
      .option('-n, --limit <count>', 'stop after this many tasks', positiveInteger),
  )
    .addHelpText('after', ENV_HELP)
    .action(async (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<TaskSelection & GlobalOptions & { limit?: number }>();
      const client = await context.livepeer(options);
      // Small pages when only a few tasks are wanted and nothing is filtered out on this side.
      const pageSize = options.phase ? 100 : Math.min(100, options.limit ?? 100);
      const tasks = client.iterateTasks(
        { limit: Math.min(MAX_LIMIT, pageSize), filters: { type: options.type } },
        { phases: options.phase ? [options.phase] : undefined },
        context.call,
      );
      await context.out.lines(tasks, options.limit, LIVEPEER_TASK_COLUMNS);
    });

  livepeer
    .command('task')
    .description('Print one task as pretty JSON, exactly as the API returned it.')
    .argument('<id>', 'task id')
    .addHelpText('after', ENV_HELP)
    .action(async (taskId: string, _options: unknown, command: Command) => {
      const client = await context.livepeer(command.optsWithGlobals<GlobalOptions>());
      await context.out.document(await client.getTask(taskId, context.call));
    });

  livepeer
    .command('asset')
    .description('Print one asset (with per-track details) as pretty JSON, exactly as the API returned it.')
    .argument('<id>', 'asset id (a task’s inputAssetId or outputAssetId)')
    .addHelpText('after', ENV_HELP)
    .action(async (assetId: string, _options: unknown, command: Command) => {
      const client = await context.livepeer(command.optsWithGlobals<GlobalOptions>());
      await context.out.document(await client.getAsset(assetId, { details: true }, context.call));
    });

  registerLivepeerLiveCommands(livepeer, context, ENV_HELP);
}

/** `task-lens download livepeer-tasks --out DIR [--type T] [--phase P]` → `<DIR>/livepeer/tasks[-type-phase].jsonl`. */
export const livepeerTasksDownload: DownloadSubcommand = (download, context) => {
  download
    .command(TASKS_DOWNLOAD_KIND)
    .description('Download Livepeer Studio tasks (task JSON, one per line), optionally only one type and/or phase.')
    .addOption(typeOption())
    .addOption(phaseOption())
    .requiredOption('-o, --out <dir>', 'folder to download into (the file goes to <dir>/livepeer/tasks[-<type>][-<phase>].jsonl)')
    .option('-f, --force', 'start over: replace a finished download, or discard a partial one that cannot be resumed')
    .addHelpText('after', ENV_HELP)
    .action(async (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<DownloadFlags & GlobalOptions & TaskSelection>();
      const platform = new LivepeerPlatform(await context.livepeer(options));
      const filters: Record<string, string> = {};
      if (options.type) filters.type = options.type;
      if (options.phase) filters.phase = options.phase;
      const plan = await platform.planTaskListDownload(filters);
      await runDownloadCommand(context, plan, options);
    });
};
