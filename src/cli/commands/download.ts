/**
 * `task-lens download <what>`: a list to `<out>/<project>/<name>.jsonl` through the shared download
 * engine (resumable, checkpointed, atomic). Each kind of list is one entry in `DOWNLOAD_SUBCOMMANDS`
 * built on `runDownloadCommand` (cli/downloadRunner.ts), so another platform's download is one
 * function and one entry.
 *
 * stdout gets one JSON line describing the finished file; progress and messages go to stderr.
 */
import type { Command } from 'commander';
import { idOf } from '../../core/scale/helpers';
import { deliveryDownloadPlan, taskListDownloadPlan } from '../../core/scale/downloads';
import type { CliContext, GlobalOptions } from '../context';
import { DEFAULT_RETRY_SECONDS, runDownloadCommand, type DownloadFlags, type DownloadSubcommand } from '../downloadRunner';
import { livepeerTasksDownload } from './livepeer';
import { taskStatusOption } from './scale';

const deliverySubcommand: DownloadSubcommand = (download, context) => {
  download
    .command('delivery')
    .description('Download the tasks of a Scale delivery (full task JSON, one per line).')
    .requiredOption('-p, --project <project>', 'project name or id')
    .requiredOption('-d, --delivery <delivery>', 'delivery name or id')
    .requiredOption('-o, --out <dir>', 'folder to download into (the file goes to <dir>/<project>/<delivery>.jsonl)')
    .option('-f, --force', 'start over: replace a finished download, or discard a partial one that cannot be resumed')
    .action(async (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<DownloadFlags & GlobalOptions & { project: string; delivery: string }>();
      const client = await context.scale(options);
      const project = await client.resolveProject(options.project, context.call);
      const delivery = await client.resolveDelivery(project, options.delivery, context.call);
      const taskCount = typeof delivery.task_count === 'number' ? delivery.task_count : null;
      const plan = deliveryDownloadPlan(client, {
        projectId: project.id,
        projectName: project.name,
        deliveryId: delivery.id,
        deliveryName: delivery.name,
        taskCount,
      });
      await runDownloadCommand(context, plan, options);
    });
};

const batchSubcommand: DownloadSubcommand = (download, context) => {
  download
    .command('batch')
    .description('Download the tasks of a Scale batch (full task JSON, one per line), optionally only those with one status.')
    .requiredOption('-b, --batch <batch>', 'batch name or id')
    .option('-p, --project <project>', 'project name or id (narrows a batch name to that project)')
    .addOption(taskStatusOption())
    .requiredOption('-o, --out <dir>', 'folder to download into (the file goes to <dir>/<project>/<batch>.jsonl)')
    .option('-f, --force', 'start over: replace a finished download, or discard a partial one that cannot be resumed')
    .action(async (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<DownloadFlags & GlobalOptions & { batch: string; project?: string; status?: string }>();
      const client = await context.scale(options);
      const named = options.project ? await client.resolveProject(options.project, context.call) : undefined;
      const batch = await client.resolveBatch(options.batch, named, context.call);
      const projectId = idOf(batch.project) ?? named?.id ?? '';
      // The project's name names the folder; a batch found by itself only carries the project's id.
      const project = named ?? (await client.getProject({ project_id: projectId }, context.call));
      const plan = taskListDownloadPlan(client, {
        projectId: project.id,
        projectName: project.name,
        batch: { id: batch.id, name: batch.name },
        status: options.status,
      });
      await runDownloadCommand(context, plan, options);
    });
};

/** Every platform's downloads; add one here. */
export const DOWNLOAD_SUBCOMMANDS: readonly DownloadSubcommand[] = [deliverySubcommand, batchSubcommand, livepeerTasksDownload];

export function registerDownloadCommands(program: Command, context: CliContext): void {
  const download = program
    .command('download')
    .description(
      'Download a list of tasks to a JSONL file: resumable after Ctrl+C or failures, written atomically, with a manifest beside it.',
    )
    .option(
      '--max-retry-time <seconds>',
      `how long to keep retrying transient faults (429, 5xx, resets, broken bodies) without progress before stopping (default ${DEFAULT_RETRY_SECONDS})`,
    )
    .addHelpText(
      'after',
      '\nRunning the same command again resumes an unfinished download; --force starts over.\nExit codes: 0 file complete, 1 failure (the partial file is kept), 2 usage error, 130 interrupted (resumable).',
    );
  for (const add of DOWNLOAD_SUBCOMMANDS) add(download, context);
}
