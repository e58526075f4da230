// The packaged VSIX, as a user gets it: built by `npm run package`, under 1 MB, installed into a
// fresh VS Code server with --install-extension, and working there — the Task Lens sidebar lists
// the projects of a connection to the emulator. Prints its checks and writes counts to --results.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CHROMIUM_ARGS, ensureVsCodeServer, findChromium, freePort, startVsCodeServer, vscodeDir } from './codeServer.mjs';

const root = path.resolve(import.meta.dirname, '..', '..');
const { values: opts } = parseArgs({ options: { results: { type: 'string' } } });
const counts = { passed: 0, failed: 0, skipped: 0 };
const work = mkdtempSync(path.join(os.tmpdir(), 'task-lens-vsix-'));
let emulator;
let server;
let browser;

async function check(title, fn) {
  try {
    await fn();
    counts.passed++;
    console.log(`  ✔ ${title}`);
  } catch (err) {
    counts.failed++;
    console.log(`  ✘ ${title}\n      ${String(err?.message ?? err)}`);
  }
}

try {
  let vsix;
  await check('npm run package makes a VSIX under 1 MB holding only what runs', async () => {
    const out = execFileSync(process.execPath, ['scripts/package.mjs'], { cwd: root, encoding: 'utf8' });
    vsix = readdirSync(root).find((f) => f.endsWith('.vsix'));
    if (!vsix) throw new Error(`no .vsix produced:\n${out}`);
    const size = statSync(path.join(root, vsix)).size;
    if (size > 1024 * 1024) throw new Error(`the VSIX is ${size} bytes`);
    const listing = execFileSync(
      'python3',
      ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', path.join(root, vsix)],
      { encoding: 'utf8' },
    )
      .split('\n')
      .filter(Boolean);
    const unexpected = listing.filter(
      (f) =>
        !/^(extension\/(dist|media|l10n)\/|extension\/(package\.json|package\.nls\.json|readme\.md|changelog\.md|LICENSE\.txt|LICENSE)$|extension\.vsixmanifest$|\[Content_Types\]\.xml$)/i.test(
          f,
        ),
    );
    if (unexpected.length) throw new Error(`the VSIX holds files that do not run: ${unexpected.join(', ')}`);
  });

  await check('the VSIX manifest carries the gallery fields (icon, banner, links) that VS Code Marketplace and Open VSX read', async () => {
    const manifest = execFileSync(
      'python3',
      ['-c', 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("extension.vsixmanifest").decode())', path.join(root, vsix)],
      { encoding: 'utf8' },
    );
    const wanted = [
      /<Asset Type="Microsoft\.VisualStudio\.Services\.Icons\.Default" Path="extension\/media\/icon\.png"/,
      /Microsoft\.VisualStudio\.Services\.Branding\.Color" Value="#1E3A5F"/,
      /Microsoft\.VisualStudio\.Services\.Links\.Support" Value="[^"]+\/issues"/,
      /Microsoft\.VisualStudio\.Services\.Links\.Source" Value="[^"]+"/,
    ];
    const missing = wanted.filter((re) => !re.test(manifest));
    if (missing.length) throw new Error(`missing in extension.vsixmanifest: ${missing.join(', ')}`);
  });

  const ext = path.join(work, 'ext');
  await check('the VSIX installs into the VS Code server (--install-extension)', async () => {
    ensureVsCodeServer();
    mkdirSync(path.join(work, 'server'), { recursive: true });
    const out = execFileSync(
      process.execPath,
      [
        'out/server-main.js',
        '--install-extension',
        path.join(root, vsix),
        '--extensions-dir',
        ext,
        '--server-data-dir',
        path.join(work, 'server'),
        '--user-data-dir',
        work,
      ],
      { cwd: vscodeDir, encoding: 'utf8' },
    );
    if (!/successfully installed/.test(out)) throw new Error(out);
  });

  await check('the installed extension activates and lists the projects of a connection', async () => {
    const { chromium } = await import('playwright-core');
    emulator = spawn(process.execPath, ['--import', 'tsx', 'test/emulator/main.ts', '--api-key', 'vsix-smoke-key'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const url = await new Promise((resolve, reject) => {
      emulator.once('exit', (code) => reject(new Error(`emulator exited (${code})`)));
      emulator.stdout.on(
        'data',
        (d) => /(http:\/\/127\.0\.0\.1:\d+)/.test(String(d)) && resolve(/(http:\/\/127\.0\.0\.1:\d+)/.exec(String(d))[1]),
      );
    });
    const connections = [{ name: 'Smoke', kind: 'scale', baseUrl: url, apiKeyEnv: 'TASKLENS_SMOKE_KEY' }];
    const port = await freePort();
    server = await startVsCodeServer({
      port,
      dataDir: work,
      extensionsDir: ext,
      env: { TASKLENS_CONNECTIONS: JSON.stringify(connections), TASKLENS_SMOKE_KEY: 'vsix-smoke-key' },
    });
    browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(path.join(root, 'test', 'fixtures', 'workspace'))}`);
    await page.locator('.activitybar [aria-label="Task Lens"]').first().click({ timeout: 60_000 });
    await page.locator('.sidebar .monaco-list-row', { hasText: 'Smoke' }).first().click({ timeout: 30_000 });
    await page.locator('.sidebar .monaco-list-row', { hasText: 'Chat RLHF - Coding' }).first().waitFor({ timeout: 30_000 });
    mkdirSync(path.join(root, 'screenshots'), { recursive: true });
    await page.screenshot({ path: path.join(root, 'screenshots', 'installed-vsix.png') });
  });
} finally {
  await browser?.close().catch(() => {});
  server?.stop();
  emulator?.kill();
  rmSync(work, { recursive: true, force: true });
}
console.log(`  packaged VSIX: ${counts.passed} passed, ${counts.failed} failed`);
if (opts.results) writeFileSync(opts.results, JSON.stringify(counts));
process.exit(counts.failed > 0 ? 1 : 0);
