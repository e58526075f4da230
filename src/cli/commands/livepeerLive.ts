/**
 * `task-lens livepeer watch | retry | download-output`: following tasks in flight, the one write
 * (retry), and fetching a completed task's output file.
 */
import type { Command } from 'commander';
import { CancelledError } from '../../core/http/errors';
import { isInFlight, isStuck, DEFAULT_STUCK_AFTER_MINUTES } from '../../core/livepeer/live';
import { downloadTaskOutput } from '../../core/livepeer/outputDownload';
import { TaskPoller } from '../../core/livepeer/poller';
import type { Task } from '../../core/livepeer/types';
import { formatBytes, percent } from '../../shared/format';
import { displayText } from '../../shared/displayText';
import type { CliContext, GlobalOptions } from '../context';
import { UsageError } from '../errors';

interface WatchOptions extends GlobalOptions {
  readonly type?: string;
  readonly phase?: string;
  readonly interval?: number;
  readonly stuckAfter?: number;
}

/** One NDJSON line of `watch`: what a person (or a script) needs to follow a task. */
export function watchLine(event: 'watching' | 'changed' | 'gone', task: Task, previous?: Task, stuckAfterMinutes?: number): object {
  const status = task.status ?? {};
  const line: Record<string, unknown> = { event, id: task.id, type: task.type, phase: status.phase };
  if (previous && previous.status?.phase !== status.phase) line.previousPhase = previous.status?.phase;
  if (typeof status.progress === 'number') line.progress = status.progress;
  if (typeof status.errorMessage === 'string') line.errorMessage = status.errorMessage;
  if (typeof status.retries === 'number') line.retries = status.retries;
  if (typeof status.updatedAt === 'number') line.updatedAt = status.updatedAt;
  if (isStuck(task, Date.now(), stuckAfterMinutes)) line.stuck = true;
  return line;
}

function seconds(raw: string): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`expected a number of seconds above 0, got “${raw}”`);
  return value;
}

function minutes(raw: string): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new UsageError(`expected a number of minutes, got “${raw}”`);
  return value;
}

export function registerLivepeerLiveCommands(livepeer: Command, context: CliContext, envHelp: string): void {
  livepeer
    .command('watch')
    .description(
      'Follow tasks in pending, waiting or running: one JSON line per task at the start ("watching"), then one per change ("changed"), until every watched task has finished (exit 0) or Ctrl+C (exit 130).',
    )
    .argument('[ids...]', 'watch these tasks (default: every task in flight that matches the filters)')
    .option('-t, --type <type>', 'only tasks of this type')
    .option('-s, --phase <phase>', 'only tasks in this phase now (pending, waiting or running)')
    .option('-i, --interval <seconds>', 'first wait between polls; it grows while nothing changes (default 5)', seconds)
    .option(
      '--stuck-after <minutes>',
      `mark tasks waiting or running without an update for this long (default ${DEFAULT_STUCK_AFTER_MINUTES})`,
      minutes,
    )
    .addHelpText('after', envHelp)
    .action(async (ids: string[], _options: unknown, command: Command) => {
      const options = command.optsWithGlobals<WatchOptions>();
      const client = await context.livepeer(options);
      const call = context.call;
      const stuckAfter = options.stuckAfter ?? DEFAULT_STUCK_AFTER_MINUTES;
      const tasks: Task[] = [];
      if (ids.length > 0) {
        for (const id of ids) tasks.push(await client.getTask(id, call));
      } else {
        const phases = options.phase ? [options.phase] : undefined;
        for await (const task of client.iterateTasks({ limit: 100, filters: { type: options.type } }, { phases }, call)) tasks.push(task);
      }
      const watched = tasks.filter(isInFlight);
      if (watched.length === 0) {
        context.io.stderr.write('task-lens: no task in pending, waiting or running matches: nothing to watch.\n');
        return;
      }
      for (const task of watched) await context.out.line(watchLine('watching', task, undefined, stuckAfter));
      const writes: Promise<void>[] = [];
      const poller = new TaskPoller(watched, {
        fetchTask: (id, signal) => client.getTask(id, { signal }),
        intervalMs: (options.interval ?? 5) * 1000,
        onChange: (change) => writes.push(context.out.line(watchLine('changed', change.task, change.previous, stuckAfter))),
        onGone: (id) => writes.push(context.out.line({ event: 'gone', id })),
        onError: (error, delayMs) =>
          context.io.stderr.write(
            `task-lens: polling failed (${displayText(error instanceof Error ? error.message : String(error))}); trying again in ${Math.round(delayMs / 1000)} s\n`,
          ),
      });
      const stop = (): void => poller.stop();
      context.io.signal.addEventListener('abort', stop, { once: true });
      try {
        await poller.start();
      } finally {
        context.io.signal.removeEventListener('abort', stop);
      }
      await Promise.all(writes);
      if (context.io.signal.aborted) throw new CancelledError('interrupted');
    });

  livepeer
    .command('retry')
    .description(
      'Retry a failed or cancelled task (POST /task/{id}/retry). Studio serves this endpoint but does not list it in its published API. Sent once, never repeated; a refusal is printed as the API said it.',
    )
    .argument('<id>', 'task id')
    .addHelpText('after', envHelp)
    .action(async (taskId: string, _options: unknown, command: Command) => {
      const client = await context.livepeer(command.optsWithGlobals<GlobalOptions>());
      const result = await client.retryTask(taskId, context.call);
      await context.out.line({ id: result.id, retried: true });
    });

  livepeer
    .command('download-output')
    .description(
      'Download the output file of a completed task whose output asset is ready, into <dir>/livepeer/outputs/. Resumes a partial download; the API key is never sent to the file host.',
    )
    .argument('<id>', 'task id')
    .requiredOption('-o, --out <dir>', 'folder to download into')
    .option('-f, --force', 'download again even if the file is there')
    .addHelpText('after', envHelp)
    .action(async (taskId: string, _options: unknown, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions & { out: string; force?: boolean }>();
      const client = await context.livepeer(options);
      const progress = new ByteProgress(context.io.stderr);
      try {
        const result = await downloadTaskOutput(client, taskId, options.out, {
          ...context.call,
          force: options.force,
          onProgress: (received, total) => progress.update(received, total),
        });
        progress.finish();
        await context.out.line({
          file: result.file,
          bytes: result.bytes,
          resumedFrom: result.resumedFrom,
          alreadyComplete: result.alreadyComplete,
          assetId: result.plan.assetId,
        });
      } finally {
        progress.finish();
      }
    });
}

/** Bytes so far on stderr: a redrawn line on a terminal, a line every 2 s otherwise. */
class ByteProgress {
  private last = Number.NEGATIVE_INFINITY;
  private drawn = false;
  private readonly tty: boolean;

  constructor(private readonly stream: NodeJS.WritableStream & { isTTY?: boolean }) {
    this.tty = stream.isTTY === true;
  }

  update(received: number, total: number | undefined): void {
    const now = Date.now();
    const done = total !== undefined && received >= total;
    if (!done && now - this.last < (this.tty ? 100 : 2_000)) return;
    this.last = now;
    const text = `downloading: ${formatBytes(received)}${total ? ` of ${formatBytes(total)} (${percent(received / total)})` : ''}`;
    if (this.tty) {
      this.stream.write(`\r${text}\x1b[K`);
      this.drawn = true;
    } else this.stream.write(`${text}\n`);
  }

  finish(): void {
    if (this.drawn) this.stream.write('\n');
    this.drawn = false;
  }
}
