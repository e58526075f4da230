/**
 * Entry point of the `task-lens` command (bundled to dist/cli.js, which gets the shebang). Runs the
 * CLI and sets the exit code rather than calling process.exit, so buffered stdout is flushed.
 */
// First: its settings must apply before the rest of the bundle loads (see v8Tuning.ts).
import './v8Tuning';
import { releaseHeldLocksSync } from '../core/download/lock';
import { guardUnfinished } from './exitGuard';
import { main } from './run';

export { main };

// `task-lens tasks … | head`: the reader left; stop quietly (0: it has all it wanted). Leaving at
// once skips the finally blocks, so a download's lock is removed here (its partial file stays, and
// the next run resumes). A closed stderr (`… 2>&1 | head`) ends a command the same way, as a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') return;
  releaseHeldLocksSync();
  process.exit(0);
});
process.stderr.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') return;
  releaseHeldLocksSync();
  process.exit(1);
});

const run = main(process.argv).then((code) => {
  process.exitCode = code;
});
guardUnfinished(run);
