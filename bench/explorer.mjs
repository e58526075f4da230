// The delivery explorer's part of `npm run bench`: bundles bench/taskfileWorker.ts the way the
// extension is bundled (esbuild: plain bindings, not tsx's getters), generates a task file of
// `tasks` emulator tasks, and runs the worker on it in a fresh Node (with --expose-gc for the
// index's heap). Returns the worker's runs; bench/report.mjs turns them into figures.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { root } from './lib/processes.mjs';

export async function benchExplorer({ tasks, runs, log }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'task-lens-bench-explorer-'));
  try {
    const worker = path.join(dir, 'taskfileWorker.mjs');
    await esbuild.build({
      entryPoints: [path.join(root, 'bench', 'taskfileWorker.ts')],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm', // the worker awaits at the top level
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
      outfile: worker,
      logLevel: 'warning',
    });
    log(`explorer: generating ${tasks.toLocaleString('en-US')} tasks, then ${runs} runs of index / parse loop / table …`);
    const out = execFileSync(process.execPath, ['--expose-gc', worker, path.join(dir, 'tasks.jsonl'), String(runs), String(tasks)], {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
      env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') },
    });
    return JSON.parse(out.trim().split('\n').at(-1));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
