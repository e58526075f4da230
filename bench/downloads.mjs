// The download figures: `task-lens download delivery` (the release build of the CLI) against the
// plain loop a user would write (bench/plainLoop.mjs: fetch, JSON.parse, JSON.stringify each task,
// write), with the fetch-only loop (bench/rawLoop.mjs) as the limit; same emulator process, same
// run, rotating which goes first. All are timed from spawn to exit and report their peak RSS
// through bench/peakRss.cjs.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { URLSearchParams } from 'node:url';
import { root, timedNode } from './lib/processes.mjs';

/** The emulator's project and delivery the download and export parts use. */
export const PROJECT = 'Bulk Deliveries';
export const SIZED = 'Sized delivery';
const WARM_UP = 'Delivery 2500';
const rawLoop = path.join(root, 'bench', 'rawLoop.mjs');
const plainLoop = path.join(root, 'bench', 'plainLoop.mjs');

function lastJsonLine(text) {
  const line = text.trim().split('\n').at(-1);
  try {
    return JSON.parse(line);
  } catch {
    throw new Error(`expected a JSON line, got: ${text.slice(-500)}`);
  }
}

/** One CLI download into a fresh folder; the folder is removed afterwards. */
async function cliRun({ cli, emulator, apiKey }, delivery = SIZED) {
  const out = mkdtempSync(path.join(os.tmpdir(), 'task-lens-bench-dl-'));
  try {
    const args = ['--base-url', emulator.url, 'download', 'delivery', '--project', PROJECT, '--delivery', delivery, '--out', out];
    const r = await timedNode(cli, args, { env: { SCALE_API_KEY: apiKey } });
    if (r.code !== 0) throw new Error(`the CLI exited with code ${r.code}: ${r.stderr.slice(-800)}`);
    const result = lastJsonLine(r.stdout);
    return { ms: r.ms, cpuMs: r.cpuMs, tasks: result.count, bytes: result.bytes, rssKb: r.rssKb };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

async function rawRun({ emulator, apiKey, query }) {
  const r = await timedNode(rawLoop, [emulator.url, apiKey, query]);
  if (r.code !== 0) throw new Error(`the raw loop exited with code ${r.code}: ${r.stderr.slice(-800)}`);
  const result = lastJsonLine(r.stdout);
  return { ms: r.ms, cpuMs: r.cpuMs, tasks: result.tasks, bytes: result.bytes, rssKb: r.rssKb };
}

async function plainRun({ emulator, apiKey, query }) {
  const out = mkdtempSync(path.join(os.tmpdir(), 'task-lens-bench-plain-'));
  try {
    const r = await timedNode(plainLoop, [emulator.url, apiKey, query, path.join(out, 'plain.jsonl')]);
    if (r.code !== 0) throw new Error(`the plain loop exited with code ${r.code}: ${r.stderr.slice(-800)}`);
    const result = lastJsonLine(r.stdout);
    return { ms: r.ms, cpuMs: r.cpuMs, tasks: result.tasks, bytes: result.bytes, rssKb: r.rssKb };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * A warm-up CLI download of a small delivery shows the query the CLI sends for each page; the raw
 * loop sends the same query for the sized delivery.
 */
async function rawQuery(ctx) {
  await ctx.emulator.control('/stats/reset', { method: 'POST' });
  await cliRun(ctx, WARM_UP);
  const { requests } = await ctx.emulator.control('/requests?path=/v2/delivery');
  if (!requests.length) throw new Error('the CLI made no /v2/delivery request');
  const res = await fetch(`${ctx.emulator.url}/v2/deliveries?project_name=${encodeURIComponent(PROJECT)}`, {
    headers: { authorization: `Bearer ${ctx.apiKey}` },
  });
  const sized = (await res.json()).deliveries.find((d) => d.name === SIZED);
  const query = new URLSearchParams(requests[0].query.filter(([k]) => k !== 'next_token'));
  query.set('delivery_id', sized.id);
  return query.toString();
}

/** Rotates which of the three goes first, so drifting machine load touches all alike. */
async function pairs(ctx, runs, log, label) {
  const samples = { cli: [], plain: [], raw: [] };
  const run = { cli: () => cliRun(ctx), plain: () => plainRun(ctx), raw: () => rawRun(ctx) };
  const orders = [
    ['plain', 'cli', 'raw'],
    ['cli', 'raw', 'plain'],
    ['raw', 'plain', 'cli'],
  ];
  for (let i = 0; i < runs; i++) {
    log(`${label}: run ${i + 1} of ${runs} …`);
    for (const who of orders[i % orders.length]) samples[who].push(await run[who]());
  }
  return samples;
}

/**
 * `big`: the emulator serving the large sized delivery; `small`: another one serving the small one
 * (memory must not grow with size). Returns raw samples; bench/report.mjs turns them into figures.
 */
export async function benchDownloads({ cli, big, small, apiKey, runs, latencies, log }) {
  const ctx = { cli, emulator: big, apiKey };
  ctx.query = await rawQuery(ctx);
  // One untimed pass fills the emulator's cache of task JSON (a stand-in server's own work), so
  // no client's first run pays for generating the pages.
  await rawRun(ctx);
  const throughput = {};
  for (const latencyMs of latencies) {
    await big.setLatency(latencyMs, '/v2/delivery');
    throughput[latencyMs] = await pairs(
      ctx,
      runs,
      log,
      `download, ${big.deliverySize.toLocaleString('en-US')} tasks, ${latencyMs} ms latency`,
    );
  }
  await big.setLatency(0);
  const smallCtx = { cli, emulator: small, apiKey };
  smallCtx.query = await rawQuery(smallCtx);
  await rawRun(smallCtx);
  const smallRuns = await pairs(smallCtx, runs, log, `download, ${small.deliverySize.toLocaleString('en-US')} tasks (memory)`);
  return { query: ctx.query, throughput, small: smallRuns };
}
