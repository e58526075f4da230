// The export figures: `task-lens export FILE --format …` (the release build of the CLI) over the
// sized delivery, downloaded once by the CLI, against the parse-only loop (bench/parseLoop.mjs:
// read every line and JSON.parse it, the least any export does) in the same run, alternating.
// Every run is timed from spawn to exit and reports its peak RSS through bench/peakRss.cjs.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root, timedNode } from './lib/processes.mjs';

const parseLoop = path.join(root, 'bench', 'parseLoop.mjs');
/** Parquet is the one that buffers (row groups); the others stream record by record. */
export const EXPORT_FORMATS = ['parquet', 'sft', 'dpo', 'hf'];

function lastJsonLine(text) {
  return JSON.parse(text.trim().split('\n').at(-1));
}

async function cliExport(cli, file, format, dir) {
  const out = path.join(dir, `out-${format}`);
  try {
    const r = await timedNode(cli, ['export', file, '--format', format, '--out', out]);
    if (r.code !== 0) throw new Error(`export --format ${format} exited with code ${r.code}: ${r.stderr.slice(-800)}`);
    const result = lastJsonLine(r.stdout);
    return { ms: r.ms, cpuMs: r.cpuMs, rssKb: r.rssKb, tasks: result.tasks, written: result.written, rows: result.rows ?? null };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

async function parseRun(file) {
  const r = await timedNode(parseLoop, [file]);
  if (r.code !== 0) throw new Error(`the parse loop exited with code ${r.code}: ${r.stderr.slice(-800)}`);
  const result = lastJsonLine(r.stdout);
  return { ms: r.ms, cpuMs: r.cpuMs, rssKb: r.rssKb, tasks: result.tasks, bytes: result.bytes };
}

/** @returns per format the export runs, and the parse loop's runs beside them. */
export async function benchExports({ cli, emulator, apiKey, project, delivery, runs, log }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'task-lens-bench-export-'));
  try {
    log(`export: downloading ${emulator.deliverySize.toLocaleString('en-US')} tasks once as the input …`);
    const args = ['--base-url', emulator.url, 'download', 'delivery', '--project', project, '--delivery', delivery, '--out', dir];
    const dl = await timedNode(cli, args, { env: { SCALE_API_KEY: apiKey } });
    if (dl.code !== 0) throw new Error(`the input download failed: ${dl.stderr.slice(-800)}`);
    const file = lastJsonLine(dl.stdout).file;
    const samples = { fileBytes: statSync(file).size, parse: [] };
    for (const format of EXPORT_FORMATS) samples[format] = [];
    for (let run = 1; run <= runs; run++) {
      for (const format of EXPORT_FORMATS) {
        log(`export --format ${format}, run ${run} of ${runs} …`);
        samples[format].push(await cliExport(cli, file, format, dir));
      }
      samples.parse.push(await parseRun(file));
    }
    return samples;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
