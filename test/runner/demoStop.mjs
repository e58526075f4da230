// `npm start` stops everything it started on Ctrl+C. Starts the demo script, opens its workbench in
// chromium (so the VS Code server starts its file watcher, pty host and extension host), records
// every process descended from the demo, sends SIGINT as a terminal's Ctrl+C would, and checks
// that none of them survives. Prints its checks and writes counts to --results.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import path from 'node:path';
import { CHROMIUM_ARGS, findChromium, freePort } from './codeServer.mjs';

const root = path.resolve(import.meta.dirname, '..', '..');
const { values: opts } = parseArgs({ options: { results: { type: 'string' } } });
const counts = { passed: 0, failed: 0, skipped: 0 };

/** Every live process as pid → { ppid, cmd }, from /proc. */
function processTable() {
  const table = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command (which may hold spaces) start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z') continue; // a zombie is already dead
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      table.set(Number(entry), { ppid: Number(fields[1]), cmd });
    } catch {
      // it exited while we looked
    }
  }
  return table;
}

function descendantsOf(pid) {
  const table = processTable();
  const found = new Map();
  const queue = [pid];
  while (queue.length) {
    const parent = queue.shift();
    for (const [child, info] of table) {
      if (info.ppid === parent && !found.has(child)) {
        found.set(child, info.cmd);
        queue.push(child);
      }
    }
  }
  return found;
}

const alive = (pid) => {
  const info = processTable().get(pid);
  return info !== undefined;
};

let demo;
let browser;
try {
  const port = await freePort();
  demo = spawn(process.execPath, ['scripts/demo.mjs'], {
    cwd: root,
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  demo.stdout.on('data', (d) => (output += String(d)));
  demo.stderr.on('data', (d) => (output += String(d)));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo printed no URL in 120 s:\n${output}`)), 120_000);
    demo.once('exit', (code) => reject(new Error(`the demo exited with code ${code}:\n${output}`)));
    demo.stdout.on('data', () => {
      const m = /Open VS Code:\s+(\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  const page = await browser.newPage();
  await page.goto(url);
  // The workbench is up and its extension host started when the Task Lens view container shows.
  await page.waitForSelector('.activitybar [aria-label*="Task Lens"]', { timeout: 90_000 });
  // Give the server time to start its watcher for the opened folder.
  const deadline = Date.now() + 30_000;
  let started = descendantsOf(demo.pid);
  while (Date.now() < deadline && ![...started.values()].some((cmd) => /watcher|fileWatcher/i.test(cmd))) {
    await new Promise((r) => setTimeout(r, 500));
    started = descendantsOf(demo.pid);
  }
  await browser.close();
  browser = undefined;
  const names = [...started.values()].map((c) => c.slice(0, 120));
  const exited = new Promise((resolve) => demo.once('exit', (code, signal) => resolve({ code, signal })));
  demo.kill('SIGINT');
  const result = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 15_000))]);
  await new Promise((r) => setTimeout(r, 500));
  const survivors = [...started].filter(([pid]) => alive(pid)).map(([pid, cmd]) => `${pid} ${cmd.slice(0, 160)}`);
  const ok = result !== 'timeout' && survivors.length === 0 && started.size >= 3;
  if (ok) {
    counts.passed++;
    console.log(`  ✔ npm start: Ctrl+C (SIGINT) stopped the demo and all ${started.size} processes it started`);
  } else {
    counts.failed++;
    console.log(
      `  ✘ npm start: Ctrl+C (SIGINT) stops everything it started\n      demo exit: ${JSON.stringify(result)}\n      started: ${names.join('\n               ')}\n      survivors: ${survivors.join('\n                 ') || 'none'}`,
    );
    for (const [pid] of started) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  }
} catch (err) {
  counts.failed++;
  console.log(`  ✘ npm start: Ctrl+C (SIGINT) stops everything it started\n      ${String(err?.stack ?? err)}`);
} finally {
  await browser?.close();
  if (demo && demo.exitCode === null) demo.kill('SIGKILL');
}
console.log(`  demo stop: ${counts.passed} passed, ${counts.failed} failed`);
if (opts.results) writeFileSync(opts.results, JSON.stringify(counts));
process.exit(counts.failed > 0 ? 1 : 0);
