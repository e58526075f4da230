import { strict as assert } from 'node:assert';
import type { ChildProcess } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { join } from 'node:path';
import { ProgressDisplay } from '../../src/cli/commands/downloadProgress';
import type { DownloadManifest } from '../../src/core/download';
import { SCALE_FIXTURES as F } from '../emulator/scale/catalog';
import { startEmulator, type Emulator } from '../emulator/server';
import { buildCli, startCli, type CliRun } from './support/cliProcess';
import { removeTempRoots, servedJsonl, tempRoot } from './support/downloadHelpers';

const CLI_KEY = 'cli-download-KEY-7c1a';

describe('task-lens download (bundled CLI, as a subprocess)', function () {
  this.timeout(30_000);
  let emulator: Emulator;
  let cliPath: string;

  before(async () => {
    cliPath = await buildCli(join(await tempRoot(), 'cli'));
    emulator = await startEmulator({ apiKey: CLI_KEY });
  });
  after(async () => {
    await emulator?.close();
    await removeTempRoots();
  });
  afterEach(() => emulator.faults.clear());

  /** Async on purpose: the emulator lives in this process and must keep answering. */
  function start(args: string[]): { child: ChildProcess; done: Promise<CliRun> } {
    return startCli(cliPath, args, { SCALE_API_KEY: CLI_KEY, SCALE_BASE_URL: emulator.url });
  }
  const cli = (args: string[]): Promise<CliRun> => start(args).done;

  async function manifestOf(file: string): Promise<DownloadManifest> {
    return JSON.parse(await readFile(`${file}.manifest.json`, 'utf8')) as DownloadManifest;
  }

  /** The 2,500-task delivery into `out`: its arguments and the file it makes. */
  const bulkDownload = (out: string) => ({
    args: ['download', 'delivery', '--project', F.projects.bulk.id, '--delivery', F.deliveries.delivery2500.id, '--out', out],
    file: join(out, F.projects.bulk.name, `${F.deliveries.delivery2500.name}.jsonl`),
  });

  /** Waits (up to 20 s) for a started download to reach what `check` looks for. */
  async function until(check: () => Promise<boolean>): Promise<void> {
    for (let waited = 0; !(await check()); waited += 25) {
      assert.ok(waited < 20_000, 'the download never got going');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** A run of `args` without faults finishes the interrupted download to the bytes the server sent. */
  async function resumesExactly(args: string[], file: string): Promise<void> {
    emulator.faults.clear();
    const resumed = await cli(args);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.equal(await readFile(file, 'utf8'), await servedJsonl(emulator, '/v2/delivery', { delivery_id: F.deliveries.delivery2500.id }));
  }

  const weekly = (out: string, ...extra: string[]): string[] => [
    'download',
    'delivery',
    '--project',
    F.projects.main.name,
    '--delivery',
    F.deliveries.weekly1.name,
    '--out',
    out,
    ...extra,
  ];

  it('downloads a delivery by names: exit 0, file and manifest complete, summary on stdout', async () => {
    const out = await tempRoot();
    const run = await cli(weekly(out));
    assert.equal(run.code, 0, run.stderr);
    const file = join(out, F.projects.main.name, `${F.deliveries.weekly1.name}.jsonl`);
    assert.equal(await readFile(file, 'utf8'), await servedJsonl(emulator, '/v2/delivery', { delivery_id: F.deliveries.weekly1.id }));
    const manifest = await manifestOf(file);
    assert.equal(manifest.status, 'complete');
    assert.equal(manifest.count, 150);
    const summary = JSON.parse(run.stdout) as Record<string, unknown>;
    assert.equal(summary.file, file);
    assert.equal(summary.count, 150);
    assert.equal(summary.sha256, manifest.sha256);
    assert.match(run.stderr, /Saved 150 tasks to .*weekly delivery\.jsonl/);
    assert.ok(!run.stderr.includes('\r'), 'a progress bar was drawn on a pipe');
    assert.ok(!run.stderr.includes(CLI_KEY) && !run.stdout.includes(CLI_KEY));

    // Again without --force: already complete is a success (exit 0), nothing fetched or touched.
    emulator.stats.reset();
    const again = await cli(weekly(out));
    assert.equal(again.code, 0, again.stderr);
    assert.match(
      again.stderr,
      /^Already complete: .*weekly delivery\.jsonl \(150 tasks, .*\); nothing to do\. Add --force to download it again\.$/m,
    );
    assert.doesNotMatch(again.stderr, /Downloading to/);
    assert.equal(emulator.stats.hits('/v2/delivery'), 0, 'a complete file was fetched again');
    const described = JSON.parse(again.stdout) as Record<string, unknown>;
    assert.deepEqual(
      [described.file, described.count, described.sha256, described.bytes, described.alreadyComplete],
      [file, 150, manifest.sha256, manifest.size, true],
    );
    assert.equal((await manifestOf(file)).completedAt, manifest.completedAt);

    const forced = await cli(weekly(out, '--force'));
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal((await manifestOf(file)).sha256, manifest.sha256);
  });

  it('downloads a batch filtered by status (by name within a project, and by id alone)', async () => {
    const expected = await servedJsonl(emulator, '/v2/tasks', { batch_id: F.batches.inProgress.id, status: 'completed' });
    for (const selector of [
      ['--batch', F.batches.inProgress.name, '--project', F.projects.main.name],
      ['--batch', F.batches.inProgress.id],
    ]) {
      const out = await tempRoot();
      const run = await cli(['download', 'batch', ...selector, '--status', 'completed', '--out', out]);
      assert.equal(run.code, 0, run.stderr);
      const file = join(out, F.projects.main.name, `${F.batches.inProgress.name} (completed).jsonl`);
      assert.equal(await readFile(file, 'utf8'), expected);
      const manifest = await manifestOf(file);
      assert.equal(manifest.status, 'complete');
      assert.equal(manifest.source.status, 'completed');
    }
  });

  it('exits 1 and keeps the partial file when the page token expires, pointing at --force', async () => {
    const out = await tempRoot();
    // Every token refused, even fresh ones: restarting from the first page cannot help either.
    emulator.faults.set({ pathPrefix: '/v2/delivery', expireTokens: { all: true } });
    const run = await cli(weekly(out, '--max-retry-time', '1'));
    assert.equal(run.code, 1);
    assert.match(run.stderr, /expired/);
    assert.match(run.stderr, /^page 2: next_token refused, restarting from the first page$/m);
    assert.match(run.stderr, /even after listing again from the first page/);
    assert.match(run.stderr, /--force/);
    const file = join(out, F.projects.main.name, `${F.deliveries.weekly1.name}.jsonl`);
    assert.equal((await readFile(`${file}.partial`, 'utf8')).split('\n').length - 1, 100);
    assert.equal((await manifestOf(file)).status, 'partial');
    await assert.rejects(stat(file));
  });

  it('exits 130 on Ctrl+C leaving a resumable partial, and the next run resumes to the same bytes', async () => {
    const { args, file } = bulkDownload(await tempRoot());
    emulator.faults.set({ pathPrefix: '/v2/delivery', latencyMs: 40 });
    const { child, done } = start(args);
    await until(async () => ((await manifestOf(file).catch(() => undefined))?.count ?? 0) >= 300);
    child.kill('SIGINT');
    const interrupted = await done;
    assert.equal(interrupted.code, 130, interrupted.stderr);
    assert.match(interrupted.stderr, /run the same command again to resume/);
    const partial = await manifestOf(file);
    assert.equal(partial.status, 'partial');
    assert.ok(partial.count >= 300 && partial.count < 2_500);
    assert.equal((await stat(`${file}.partial`)).size, partial.bytes);

    emulator.faults.clear();
    const resumed = await cli(args);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.equal((JSON.parse(resumed.stdout) as { resumedFrom: number }).resumedFrom, partial.count);
    assert.equal(await readFile(file, 'utf8'), await servedJsonl(emulator, '/v2/delivery', { delivery_id: F.deliveries.delivery2500.id }));
  });

  it('a second Ctrl+C stops at once (exit 130) without leaving its lock, and the next run resumes', async () => {
    const { args, file } = bulkDownload(await tempRoot());
    // Slow pages: the first Ctrl+C's wind-down is still waiting on a page when the second comes.
    emulator.faults.set({ pathPrefix: '/v2/delivery', latencyMs: 300 });
    const { child, done } = start(args);
    await until(async () => ((await manifestOf(file).catch(() => undefined))?.count ?? 0) >= 100);
    child.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 5));
    child.kill('SIGINT');
    const interrupted = await done;
    assert.equal(interrupted.code, 130, interrupted.stderr);
    await assert.rejects(stat(`${file}.lock`), 'the lock was left behind');
    await resumesExactly(args, file);
  });

  it('stops without leaving its lock when the reader of its stderr goes away (… 2>&1 | head)', async () => {
    const { args, file } = bulkDownload(await tempRoot());
    emulator.faults.set({ pathPrefix: '/v2/delivery', latencyMs: 100 });
    const { child, done } = start(args);
    await until(() =>
      stat(`${file}.lock`).then(
        () => true,
        () => false,
      ),
    );
    child.stderr?.destroy();
    const stopped = await done;
    assert.equal(stopped.code, 1);
    await assert.rejects(stat(`${file}.lock`), 'the lock was left behind');
    await resumesExactly(args, file);
  });

  it('shows every retry on stderr and finishes through a fault that outlasts the client retries', async () => {
    const out = await tempRoot();
    // Retry-After: 0 keeps it quick; 7 in a row is more than the client's 5 attempts.
    emulator.faults.set({ pathPrefix: '/v2/delivery', rateLimit: { count: 7, retryAfter: 0 } });
    const run = await cli(weekly(out, '--max-retry-time', '30'));
    assert.equal(run.code, 0, run.stderr);
    // Each retry says what failed, how long the wait is and which attempt comes next.
    assert.match(run.stderr, /^429 Too Many Requests from GET \/v2\/delivery; retrying in 0\.0 s \(attempt 2\)…$/m);
    assert.match(run.stderr, /^429 Too Many Requests from GET \/v2\/delivery; retrying in 0\.0 s \(attempt 5\)…$/m);
    assert.match(run.stderr, /^429 Too Many Requests on page 1; retrying in 0\.0 s \(attempt 2\)…$/m);
    const file = join(out, F.projects.main.name, `${F.deliveries.weekly1.name}.jsonl`);
    assert.equal(await readFile(file, 'utf8'), await servedJsonl(emulator, '/v2/delivery', { delivery_id: F.deliveries.weekly1.id }));
    const bad = await cli(weekly(await tempRoot(), '--max-retry-time', 'soon'));
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--max-retry-time must be a number of seconds/);
  });

  it('exits 2 on usage errors', async () => {
    const missingOut = await cli(['download', 'delivery', '--project', F.projects.main.name, '--delivery', F.deliveries.weekly1.name]);
    assert.equal(missingOut.code, 2);
    assert.match(missingOut.stderr, /--out/);
    assert.equal((await cli(['download', 'nothing'])).code, 2);
  });
});

describe('download progress display', () => {
  function sink(isTTY: boolean): { stream: Writable & { isTTY: boolean; columns: number }; text: () => string } {
    let text = '';
    const stream = Object.assign(
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          text += chunk.toString();
          callback();
        },
      }),
      { isTTY, columns: 100 },
    );
    return { stream, text: () => text };
  }

  it('redraws one line on a terminal, with count, percentage and rate', () => {
    const out = sink(true);
    let now = 0;
    const display = new ProgressDisplay(out.stream, 'Delivery 2500.jsonl', { now: () => now });
    display.update({ written: 0, total: 2_500, bytes: 0, tasksPerSecond: 0, resumedFrom: 0 });
    now = 50;
    display.update({ written: 100, total: 2_500, bytes: 1, tasksPerSecond: 900, resumedFrom: 0 }); // throttled
    now = 200;
    display.update({ written: 1_200, total: 2_500, bytes: 1, tasksPerSecond: 1_234.4, resumedFrom: 0 });
    now = 210;
    display.update({ written: 2_500, total: 2_500, bytes: 1, tasksPerSecond: 1_300, resumedFrom: 0 }); // the last one always shows
    display.finish();
    const frames = out.text().split('\r').filter(Boolean);
    assert.equal(frames.length, 3);
    assert.match(frames[1] ?? '', /Delivery 2500\.jsonl \[=+ +\] 1,200\/2,500 tasks, 48%, 1,234 tasks\/s/);
    assert.ok(out.text().endsWith('\n'));
  });

  it('prints plain periodic lines when stderr is not a terminal', () => {
    const out = sink(false);
    let now = 0;
    const display = new ProgressDisplay(out.stream, 'x.jsonl', { now: () => now, lineIntervalMs: 1_000 });
    for (let written = 0; written <= 1_000; written += 100, now += 300)
      display.update({ written, total: null, bytes: 0, tasksPerSecond: 10, resumedFrom: 0 });
    display.finish();
    const lines = out.text().trimEnd().split('\n');
    assert.ok(!out.text().includes('\r'));
    assert.ok(lines.length >= 3 && lines.length <= 5, lines.join(' | '));
    assert.match(lines[0] ?? '', /^x\.jsonl: 0 tasks, 10 tasks\/s$/);
  });
});
