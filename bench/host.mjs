// Runs the extension-host part of the bench (bench/suite, bundled to out/bench/index.js) in a real
// VS Code: the VS Code server driven by chromium, as test/runner/run.mjs does, with Task Lens and
// the do-nothing baseline extension loaded side by side. Resolves with what the suite wrote.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { CHROMIUM_ARGS, ensureVsCodeServer, findChromium, freePort, startVsCodeServer, vscodeDir } from '../test/runner/codeServer.mjs';
import { startProbe } from '../test/runner/probe.mjs';
import { root } from './lib/processes.mjs';

const suiteFile = path.join(root, 'out', 'bench', 'index.js');
const KEY_ENV = 'TASKLENS_BENCH_KEY';

export async function bundleSuite(entry = path.join(root, 'bench', 'suite', 'index.ts')) {
  await esbuild.build({
    entryPoints: [entry],
    outfile: suiteFile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    logLevel: 'warning',
  });
}

/**
 * The baseline extension is installed from its VSIX (only one extensionDevelopmentPath reaches the
 * server); loading and activating go through the same code in the extension host either way.
 */
function installExtension(vsix, dataDir) {
  const args = [
    'out/server-main.js',
    '--install-extension',
    vsix,
    '--user-data-dir',
    dataDir,
    '--server-data-dir',
    path.join(dataDir, 'server'),
    '--extensions-dir',
    path.join(dataDir, 'ext'),
  ];
  execFileSync(process.execPath, args, { cwd: vscodeDir, stdio: 'ignore' });
}

/**
 * `extensionRoot`: the folder whose release build is measured; `emptyVsix`: the baseline extension;
 * `emulator`: { url, apiKey }; `runs`: { activationLoads, tree, taskView }; `suiteEntry`: another
 * suite to run the same way (a one-off investigation).
 */
export async function runHostBench({
  extensionRoot,
  emptyVsix,
  emulator,
  runs,
  log,
  verbose = false,
  timeoutMs = 15 * 60_000,
  suiteEntry,
}) {
  await bundleSuite(suiteEntry);
  const { chromium } = await import('playwright-core');
  const executablePath = findChromium();
  ensureVsCodeServer(log);
  const work = mkdtempSync(path.join(os.tmpdir(), 'task-lens-bench-host-'));
  const workspace = path.join(work, 'workspace');
  mkdirSync(workspace);
  const outFile = path.join(work, 'results.json');
  const dataDir = path.join(work, 'vscode');
  mkdirSync(path.join(dataDir, 'server'), { recursive: true });
  installExtension(emptyVsix, dataDir);
  let page;
  const probe = await startProbe(() => page);
  const port = await freePort();
  const server = await startVsCodeServer({
    port,
    dataDir,
    env: {
      TASKLENS_PROBE_URL: probe.url,
      [KEY_ENV]: emulator.apiKey,
      BENCH_KEY_ENV: KEY_ENV,
      BENCH_STATE_FILE: path.join(work, 'activation.json'),
      BENCH_OUT_FILE: outFile,
      BENCH_EMULATOR_URL: emulator.url,
      BENCH_EMPTY_EXTENSION_ID: 'task-lens-bench.empty-extension',
      BENCH_ACTIVATION_LOADS: String(runs.activationLoads),
      BENCH_TREE_RUNS: String(runs.tree),
      BENCH_TASKVIEW_RUNS: String(runs.taskView),
    },
    log: verbose ? (s) => process.stderr.write(`[server] ${s}`) : () => {},
  });
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  try {
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let resolveExit;
    const exited = new Promise((r) => (resolveExit = r));
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      const text = Array.isArray(args) ? args.map(String).join(' ') : String(args);
      if (verbose) process.stderr.write(`${text}\n`);
      else if (text.includes('[task-lens-bench]')) log(text.replace(/^.*\[task-lens-bench\] ?/, ''));
    });
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(extensionRoot)],
      ['extensionTestsPath', remote(suiteFile)],
    ];
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const timer = new Promise((r) => setTimeout(() => r('timeout'), timeoutMs).unref());
    const code = await Promise.race([exited, timer]);
    if (code === 'timeout') throw new Error(`the extension-host bench did not finish within ${timeoutMs / 60_000} min`);
    if (code !== 0) throw new Error(`the extension-host bench ended with code ${code}`);
    return JSON.parse(readFileSync(outFile, 'utf8'));
  } finally {
    await browser.close().catch(() => {});
    await probe.close();
    server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
