/**
 * The CLI's last line of defence against a silent exit 0. If the event loop drains while `main` is
 * still pending (a promise that never settles), Node exits with code 0 and prints nothing; a script
 * would take that for success. This makes such an exit a failure, with a message.
 */

export interface ExitGuardProcess {
  exitCode?: number | string | null | undefined;
  once(event: 'beforeExit', listener: () => void): unknown;
  readonly stderr: { write(text: string): unknown };
}

export const EXIT_UNFINISHED = 1;

/** Watches `run`; when the process is about to exit before it settled, exits with code 1. */
export function guardUnfinished(run: Promise<unknown>, proc: ExitGuardProcess = process): void {
  let settled = false;
  run.then(
    () => (settled = true),
    () => (settled = true),
  );
  proc.once('beforeExit', () => {
    if (settled) return;
    proc.stderr.write('task-lens: the command stopped before it finished (a request never completed); nothing was saved. Try again.\n');
    proc.exitCode = EXIT_UNFINISHED;
  });
}
