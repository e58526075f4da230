/** Scale v2 read commands: projects, batches, tasks, task, deliveries. */
import { InvalidArgumentError, type Command } from 'commander';
import { MAX_TIMEOUT_MS } from '../../core/http/client';
import type { TasksQuery } from '../../core/scale/queries';
import { redactTaskSecrets } from '../../core/secrets/taskSecrets';
import { BATCH_STATUSES, TASK_STATUSES } from '../../core/scale/enums';
import { BATCH_COLUMNS, DELIVERY_COLUMNS, PROJECT_COLUMNS, TASK_COLUMNS } from '../columns';
import type { CliContext, GlobalOptions } from '../context';
import { enumOption } from '../enumFlags';
import { UsageError } from '../errors';
import { addFormatOption } from '../formatOption';

/** `--status` of `tasks` and the task downloads: the documented task statuses. */
export const taskStatusOption = (): ReturnType<typeof enumOption> =>
  enumOption('-s, --status <status>', 'only tasks with this status', TASK_STATUSES, 'task status');

interface TasksOptions {
  readonly project?: string;
  readonly batch?: string;
  readonly status?: string;
  readonly limit?: number;
}

export function positiveInteger(raw: string): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < 1)
    throw new InvalidArgumentError('expected a positive whole number.');
  return value;
}

/** `--timeout`: a positive whole number of milliseconds that setTimeout can wait (about 24.8 days). */
export function timeoutMs(raw: string): number {
  const value = positiveInteger(raw);
  if (value > MAX_TIMEOUT_MS) throw new InvalidArgumentError(`at most ${MAX_TIMEOUT_MS} ms (about 24.8 days).`);
  return value;
}

/** Options of the command plus the program's global ones. */
function optionsOf<T>(command: Command): T & GlobalOptions {
  return command.optsWithGlobals<T & GlobalOptions>();
}

/** Tasks as printed: credentials replaced by a marker unless `--keep-secrets`. */
async function* withSecrets<T>(options: GlobalOptions, tasks: AsyncIterable<T>): AsyncIterable<T> {
  for await (const task of tasks) yield options.keepSecrets ? task : redactTaskSecrets(task);
}

export function registerScaleCommands(program: Command, context: CliContext): void {
  addFormatOption(program.command('projects').description('List Scale projects, one JSON object per line.')).action(
    async (_options: unknown, command: Command) => {
      const client = await context.scale(optionsOf(command));
      await context.out.lines(await client.listProjects({}, context.call), undefined, PROJECT_COLUMNS);
    },
  );

  addFormatOption(
    program
      .command('batches')
      .description('List the batches of a project, one JSON object per line.')
      .requiredOption('-p, --project <project>', 'project name or id')
      .addOption(enumOption('-s, --status <status>', 'only batches with this status', BATCH_STATUSES, 'batch status')),
  ).action(async (_options: unknown, command: Command) => {
    const options = optionsOf<{ project: string; status?: string }>(command);
    const client = await context.scale(options);
    const project = await client.resolveProject(options.project, context.call);
    const batches = client.iterateBatches({ project_id: project.id, status: options.status, limit: 100 }, context.call);
    await context.out.lines(batches, undefined, BATCH_COLUMNS);
  });

  addFormatOption(
    program
      .command('tasks')
      .description('List tasks of a project or batch, one JSON object per line, streamed page by page.')
      .option('-p, --project <project>', 'project name or id')
      .option('-b, --batch <batch>', 'batch name or id (with --project, looked up within that project)')
      .addOption(taskStatusOption())
      .option('-n, --limit <count>', 'stop after this many tasks', positiveInteger),
  )
    .addHelpText('after', '\nOne of --project or --batch is required.')
    .action(async (_options: unknown, command: Command) => {
      const options = optionsOf<TasksOptions>(command);
      if (!options.project && !options.batch) throw new UsageError('tasks needs --project <project> or --batch <batch>.');
      const client = await context.scale(options);
      const project = options.project ? await client.resolveProject(options.project, context.call) : undefined;
      const batch = options.batch ? await client.resolveBatch(options.batch, project, context.call) : undefined;
      const limit = Math.min(100, options.limit ?? 100);
      const query: TasksQuery = batch
        ? { batch_id: batch.id, status: options.status, limit }
        : { project_id: project?.id ?? '', status: options.status, limit };
      await context.out.lines(withSecrets(options, client.iterateTasks(query, context.call)), options.limit, TASK_COLUMNS);
    });

  program
    .command('task')
    .description('Print one task as pretty JSON, exactly as the API returned it (with all details).')
    .argument('<id>', 'task id')
    .action(async (taskId: string, _options: unknown, command: Command) => {
      const options = optionsOf(command);
      const client = await context.scale(options);
      const task = await client.getTask(taskId, {}, context.call);
      await context.out.document(options.keepSecrets ? task : redactTaskSecrets(task));
    });

  addFormatOption(
    program
      .command('deliveries')
      .description('List the deliveries of a project, one JSON object per line.')
      .requiredOption('-p, --project <project>', 'project name or id'),
  ).action(async (_options: unknown, command: Command) => {
    const options = optionsOf<{ project: string }>(command);
    const client = await context.scale(options);
    const project = await client.resolveProject(options.project, context.call);
    await context.out.lines(await client.listDeliveries({ project_id: project.id }, context.call), undefined, DELIVERY_COLUMNS);
  });
}
