// Provides a real VS Code server (1.100.3) from the npm package code-server@4.100.3, cached under
// .vscode-test/, without running its install scripts (see shared/vscode-test-harness.md).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';
const root = path.resolve(import.meta.dirname, '..', '..');
const cacheDir = path.join(root, '.vscode-test');
export const vscodeDir = path.join(cacheDir, `code-server-${CODE_SERVER_VERSION}`, 'lib', 'vscode');

/** Downloads and prepares the server once; later runs reuse the cache. */
export function ensureVsCodeServer(log = console.log) {
  if (existsSync(path.join(vscodeDir, 'node_modules', '.ready'))) return vscodeDir;
  mkdirSync(cacheDir, { recursive: true });
  const work = path.join(cacheDir, `tmp-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work);
  log(`Fetching code-server@${CODE_SERVER_VERSION} (about 42 MB) into .vscode-test/ …`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['pack', `code-server@${CODE_SERVER_VERSION}`, '--silent'], { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] });
  const tgz = readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (!tgz) throw new Error('npm pack produced no tarball');
  execFileSync('tar', ['-xzf', tgz], { cwd: work });
  const target = path.join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
  rmSync(target, { recursive: true, force: true });
  renameSync(path.join(work, 'package'), target);
  rmSync(work, { recursive: true, force: true });
  log('Installing the VS Code server runtime dependencies (no install scripts) …');
  execFileSync(npm, ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--silent'], {
    cwd: vscodeDir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // The extension host writes LogOutputChannel contents through the native spdlog module; without
  // it the Task Lens log stays empty and the tests could not read it. Node's headers and g++ are
  // on the machine (about 30 s).
  log("Building the server's native log writer (@vscode/spdlog) …");
  execFileSync(npm, ['rebuild', '@vscode/spdlog', '--silent'], { cwd: vscodeDir, stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('touch', [path.join(vscodeDir, 'node_modules', '.ready')]);
  return vscodeDir;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts the server on loopback with a fresh data folder. `env` reaches the extension host, which
 * is how tests and the demo hand it connections and the emulator's address.
 */
export async function startVsCodeServer({ port, env = {}, dataDir, extensionsDir, locale, log = () => {} }) {
  const dir = dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'task-lens-vscode-')));
  const extDir = extensionsDir ?? path.join(dir, 'ext');
  mkdirSync(path.join(dir, 'server'), { recursive: true });
  mkdirSync(extDir, { recursive: true });
  const args = [
    'out/server-main.js',
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--disable-workspace-trust',
    '--user-data-dir',
    dir,
    '--server-data-dir',
    path.join(dir, 'server'),
    '--extensions-dir',
    extDir,
    // The display language the workbench and extension hosts run in (the l10n test's pseudo-locale).
    ...(locale ? ['--locale', locale] : []),
  ];
  // Its own process group: the server starts a file watcher, a pty host and extension hosts that
  // outlive it when only the server is signalled, so stopping means signalling the whole group.
  const child = spawn(process.execPath, args, {
    cwd: vscodeDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const killGroupNow = () => signalGroup(child.pid, 'SIGKILL');
  process.once('exit', killGroupNow);
  child.once('exit', () => process.removeListener('exit', killGroupNow));
  child.stdout.on('data', (d) => log(String(d)));
  child.stderr.on('data', (d) => log(String(d)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The VS Code server exited early with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return { url, dataDir: dir, extensionsDir: extDir, process: child, stop: () => stopProcess(child) };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stopProcess(child);
  throw new Error('The VS Code server did not answer within 30 s');
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // the group is gone
  }
}

/** Stops the server and everything it started (its process group): SIGTERM, then SIGKILL after 3 s. */
async function stopProcess(child) {
  if (!signalGroup(child.pid, 'SIGTERM')) return;
  const deadline = Date.now() + 3000;
  while (Date.now() < deadline) {
    if (!signalGroup(child.pid, 0)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  signalGroup(child.pid, 'SIGKILL');
}

/** Debian's chromium, or CHROMIUM_PATH. A clear message when it is missing. */
export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      'Chromium is needed to drive the VS Code workbench in the integration tests, and none was found.\n' +
        '  On Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y chromium\n' +
        '  Or point CHROMIUM_PATH at a Chromium/Chrome binary.',
    );
  }
  return found;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];
