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
import type { CliContext, GlobalOptions } from './context';
import { registerExportCommands } from './commands/export';
import { registerSyncCommands } from './commands/sync';
import { registerCompletionCommand } from './completion';
import { registerConnectionCommands } from './connections';
import { ALLOW_UNKNOWN_FLAG, checkEnumFlags } from './enumFlags';
import { hasFormatOption } from './formatOption';
import { CONNECTIONS_FILE_ENV } from '../core/platform/connectionsFile';

export type CommandFamily = (program: Command, context: CliContext) => void;

export const COMMAND_FAMILIES: readonly CommandFamily[] = [
  registerScaleCommands,
  registerDownloadCommands,
  registerLivepeerCommands,
  registerTaskFileCommands,
  registerExportCommands,
  registerSyncCommands,
  registerConnectionCommands,
  registerVersionCommand,
  registerCompletionCommand,
];

/** `task-lens version`, for those who type it the way `kubectl version` and `gh version` take it. */
function registerVersionCommand(program: Command, context: CliContext): void {
  program
    .command('version')
    .description('Print the version of Task Lens.')
    .action(() => {
      context.io.stdout.write(`${TASK_LENS_VERSION}\n`);
    });
}

export function buildProgram(context: CliContext, families: readonly CommandFamily[] = COMMAND_FAMILIES): Command {
  const program = new Command('task-lens')
    .description(
      'Browse Scale GenAI projects, batches, tasks and deliveries (and Livepeer Studio tasks) from the command line. Output is JSON on stdout; lists are a table on a terminal.',
    )
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
    .addOption(
      new Option(
        '--connection <name>',
        `use a connection of the connections file (see \`task-lens connections --help\`, env ${CONNECTIONS_FILE_ENV})`,
      ),
    )
    .addOption(
      new Option('-q, --quiet', 'only errors and warnings on stderr: no progress, retry notices or summaries').conflicts('verbose'),
    )
    .addOption(new Option('-v, --verbose', 'log every request on stderr (URL, status, time; never the key)'))
    .addOption(
      new Option(
        ALLOW_UNKNOWN_FLAG,
        'accept a --status/--phase/--type value Task Lens does not know (one the platform added since), with a warning',
      ),
    )
    .addHelpText(
      'after',
      `\nThe API key is read from the ${SCALE_PLATFORM.keyEnvVar} environment variable (or the variable of --connection).\nLists are JSON Lines when piped and a table on a terminal (--format on each list command).\nColour only on a terminal; NO_COLOR turns it off, FORCE_COLOR on.\nExit codes: 0 ok, 1 failure (message on stderr), 2 usage error, 130 interrupted.`,
    )
    .hook('preAction', (_program, action) => {
      const options = action.optsWithGlobals<GlobalOptions>();
      context.configure(options, hasFormatOption(action));
      checkEnumFlags(action, options.allowUnknown === true, (message) => context.warn(message));
    })
    .exitOverride()
    // `tasks --help` lists --quiet, --verbose, --connection… too, as "Global Options".
    .configureHelp({ showGlobalOptions: true })
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({
      writeOut: (text) => context.io.stdout.write(text),
      writeErr: (text) => context.io.stderr.write(text),
      // The parser's own errors ("error: required option …") speak like every other message.
      outputError: (text, write) => write(`task-lens: ${text.replace(/^error: /, '')}`),
    });
  for (const register of families) register(program, context);
  return program;
}
