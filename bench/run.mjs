// `npm run bench [-- --quick] [--verbose] [--keep] [--only downloads|exports|taskfile|host]`: measures Task Lens against
// baselines measured in the same run, prints a markdown table on stdout and writes every figure to
// bench/results.json (`--only downloads`: just the download part, to bench/results-downloads.json;
// `--only exports`: the exports of the sized delivery, to bench/results-exports.json;
// `--only taskfile`: the explorer's index and the report, to bench/results-taskfile.json;
// `--only host`: sizes, activation, tree and task view, to bench/results-host.json).
// A benchmark reports; it does not fail on a figure: a missed target or a part that broke is a row
// in the table, and the exit code is 0. Only a build that cannot be made stops it.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { downloadFigures } from './downloadFigures.mjs';
import { benchDownloads, PROJECT, SIZED } from './downloads.mjs';
import { exportFigures } from './exportFigures.mjs';
import { benchExports } from './exports.mjs';
import { benchTaskfile } from './taskfile.mjs';
import { runHostBench } from './host.mjs';
import { buildSnapshot, packageEmptyExtension, unminifiedBundleBytes } from './lib/build.mjs';
import { root, startEmulator } from './lib/processes.mjs';
import { activationFigures, markdownTable, sizeFigures, taskfileFigures, taskViewFigures, treeFigures } from './report.mjs';
import { vscodeDir } from '../test/runner/codeServer.mjs';

const { values: opts } = parseArgs({
  options: { quick: { type: 'boolean' }, verbose: { type: 'boolean' }, keep: { type: 'boolean' }, only: { type: 'string' } },
});
const PARTS = ['downloads', 'exports', 'taskfile', 'host'];
if (opts.only !== undefined && !PARTS.includes(opts.only))
  throw new Error(`--only takes “downloads”, “exports”, “taskfile” or “host”, not “${opts.only}”`);

// Run counts keep the full bench near 10 minutes on 2 cores; --quick is a smoke test.
const PROFILES = {
  full: {
    batchSize: 100_000,
    smallDownload: 10_000,
    taskFile: 100_000,
    taskFileRuns: 3,
    activationLoads: 8,
    treeRuns: 7,
    taskViewRuns: 5,
    downloadRuns: 3,
    exportRuns: 3,
  },
  quick: {
    batchSize: 10_000,
    smallDownload: 2_000,
    taskFile: 10_000,
    taskFileRuns: 1,
    activationLoads: 3,
    treeRuns: 3,
    taskViewRuns: 2,
    downloadRuns: 1,
    exportRuns: 1,
  },
};
const profile = opts.quick ? 'quick' : 'full';
const P = PROFILES[profile];
const LATENCIES = [0, 20];
const API_KEY = `tl-bench-${Math.random().toString(36).slice(2)}`;

const started = Date.now();
const log = (line) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

function machine() {
  let vscodeVersion = null;
  try {
    vscodeVersion = JSON.parse(readFileSync(path.join(vscodeDir, 'package.json'), 'utf8')).version;
  } catch {
    // not downloaded yet; the extension host reports its version too
  }
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    vscode: vscodeVersion,
    loadAverageAtStart: os.loadavg().map((l) => Number(l.toFixed(2))),
  };
}

async function attempt(name, work) {
  try {
    return await work();
  } catch (err) {
    log(`${name} failed: ${err.stack ?? err}`);
    return { error: String(err.stack ?? err) };
  }
}

const info = machine();
log(`${profile} run on ${info.cpu} × ${info.cores}, Node ${info.node}, load ${info.loadAverageAtStart.join(' ')}`);
if (opts.only === 'downloads' || opts.only === 'exports') {
  await onlyCliPart(opts.only);
  process.exit(0);
}
if (opts.only === 'taskfile') {
  const taskfile = await attempt('task file bench', () => benchTaskfile({ tasks: P.taskFile, runs: P.taskFileRuns, log }));
  writeResults('taskfile', taskfileFigures(taskfile), { taskfile });
  process.exit(0);
}
const hostOnly = opts.only === 'host';
// First, while nothing else runs: plain CPU work, no emulator, no editor.
const taskfile = hostOnly
  ? undefined
  : await attempt('task file bench', () => benchTaskfile({ tasks: P.taskFile, runs: P.taskFileRuns, log }));
const snapshot = buildSnapshot(log);
const empty = packageEmptyExtension(snapshot.dir);
const sizes = {
  extensionJs: statSync(snapshot.extensionJs).size,
  unminified: await unminifiedBundleBytes(snapshot.dir),
  vsix: statSync(snapshot.vsix).size,
  emptyVsix: empty.bytes,
};
const big = await startEmulator({ apiKey: API_KEY, deliverySize: P.batchSize });
const small = await startEmulator({ apiKey: API_KEY, deliverySize: P.smallDownload });
let host;
let downloads;
let exports;
try {
  log('extension host: activation, tree, task view …');
  host = await attempt('extension host bench', () =>
    runHostBench({
      extensionRoot: snapshot.dir,
      emptyVsix: empty.vsix,
      emulator: { url: big.url, apiKey: API_KEY },
      runs: { activationLoads: P.activationLoads, tree: P.treeRuns, taskView: P.taskViewRuns },
      log: (line) => log(`  ${line}`),
      verbose: opts.verbose,
    }),
  );
  if (!hostOnly) {
    downloads = await attempt('download bench', () =>
      benchDownloads({ cli: snapshot.cli, big, small, apiKey: API_KEY, runs: P.downloadRuns, latencies: LATENCIES, log }),
    );
    exports = await attempt('export bench', () => benchExports(exportContext(snapshot.cli, big)));
  }
} finally {
  big.stop();
  small.stop();
  if (!opts.keep) rmSync(snapshot.dir, { recursive: true, force: true });
  else log(`kept the snapshot build in ${snapshot.dir}`);
}

const hostPart = (key) => (host.error ? { error: host.error } : host[key]);
if (hostOnly) {
  writeResults(
    'host',
    [
      ...sizeFigures(sizes),
      ...activationFigures(hostPart('activation')),
      ...treeFigures(hostPart('tree'), P.batchSize),
      ...taskViewFigures(hostPart('taskView')),
    ],
    { sizes, host },
  );
  process.exit(0);
}
const figures = [
  ...sizeFigures(sizes),
  ...activationFigures(hostPart('activation')),
  ...treeFigures(hostPart('tree'), P.batchSize),
  ...taskViewFigures(hostPart('taskView')),
  ...downloadFigures(downloads, P.batchSize, P.smallDownload),
  ...exportFigures(exports, P.batchSize),
  ...taskfileFigures(taskfile),
];
info.vscode = host.vscodeVersion ?? info.vscode;
info.loadAverageAtEnd = os.loadavg().map((l) => Number(l.toFixed(2)));
const durationS = Math.round((Date.now() - started) / 1000);
const table = markdownTable(figures);
const header = `Task Lens bench (${profile}), ${new Date(started).toISOString().slice(0, 10)}: ${info.cpu}, ${info.cores} cores, Node ${info.node}, VS Code ${info.vscode}; medians; ${durationS} s.`;
process.stdout.write(`\n${header}\n\n${table}\n`);
const out = path.join(root, 'bench', 'results.json');
writeFileSync(
  out,
  `${JSON.stringify({ profile, startedAt: new Date(started).toISOString(), durationS, machine: info, figures, samples: { sizes, host, downloads, exports, taskfile } }, null, 2)}\n`,
);
log(`wrote ${path.relative(root, out)}`);

/** The sized delivery exported by the CLI (bench/exports.mjs). */
function exportContext(cli, emulator) {
  return { cli, emulator, apiKey: API_KEY, project: PROJECT, delivery: SIZED, runs: P.exportRuns, log };
}

/** `--only downloads|exports`: the release CLI from a snapshot of the sources, then that part alone. */
async function onlyCliPart(part) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'task-lens-bench-dl-build-'));
  for (const entry of ['package.json', 'esbuild.mjs', 'src', 'scripts', 'test/emulator', 'tsconfig.json'])
    cpSync(path.join(root, entry), path.join(dir, entry), { recursive: true });
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  log('release build of the CLI …');
  execFileSync(process.execPath, ['esbuild.mjs', '--release'], { cwd: dir, stdio: 'ignore' });
  const big = await startEmulator({ apiKey: API_KEY, deliverySize: P.batchSize });
  const small = await startEmulator({ apiKey: API_KEY, deliverySize: P.smallDownload });
  const cli = path.join(dir, 'dist', 'cli.js');
  let samples;
  try {
    if (part === 'exports') samples = await attempt('export bench', () => benchExports(exportContext(cli, big)));
    else
      samples = await attempt('download bench', () =>
        benchDownloads({
          cli,
          big,
          small,
          apiKey: API_KEY,
          runs: P.downloadRuns,
          latencies: LATENCIES,
          log,
        }),
      );
  } finally {
    big.stop();
    small.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  if (part === 'exports') writeResults('exports', exportFigures(samples, P.batchSize), { exports: samples });
  else writeResults('downloads', downloadFigures(samples, P.batchSize, P.smallDownload), { downloads: samples });
}

/** One part alone (`--only`): its table on stdout, its figures in bench/results-<part>.json. */
function writeResults(only, figures, samples) {
  info.loadAverageAtEnd = os.loadavg().map((l) => Number(l.toFixed(2)));
  const durationS = Math.round((Date.now() - started) / 1000);
  const header = `Task Lens bench (${profile}, ${only} only), ${new Date(started).toISOString().slice(0, 10)}: ${info.cpu}, ${info.cores} cores, Node ${info.node}; medians; ${durationS} s.`;
  process.stdout.write(`\n${header}\n\n${markdownTable(figures)}\n`);
  const out = path.join(root, 'bench', `results-${only}.json`);
  writeFileSync(
    out,
    `${JSON.stringify({ profile, only, startedAt: new Date(started).toISOString(), durationS, machine: info, figures, samples }, null, 2)}\n`,
  );
  log(`wrote ${path.relative(root, out)}`);
}
