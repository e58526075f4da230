// Runs the integration suite (test/suite, bundled to out/suite/index.js) inside a real VS Code
// extension host. Default: the VS Code server driven by Debian's chromium through playwright-core.
// TASKLENS_TEST_RUNNER=electron uses @vscode/test-electron instead (needs a VS Code download).
// Prints the suite's results and writes their counts to the file named by --results.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CHROMIUM_ARGS, ensureVsCodeServer, findChromium, freePort, startVsCodeServer } from './codeServer.mjs';
import { startProbe } from './probe.mjs';

const root = path.resolve(import.meta.dirname, '..', '..');
const { values: opts } = parseArgs({
  options: {
    results: { type: 'string' },
    grep: { type: 'string' },
    timeout: { type: 'string', default: process.env.TASKLENS_TEST_TIMEOUT ?? '600000' },
    verbose: { type: 'boolean', default: Boolean(process.env.TASKLENS_TEST_VERBOSE) },
    // Runs only the l10n suite, in this display language (qps-ploc: a pseudo bundle is generated).
    locale: { type: 'string' },
  },
});
const timeoutMs = Number(opts.timeout);
const suitePath = path.join(root, 'out', 'suite', 'index.js');
const work = mkdtempSync(path.join(os.tmpdir(), 'task-lens-it-'));
const workspace = path.join(work, 'workspace');
cpSync(path.join(root, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
const resultsFile = path.join(work, 'results.json');
const suiteEnv = {
  TASKLENS_TEST_RESULTS: resultsFile,
  TASKLENS_TEST_WORKSPACE: workspace,
  ...(opts.grep ? { TASKLENS_TEST_GREP: opts.grep } : {}),
  ...(opts.locale ? { TASKLENS_TEST_LOCALE: opts.locale } : {}),
};
const pseudoBundle = path.join(root, 'l10n', 'bundle.l10n.qps-ploc.json');
if (opts.locale === 'qps-ploc') {
  // Every string of the committed bundle, pseudo-localised (“Ŏƥḗḗƞ”), so English left on screen stands out.
  const { execFileSync } = await import('node:child_process');
  execFileSync(
    path.join(root, 'node_modules', '.bin', 'vscode-l10n-dev'),
    ['generate-pseudo', '-o', path.join(root, 'l10n'), path.join(root, 'l10n', 'bundle.l10n.json')],
    {
      stdio: 'ignore',
    },
  );
}

/**
 * An emulator outside the extension host, for the test that reloads the window (the extension
 * host, and anything started in it, restarts on reload).
 */
async function startExternalEmulator(key) {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/emulator/main.ts', '--api-key', key], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const url = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the emulator exited with code ${code}`)));
    child.stdout.on('data', (d) => {
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(String(d));
      if (m) resolve(m[1]);
    });
  });
  return { url, stop: () => child.kill() };
}

async function runInServer() {
  const { chromium } = await import('playwright-core');
  const executablePath = findChromium();
  ensureVsCodeServer();
  let page;
  const probe = await startProbe(() => page);
  const port = await freePort();
  const externalKey = `tl-it-external-${Math.random().toString(36).slice(2)}`;
  const external = await startExternalEmulator(externalKey);
  Object.assign(suiteEnv, { TASKLENS_TEST_EMULATOR_URL: external.url, TASKLENS_TEST_EMULATOR_KEY: externalKey });
  const server = await startVsCodeServer({
    port,
    dataDir: path.join(work, 'vscode'),
    locale: opts.locale,
    env: { ...suiteEnv, TASKLENS_PROBE_URL: probe.url, TASKLENS_TEST_LOG_ROOT: path.join(work, 'vscode') },
    log: opts.verbose ? (s) => process.stdout.write(`[server] ${s}`) : () => {},
  });
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  try {
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    if (opts.locale) {
      // The server only switches the workbench's language when a language pack exists for it; the
      // pseudo-locale has none, so the page is told its language directly. The extension host is
      // started with the workbench's language, so vscode.env.language and vscode.l10n follow.
      await page.addInitScript((language) => {
        Object.defineProperty(globalThis, '_VSCODE_NLS_LANGUAGE', { get: () => language, set: () => {}, configurable: true });
      }, opts.locale);
    }
    let resolveExit;
    const exited = new Promise((r) => (resolveExit = r));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = Array.isArray(args) ? args.map(String).join(' ') : String(args);
      if (opts.verbose || /\[task-lens-test\]/.test(text)) console.log(text.replace(/^.*\[task-lens-test\] ?/, ''));
    });
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(root)],
      ['extensionTestsPath', remote(suitePath)],
    ];
    const url = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url);
    const timer = new Promise((r) => setTimeout(() => r('timeout'), timeoutMs));
    const code = await Promise.race([exited, timer]);
    if (code === 'timeout')
      throw new Error(`The integration suite did not finish within ${timeoutMs / 1000} s; failing instead of hanging.`);
    return code;
  } finally {
    await browser.close().catch(() => {});
    await probe.close();
    server.stop();
    external.stop();
  }
}

async function runInElectron() {
  const { runTests } = await import('@vscode/test-electron');
  return runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: suitePath,
    launchArgs: [workspace, '--disable-workspace-trust', '--disable-extensions'],
    extensionTestsEnv: suiteEnv,
  }).then(
    () => 0,
    () => 1,
  );
}

let exitCode = 1;
try {
  exitCode = process.env.TASKLENS_TEST_RUNNER === 'electron' ? await runInElectron() : await runInServer();
} catch (err) {
  console.error(`Integration run failed: ${err.message}`);
}
let counts = { passed: 0, failed: 1, skipped: 0 };
try {
  counts = JSON.parse(readFileSync(resultsFile, 'utf8'));
} catch {
  console.error('The integration suite reported no results (it crashed or never started); counted as 1 failure.');
}
if (exitCode !== 0 && counts.failed === 0) counts.failed = 1;
if (opts.results) writeFileSync(opts.results, JSON.stringify(counts));
if (opts.locale === 'qps-ploc') rmSync(pseudoBundle, { force: true });
if (!process.env.TASKLENS_TEST_KEEP) rmSync(work, { recursive: true, force: true });
else console.log(`Kept the run's files in ${work}`);
process.exit(counts.failed > 0 ? 1 : 0);
