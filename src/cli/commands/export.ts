/**
 * `task-lens export FILE --format sft|dpo|parquet|hf --out PATH`: a task file (JSONL) to training
 * data, streaming, with progress on stderr, Ctrl-C to cancel, and an atomic output. Needs no key.
 * stdout gets one JSON line with the counts; stderr the same in words.
 */
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { Option, type Command } from 'commander';
import {
  describeSkipped,
  EXPORT_FORMATS,
  ExportOutputError,
  PAIR_MODES,
  runExport,
  type ExportFormat,
  type ExportResult,
  type PairMode,
  type RecordShape,
  type TaskCondition,
} from '../../core/export';
import { CancelledError } from '../../core/http/errors';
import type { CliContext } from '../context';
import { ConfigError, UsageError } from '../errors';
import { ExportProgressDisplay } from './exportProgress';
import { addConditionOptions, hasConditions, matchingRows, queryOf, type ConditionOptions } from './taskfile';
import { rowsSelection } from '../../core/taskfile/selection';

interface ExportFlags extends ConditionOptions {
  readonly format: ExportFormat;
  readonly out: string;
  readonly pairs?: PairMode;
  readonly ranking?: string;
  readonly shape?: RecordShape;
}

/**
 * `--where`, `--status` and `--search` (as `query` takes them) become a predicate over the tasks
 * of the export's pass: one indexing pass first finds the matching lines. Without them, no index.
 */
async function conditionFromFlags(file: string, flags: ExportFlags, context: CliContext): Promise<TaskCondition | undefined> {
  if (!hasConditions(flags)) return undefined;
  const { index, rows } = await matchingRows(file, queryOf(flags), context);
  context.chatter.write(`${rows.length.toLocaleString('en-US')} of ${index.size.toLocaleString('en-US')} tasks match the conditions\n`);
  return rowsSelection(index, rows);
}

export function registerExportCommands(program: Command, context: CliContext): void {
  addConditionOptions(program.command('export'))
    .description(
      'Turn a task file (JSONL, e.g. a download) into SFT chat records, DPO pairs, Parquet tables or a Hugging Face dataset folder.',
    )
    .argument('<file>', 'task file: one Scale task per line')
    .addOption(
      new Option('-F, --format <format>', 'sft | dpo (JSONL file), parquet | hf (folder)').choices(EXPORT_FORMATS).makeOptionMandatory(),
    )
    .requiredOption(
      '-o, --out <path>',
      'output file (sft, dpo) or folder (parquet, hf); written under a temporary name and renamed when complete',
    )
    .addOption(new Option('--pairs <mode>', 'dpo pairs: best-worst (default) or all').choices(PAIR_MODES))
    .option('--ranking <key>', 'use only rankings with this annotation key (default: the first that applies)')
    .addOption(new Option('--shape <shape>', 'hf: record shape, sft (default) or dpo').choices(['sft', 'dpo']))
    .addHelpText(
      'after',
      '\nsft, dpo and hf export only completed tasks and count the rest as skipped, with the reason.\nExit codes: 0 written, 1 failure (nothing written), 2 usage error, 130 interrupted (nothing written).',
    )
    .action(async (file: string, _options: unknown, command: Command) => {
      const flags = command.opts<ExportFlags>();
      checkFlags(flags);
      queryOf(flags); // a condition that does not parse is a usage error before any reading
      await requireFile(file);
      const condition = await conditionFromFlags(file, flags, context);
      const stderr = context.chatter;
      const display = new ExportProgressDisplay(stderr, path.basename(file));
      stderr.write(`Exporting ${file} as ${flags.format} to ${path.resolve(flags.out)}\n`);
      let result: ExportResult;
      try {
        result = await runExport({
          input: file,
          out: flags.out,
          format: flags.format,
          pairs: flags.pairs,
          rankingKey: flags.ranking,
          shape: flags.shape,
          condition,
          signal: context.io.signal,
          onProgress: (p) => display.update(p),
        });
      } catch (error) {
        display.finish();
        if (error instanceof ExportOutputError) throw new UsageError(error.message);
        if (error instanceof CancelledError || context.io.signal.aborted) stderr.write('Export cancelled; nothing was written.\n');
        throw error;
      }
      display.finish();
      printSummary(context, result);
      // A mistyped --ranking matches nothing and would pass for an empty but valid export.
      if (flags.ranking !== undefined && result.counts.written === 0 && result.counts.skipped.no_ranking > 0) {
        context.warn(
          `nothing was written: no thread had a usable ranking under the key “${flags.ranking}” — is the key right? (\`task-lens report ${file}\` lists the annotation keys)`,
        );
      }
      await context.out.lines([summaryJson(result)]);
    });
}

function checkFlags(flags: ExportFlags): void {
  const dpoShape = flags.format === 'dpo' || (flags.format === 'hf' && flags.shape === 'dpo');
  if (flags.pairs && !dpoShape) throw new UsageError('--pairs applies to --format dpo (or hf with --shape dpo).');
  if (flags.shape && flags.format !== 'hf') throw new UsageError('--shape applies to --format hf only.');
  if (flags.ranking !== undefined && flags.format === 'parquet')
    throw new UsageError('--ranking does not apply to --format parquet (it holds every annotation).');
}

async function requireFile(file: string): Promise<void> {
  try {
    if ((await stat(file)).isFile()) return;
  } catch {
    // Reported below.
  }
  throw new ConfigError(`Cannot read the task file “${file}”: it does not exist or is not a file.`);
}

function printSummary(context: CliContext, result: ExportResult): void {
  const stderr = context.chatter;
  const n = (value: number): string => value.toLocaleString('en-US');
  const unit = result.format === 'parquet' ? 'tasks' : 'records';
  stderr.write(`Wrote ${n(result.counts.written)} ${unit} from ${n(result.counts.tasks)} tasks to ${result.output}\n`);
  for (const [table, rows] of Object.entries(result.rows)) stderr.write(`  ${table}: ${n(rows)} rows\n`);
  const skipped = describeSkipped(result.counts.skipped);
  if (skipped.length > 0) stderr.write(`Skipped:\n${skipped.map((s) => `  ${s}\n`).join('')}`);
  if (result.counts.filteredOut > 0) stderr.write(`Left out by the conditions: ${n(result.counts.filteredOut)} tasks\n`);
  if (result.unreadableLines > 0) {
    context.warn(`${n(result.unreadableLines)} unreadable lines (not a JSON task), e.g. line ${result.unreadableLineNumbers.join(', ')}`);
  }
}

function summaryJson(result: ExportResult): Record<string, unknown> {
  return {
    format: result.format,
    input: result.input,
    output: result.output,
    files: result.files,
    tasks: result.counts.tasks,
    written: result.counts.written,
    skipped: result.counts.skipped,
    filteredOut: result.counts.filteredOut,
    unreadableLines: result.unreadableLines,
    rows: result.rows,
    elapsedMs: result.elapsedMs,
  };
}
