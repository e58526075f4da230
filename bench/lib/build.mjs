// Builds what the bench measures from a snapshot of the sources in a temporary folder, so that the
// release build, the VSIX and the extension under test are one consistent state of the tree and the
// developer build in dist/ (used by others' tests meanwhile) is left alone.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { root } from './processes.mjs';

const SNAPSHOT = [
  'package.json',
  'package.nls.json',
  'esbuild.mjs',
  'scripts',
  'src',
  'test/emulator', // the sample delivery shipped in the VSIX is generated from the emulator's data
  'media',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
  '.vscodeignore',
  'tsconfig.json',
];
const vsce = path.join(root, 'node_modules', '.bin', 'vsce');

/** Copies the sources, runs the release build and `scripts/package.mjs` there. */
export function buildSnapshot(log) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'task-lens-bench-'));
  for (const entry of SNAPSHOT)
    if (existsSync(path.join(root, entry))) cpSync(path.join(root, entry), path.join(dir, entry), { recursive: true });
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  log('release build and VSIX (node scripts/package.mjs) …');
  execFileSync(process.execPath, ['scripts/package.mjs'], { cwd: dir, stdio: 'ignore' });
  const vsix = readdirSync(dir).find((f) => f.endsWith('.vsix'));
  if (!vsix) throw new Error('scripts/package.mjs produced no .vsix');
  return { dir, vsix: path.join(dir, vsix), extensionJs: path.join(dir, 'dist', 'extension.js'), cli: path.join(dir, 'dist', 'cli.js') };
}

/** The same extension bundle as the release one, only not minified: what minifying saves. */
export async function unminifiedBundleBytes(dir) {
  const outfile = path.join(dir, 'bench-unminified', 'extension.js');
  await esbuild.build({
    entryPoints: [path.join(dir, 'src', 'extension.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // As the release: Export… is a bundle of its own (esbuild.mjs, lazy-export), not in extension.js.
    external: ['vscode', '../exportBundle'],
    legalComments: 'none',
    logLevel: 'silent',
  });
  return statSync(outfile).size;
}

/** Packages the do-nothing extension the same way: the floor any VSIX costs. */
export function packageEmptyExtension(dir) {
  const work = path.join(dir, 'bench-empty-extension');
  mkdirSync(work, { recursive: true });
  cpSync(path.join(root, 'bench', 'fixtures', 'empty-extension'), work, { recursive: true });
  const out = path.join(work, 'empty.vsix');
  execFileSync(vsce, ['package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', out], {
    cwd: work,
    stdio: 'ignore',
  });
  return { vsix: out, bytes: statSync(out).size };
}
