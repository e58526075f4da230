/**
 * Entry point of the `task-lens` command (bundled to dist/cli.js, which gets the shebang). Runs the
 * CLI and sets the exit code rather than calling process.exit, so buffered stdout is flushed.
 */
// First: its settings must apply before the rest of the bundle loads (see v8Tuning.ts).
import './v8Tuning';
import { guardUnfinished } from './exitGuard';
import { main } from './run';

export { main };

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // `task-lens tasks … | head`: the reader left; stop quietly.
  if (error.code === 'EPIPE') process.exit(0);
});

const run = main(process.argv).then((code) => {
  process.exitCode = code;
});
guardUnfinished(run);
