/**
 * Builds the commander program. Command families register themselves through `COMMAND_FAMILIES`,
 * so adding `download` or `livepeer` is one import and one list entry.
 */
import { Command, Option } from 'commander';
import { REDACTED_MARKER } from '../core/secrets/taskSecrets';
import { TASK_LENS_VERSION } from '../core/version';
import { registerScaleCommands, timeoutMs } from './commands/scale';
import { registerDownloadCommands } from './commands/download';
import { registerLivepeerCommands } from './commands/livepeer';
import { registerTaskFileCommands } from './commands/taskfile';
import { SCALE_PLATFORM } from '../core/scale/descriptor';
import type { CliContext } from './context';
import { registerExportCommands } from './commands/export';
import { registerSyncCommands } from './commands/sync';

export type CommandFamily = (program: Command, context: CliContext) => void;

export const COMMAND_FAMILIES: readonly CommandFamily[] = [
  registerScaleCommands,
  registerDownloadCommands,
  registerLivepeerCommands,
  registerTaskFileCommands,
  registerExportCommands,
  registerSyncCommands,
];

export function buildProgram(context: CliContext, families: readonly CommandFamily[] = COMMAND_FAMILIES): Command {
  const program = new Command('task-lens')
    .description('Browse Scale GenAI projects, batches, tasks and deliveries from the command line. Output is JSON on stdout.')
    .version(TASK_LENS_VERSION)
    .addOption(
      new Option('--base-url <url>', `API base URL (env ${SCALE_PLATFORM.baseUrlEnvVar}, default ${SCALE_PLATFORM.defaultBaseUrl})`),
    )
    .addOption(
      new Option(
        '--keep-secrets',
        `keep credentials such as workspace_token in printed tasks and downloads (default: replaced by "${REDACTED_MARKER}")`,
      ),
    )
    .addOption(new Option('--timeout <ms>', 'per-request timeout in milliseconds (default 30000)').argParser(timeoutMs))
    .addHelpText(
      'after',
      `\nThe API key is read from the ${SCALE_PLATFORM.keyEnvVar} environment variable.\nExit codes: 0 ok, 1 failure (message on stderr), 2 usage error, 130 interrupted.`,
    )
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({
      writeOut: (text) => context.io.stdout.write(text),
      writeErr: (text) => context.io.stderr.write(text),
    });
  for (const register of families) register(program, context);
  return program;
}
