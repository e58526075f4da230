/**
 * The CLI as a function: parse, run one command, map the outcome to an exit code. Kept free of
 * process globals so tests can run it in-process with their own streams and environment.
 */
import { CommanderError } from 'commander';
import { FileBusyError, releaseHeldLocksSync } from '../core/download/lock';
import { UnsafeFileError } from '../core/download/safeOpen';
import { UnsafePathError } from '../core/fileNames';
import { FolderCreationError } from '../core/makeFolders';
import { isTaskLensError, CancelledError } from '../core/http/errors';
import { displayText } from '../shared/displayText';
import { CliContext, type CliIO } from './context';
import { ConfigError, EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, UsageError } from './errors';
import { buildProgram } from './program';

/** @param argv as in `process.argv` (node, script, args…). @returns the exit code. */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  const context = new CliContext(io);
  try {
    await buildProgram(context).parseAsync([...argv]);
    return EXIT_OK;
  } catch (error) {
    return report(error, io);
  } finally {
    await context.close();
  }
}

function report(error: unknown, io: CliIO): number {
  if (error instanceof CommanderError) {
    // Commander already printed its message (or the help). Help and the version asked for in any
    // form (`help`, `help <cmd>`, `<cmd> --help`, `-h`, `--version`, `-V`) are a success; the help
    // shown because no command was given (`task-lens` alone) is a usage error.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT_OK;
    if (error.code === 'commander.help' && error.exitCode === 0) return EXIT_OK;
    return EXIT_USAGE;
  }
  // Messages quote names and text from the server: nothing in them may act on the terminal.
  const say = (message: string): void => {
    io.stderr.write(`task-lens: ${displayText(message)}\n`);
  };
  if (error instanceof CancelledError || io.signal.aborted) {
    say('interrupted.');
    return EXIT_INTERRUPTED;
  }
  if (error instanceof UsageError) {
    say(`${error.message} (add --help for usage)`);
    return EXIT_USAGE;
  }
  if (error instanceof ConfigError || isTaskLensError(error) || isRefusedWrite(error)) {
    say(error.message);
    return EXIT_FAILURE;
  }
  if (isBrokenPipe(error)) return EXIT_OK; // The reader (e.g. `head`) has all it wanted.
  say(`unexpected error: ${error instanceof Error ? error.message : String(error)}`);
  return EXIT_FAILURE;
}

/** Our own refusals to write a file (held by another run, a link in its place, outside the folder): complete messages. */
function isRefusedWrite(error: unknown): error is FileBusyError | UnsafeFileError | UnsafePathError | FolderCreationError {
  return (
    error instanceof FileBusyError ||
    error instanceof UnsafeFileError ||
    error instanceof UnsafePathError ||
    error instanceof FolderCreationError
  );
}

function isBrokenPipe(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EPIPE';
}

function processIO(): CliIO {
  const controller = new AbortController();
  let interrupts = 0;
  process.on('SIGINT', () => {
    // The first Ctrl-C cancels, and the command winds down (checkpoint kept, lock released).
    if (++interrupts === 1) return controller.abort();
    // A second one stops now, as a shell user expects of it, but leaves no lock behind.
    releaseHeldLocksSync();
    process.exit(EXIT_INTERRUPTED);
  });
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: controller.signal };
}
