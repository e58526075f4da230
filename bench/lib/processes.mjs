// Child processes for the bench: the API emulator (its own process, as a real server would be) and
// timed runs of a Node script with its peak memory taken by bench/peakRss.cjs.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..', '..');
const peakRss = path.join(root, 'bench', 'peakRss.cjs');

/** Starts `test/emulator/main.ts`; resolves with its URL once it prints it. */
export function startEmulator({ apiKey, deliverySize }) {
  const args = ['--import', 'tsx', 'test/emulator/main.ts', '--api-key', apiKey, '--delivery-size', String(deliverySize)];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the emulator exited with code ${code}: ${stderr.trim()}`)));
    child.stdout.on('data', (d) => {
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(String(d));
      if (!m) return;
      const url = m[1];
      const control = async (route, init) => {
        const res = await fetch(`${url}/__emulator${route}`, init);
        if (!res.ok) throw new Error(`emulator control ${route}: HTTP ${res.status}`);
        return res.json();
      };
      resolve({
        url,
        deliverySize,
        control,
        setLatency: (ms, pathPrefix) =>
          control('/faults', { method: 'POST', body: JSON.stringify(ms > 0 ? { latencyMs: ms, pathPrefix } : {}) }),
        stop: () => {
          child.removeAllListeners('exit');
          child.kill();
        },
      });
    });
  });
}

/**
 * Runs `node --require peakRss.cjs script ...args` and resolves with its wall time (spawn to exit),
 * peak RSS (KB), CPU time (ms), exit code, stdout and stderr.
 */
export function timedNode(script, args, { env = {}, cwd = root } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'task-lens-bench-rss-'));
  const rssFile = path.join(dir, 'rss');
  const started = performance.now();
  const child = spawn(process.execPath, ['--require', peakRss, script, ...args], {
    cwd,
    env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => {
    child.on('close', (code) => {
      const ms = performance.now() - started;
      let usage = { maxRssKb: null, cpuMs: null };
      try {
        usage = JSON.parse(readFileSync(rssFile, 'utf8'));
      } catch {
        // the process died before its exit handler ran
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, ms, rssKb: usage.maxRssKb, cpuMs: usage.cpuMs, stdout, stderr });
    });
  });
}
