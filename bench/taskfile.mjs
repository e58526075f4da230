// The explorer's and the report's work over a task file, in plain Node (what the extension host
// runs): bench/taskfileWorker.ts bundled with esbuild as the extension is (plain bindings, not
// tsx's getters), run once over a generated file; figures in report.mjs (`taskfileFigures`).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { root } from './lib/processes.mjs';

/** @returns the worker's JSON: runs in ms for index, parse loop, filter, sort, report, follow. */
export async function benchTaskfile({ tasks, runs, log }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'task-lens-bench-taskfile-'));
  try {
    const worker = path.join(dir, 'taskfileWorker.mjs');
    await esbuild.build({
      entryPoints: [path.join(root, 'bench', 'taskfileWorker.ts')],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm', // the worker awaits at top level
      // CommonJS packages in the bundle (@vscode/l10n) require Node's modules: give ESM a require.
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
      outfile: worker,
      logLevel: 'warning',
    });
    log(`task file: ${tasks.toLocaleString('en-US')} generated tasks; index vs JSON.parse loop, filter, sort, report …`);
    const stdout = execFileSync(process.execPath, ['--expose-gc', worker, path.join(dir, 'tasks.jsonl'), String(runs), String(tasks)], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    return JSON.parse(stdout.trim().split('\n').at(-1));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
