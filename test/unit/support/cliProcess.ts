/** The bundled CLI as the CLI tests run it: built once per test file, run as a child process. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Bundles `src/cli/main.ts` like `dist/cli.js`, into its own folder so test files never race. */
export async function buildCli(folder: string): Promise<string> {
  const outDir = resolve(folder);
  mkdirSync(outDir, { recursive: true });
  const cliPath = join(outDir, 'cli.js');
  await build({
    entryPoints: ['src/cli/main.ts'],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: cliPath,
    logLevel: 'warning',
  });
  return cliPath;
}

/**
 * Starts the CLI with only the variables given (plus PATH), so no proxy or key from the machine
 * leaks in; an `undefined` value leaves a variable out.
 */
export function startCli(
  cliPath: string,
  args: string[],
  env: Record<string, string | undefined>,
  options: { readonly direct?: boolean } = {},
): { child: ChildProcess; done: Promise<CliRun> } {
  const merged = Object.fromEntries(
    Object.entries({ PATH: process.env.PATH ?? '', ...env }).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  // `direct`: `cliPath` is a program of its own (e.g. `script` running the CLI on a terminal).
  const [file, argv] = options.direct ? [cliPath, args] : [process.execPath, [cliPath, ...args]];
  const child = spawn(file, argv, { env: merged, stdio: ['ignore', 'pipe', 'pipe'] });
  const done = new Promise<CliRun>((resolveRun, fail) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => resolveRun({ code, stdout, stderr }));
  });
  return { child, done };
}

export function runCli(
  cliPath: string,
  args: string[],
  env: Record<string, string | undefined>,
  options: { readonly direct?: boolean } = {},
): Promise<CliRun> {
  return startCli(cliPath, args, env, options).done;
}
