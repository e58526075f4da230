// `node bench/qualityReport.mjs [tasks]`: bundles bench/qualityReport.ts the way the extension is
// bundled (esbuild, so imports are plain bindings, not tsx's getters) and runs it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';

const dir = mkdtempSync(path.join(tmpdir(), 'task-lens-bench-'));
const outfile = path.join(dir, 'qualityReport.cjs');
try {
  await esbuild.build({
    entryPoints: [path.join(import.meta.dirname, 'qualityReport.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    external: ['jsdom'],
    nodePaths: [path.join(import.meta.dirname, '..', 'node_modules')],
    logLevel: 'warning',
  });
  execFileSync(process.execPath, [outfile, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, NODE_PATH: path.join(import.meta.dirname, '..', 'node_modules') },
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
