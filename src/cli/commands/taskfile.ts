/**
 * `query` and `report` over a task file on disk: no API key, no network. Both read the file in
 * one streaming pass; `query` prints each matching line as it goes, byte for byte as in the file.
 */
import { Option, type Command } from 'commander';
import { stat } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { GrowableArray } from '../../core/taskfile/columns';
import { ConditionSyntaxError, parseCondition, type TaskQuery } from '../../core/taskfile/conditions';
import { indexTaskFile } from '../../core/taskfile/indexFile';
import { compileQuery, filterRows } from '../../core/taskfile/matcher';
import { buildReport } from '../../core/taskfile/report';
import { reportToMarkdown } from '../../core/taskfile/reportMarkdown';
import { taskMentions } from '../../core/taskfile/search';
import type { TaskIndex } from '../../core/taskfile/taskIndex';
import { TASK_STATUSES } from '../../core/scale/enums';
import type { CliContext } from '../context';
import { enumOption } from '../enumFlags';
import { ConfigError, UsageError } from '../errors';

export interface ConditionOptions {
  readonly where: string[];
  readonly status: string[];
  readonly search?: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function addConditionOptions(command: Command): Command {
  return command
    .option(
      '-w, --where <condition>',
      "annotation condition 'KEY OP VALUE' (OP: = != < <= > >= ~) or 'KEY'; repeat: all must hold",
      collect,
      [],
    )
    .addOption(enumOption('-s, --status <status>', 'task status; repeat: any of them', TASK_STATUSES, 'task status', { collect }, 'match'))
    .option('--search <text>', "case-insensitive text in any message's content.text");
}

/** The conditions as a query; a bad condition is a usage error (exit 2) that shows the grammar. */
export function queryOf(options: ConditionOptions): TaskQuery {
  try {
    return { where: options.where.map(parseCondition), statuses: options.status, search: options.search };
  } catch (error) {
    if (error instanceof ConditionSyntaxError) throw new UsageError(error.message);
    throw error;
  }
}

async function checkFile(path: string): Promise<void> {
  try {
    if (!(await stat(path)).isFile()) throw new ConfigError(`${path} is not a file — give the path of a JSONL task file.`);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`Cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}) — check the path of the task file.`);
  }
}

/** Whether any condition flag was given (an export without them reads no index). */
export function hasConditions(options: ConditionOptions): boolean {
  return options.where.length > 0 || options.status.length > 0 || options.search !== undefined;
}

/** The file's index and the rows matching the conditions (message search included), warnings said. */
export async function matchingRows(file: string, query: TaskQuery, context: CliContext): Promise<{ index: TaskIndex; rows: Uint32Array }> {
  const needle = query.search ? query.search.toLowerCase() : undefined;
  const hits = new GrowableArray(Uint8Array);
  const index = await indexTaskFile(file, {
    signal: context.io.signal,
    onTask: needle === undefined ? undefined : (_row, task) => void hits.push(taskMentions(task, needle) ? 1 : 0),
  }).catch(rethrowReadError(file));
  const { rows, warnings } = filterRows(index, query, { searchHit: (row) => hits.get(row) === 1 });
  warn(context, warnings);
  return { index, rows };
}

function warn(context: CliContext, warnings: readonly string[]): void {
  for (const warning of warnings) context.warn(warning);
}

/** Warnings for keys the whole file never used (only known once the pass is over). */
function unknownKeyWarnings(index: TaskIndex, query: TaskQuery): string[] {
  return compileQuery(index, { where: query.where }).warnings.slice();
}

function write(stream: Writable, data: Buffer): Promise<void> | undefined {
  if (stream.write(data)) return undefined;
  return new Promise((resolve) => stream.once('drain', resolve));
}

export function registerTaskFileCommands(program: Command, context: CliContext): void {
  addConditionOptions(
    program
      .command('query')
      .description('Print the task lines of a JSONL task file that match the conditions, exactly as they are in the file, in file order.')
      .argument('<file>', 'JSONL task file (one task per line)'),
  )
    .option('-c, --count', 'print only the number of matching tasks')
    .addHelpText(
      'after',
      '\nExamples:\n  task-lens query tasks.jsonl --where "instruction_following <= 1" --status completed\n  task-lens query tasks.jsonl --where "\\"a<b\\" = x" --count',
    )
    .action(async (file: string, options: ConditionOptions & { count?: boolean }) => {
      const query = queryOf(options);
      await checkFile(file);
      const needle = query.search ? query.search.toLowerCase() : undefined;
      const newline = Buffer.from('\n');
      let hit = false;
      let matched = 0;
      const index = await indexTaskFile(file, {
        signal: context.io.signal,
        onTask(row, task, line, index) {
          hit = needle === undefined || taskMentions(task, needle);
          // Compiled per task: a value or key first seen on this line must already resolve.
          if (!compileQuery(index, query, { searchHit: () => hit }).matches(row)) return undefined;
          matched++;
          return options.count ? undefined : write(context.io.stdout, Buffer.concat([line, newline]));
        },
      }).catch(rethrowReadError(file));
      if (options.count) await context.out.document(matched);
      warn(context, unknownKeyWarnings(index, query));
      // Lines that are no task are skipped, and said to be: a short answer must not look complete.
      if (index.unreadable.length > 0) {
        const first = index.unreadable.slice(0, 5).map((u) => u.lineNumber.toLocaleString('en-US'));
        context.warn(
          `${index.unreadable.length.toLocaleString('en-US')} unreadable lines (not a JSON task) were skipped, e.g. line ${first.join(', ')}`,
        );
      }
    });

  addConditionOptions(
    program
      .command('report')
      .description('Print the quality report of a JSONL task file (or of its tasks matching the conditions).')
      .argument('<file>', 'JSONL task file (one task per line)'),
  )
    .option('-k, --key <key>', 'annotation key whose values are broken down per contributor')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['json', 'md']).default('json'))
    .action(async (file: string, options: ConditionOptions & { key?: string; format: 'json' | 'md' }) => {
      const query = queryOf(options);
      await checkFile(file);
      const { index, rows } = await matchingRows(file, query, context);
      const report = buildReport(index, { rows, contributorKey: options.key });
      if (options.format === 'md') await write(context.io.stdout, Buffer.from(reportToMarkdown(report, `Report of ${file}`)));
      else await context.out.document(report);
    });
}

function rethrowReadError(file: string): (error: unknown) => never {
  return (error) => {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (typeof code === 'string' && code.startsWith('E'))
      throw new ConfigError(`Cannot read ${file} (${code}) — check the path of the task file.`);
    throw error;
  };
}
