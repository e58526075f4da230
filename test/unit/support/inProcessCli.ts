/** Runs the CLI in this process (`main` with its own streams, environment and Ctrl-C signal). */
import { Writable } from 'node:stream';
import { main } from '../../../src/cli/run';

export interface InProcessRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface InProcessOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Aborting it is Ctrl-C. */
  readonly controller?: AbortController;
  readonly onStderr?: (text: string) => void;
}

export async function runInProcess(args: string[], options: InProcessOptions = {}): Promise<InProcessRun> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void): Writable =>
    new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        append(chunk.toString());
        callback();
      },
    });
  const controller = options.controller ?? new AbortController();
  const code = await main(['node', 'task-lens', ...args], {
    stdout: sink((t) => (stdout += t)),
    stderr: sink((t) => {
      stderr += t;
      options.onStderr?.(t);
    }),
    env: options.env ?? {},
    signal: controller.signal,
  });
  return { code, stdout, stderr };
}
