// `npm run package`: a release build, then a VSIX holding only what runs; prints its size.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const { name, version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const out = path.join(root, `${name}-${version}.vsix`);
execFileSync(process.execPath, ['esbuild.mjs', '--release'], { cwd: root, stdio: 'inherit' });
execFileSync(path.join(root, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--out', out], {
  cwd: root,
  stdio: 'inherit',
});
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(
  `VSIX: ${path.basename(out)} — ${kb(statSync(out).size)} (extension.js ${kb(statSync(path.join(root, 'dist', 'extension.js')).size)})`,
);
