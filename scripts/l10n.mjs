// `npm run l10n`: writes l10n/bundle.l10n.json, the English source of every translatable string:
// the `vscode.l10n.t` calls in src/ and core's `l10n.t` (@vscode/l10n) calls in src/core (both
// extracted by @vscode/l10n-dev), and the pages' string tables (src/webview/**/strings.ts: task view,
// explorer, report), which the host translates and sends to each page.
// `--check` compares instead of writing and fails when the committed bundle is out of date.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pageStringSources } from './l10nPageStrings.mjs';

const root = path.resolve(import.meta.dirname, '..');
const target = path.join(root, 'l10n', 'bundle.l10n.json');
const check = process.argv.includes('--check');

const tmp = mkdtempSync(path.join(os.tmpdir(), 'task-lens-l10n-'));
try {
  execFileSync(path.join(root, 'node_modules', '.bin', 'vscode-l10n-dev'), ['export', '--outDir', tmp, path.join(root, 'src')], {
    cwd: root,
    // It warns that package.json's l10n is not this temporary folder, which is the point; a failure still throws with its output.
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const extracted = JSON.parse(readFileSync(path.join(tmp, 'bundle.l10n.json'), 'utf8'));
  const bundle = { ...extracted };
  for (const text of await pageStringSources(root)) bundle[text] ??= text;
  const sorted = Object.fromEntries(Object.entries(bundle).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const text = `${JSON.stringify(sorted, null, 2)}\n`;
  if (check) {
    let committed = '';
    try {
      committed = readFileSync(target, 'utf8');
    } catch {
      // missing
    }
    if (committed !== text) {
      console.error('l10n/bundle.l10n.json is out of date with the sources: run `npm run l10n` and commit it.');
      process.exit(1);
    }
    console.log(`l10n/bundle.l10n.json is current (${Object.keys(sorted).length} strings).`);
  } else {
    writeFileSync(target, text);
    console.log(`wrote l10n/bundle.l10n.json (${Object.keys(sorted).length} strings)`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
