// `npm test`: lint, type-check, build, unit tests (plain Node), integration tests (real VS Code).
// Ends with one line "N passed, N failed" summing every test that ran. A failing lint, type-check
// or build counts as one failure each, so it can never hide behind green tests.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { only: { type: 'string' } } });
const only = values.only; // 'unit' | 'integration' | undefined
const tmp = mkdtempSync(path.join(os.tmpdir(), 'task-lens-test-'));
const total = { passed: 0, failed: 0, skipped: 0 };
const bin = (name) => path.join('node_modules', '.bin', name);

function step(title, cmd, args, env = {}) {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(
    `  ${title}: ${r.status === 0 ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return r.status === 0;
}

function check(title, cmd, args) {
  if (!step(title, cmd, args)) total.failed += 1;
}

function tests(title, cmd, args, countsFile, env = {}) {
  const ok = step(title, cmd, args, { ...env, TASKLENS_COUNTS_FILE: countsFile });
  let counts;
  try {
    counts = JSON.parse(readFileSync(countsFile, 'utf8'));
  } catch {
    counts = { passed: 0, failed: 1, skipped: 0 };
    console.log(`  ${title}: reported no counts; counted as 1 failure.`);
  }
  if (!ok && counts.failed === 0) counts.failed = 1;
  for (const k of Object.keys(total)) total[k] += counts[k] ?? 0;
  console.log(`  ${title}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
}

if (!only) {
  check('lint (eslint)', bin('eslint'), ['.', '--max-warnings=0']);
  check('format (prettier --check)', bin('prettier'), ['--check', '.', '--log-level=warn']);
  check('type-check (tsc --noEmit)', bin('tsc'), ['--noEmit', '-p', '.']);
  check('l10n bundle current (npm run l10n)', process.execPath, ['scripts/l10n.mjs', '--check']);
}
const built = step('build (esbuild)', process.execPath, ['esbuild.mjs']);
if (!built) total.failed += 1;
if (only !== 'integration') {
  tests(
    'unit tests (mocha, plain Node)',
    bin('mocha'),
    ['--reporter', './test/runner/countingReporter.cjs', ...(process.env.CI ? ['--forbid-only'] : [])],
    path.join(tmp, 'unit.json'),
  );
}
if (only !== 'unit' && built) {
  const results = path.join(tmp, 'integration.json');
  tests('integration tests (real VS Code extension host)', process.execPath, ['test/runner/run.mjs', '--results', results], results);
}
if (only !== 'unit' && built) {
  const results = path.join(tmp, 'l10n.json');
  tests(
    'translations (the l10n suite in the pseudo-locale qps-ploc)',
    process.execPath,
    ['test/runner/run.mjs', '--locale', 'qps-ploc', '--results', results],
    results,
  );
}
if (!only && built) {
  const results = path.join(tmp, 'vsix.json');
  tests(
    'packaged VSIX (install into a fresh VS Code server)',
    process.execPath,
    ['test/runner/vsixSmoke.mjs', '--results', results],
    results,
  );
}
if (!only && built) {
  const results = path.join(tmp, 'demo.json');
  tests('npm start stops everything on Ctrl+C', process.execPath, ['test/runner/demoStop.mjs', '--results', results], results);
}
rmSync(tmp, { recursive: true, force: true });
console.log(`\n${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(total.failed > 0 ? 1 : 0);
