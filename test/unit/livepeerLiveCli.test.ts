import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DownloadLock } from '../../src/core/download/lock';
import { LIVEPEER_FIXTURES as F } from '../emulator/livepeer/data';
import { startEmulator, type Emulator } from '../emulator/server';
import { buildCli, runCli, startCli, type CliRun } from './support/cliProcess';
import { livepeerBaseUrl } from './support/livepeer';
import { expectedOutputBytes } from './support/livepeerOutput';

const CLI_KEY = 'lp-cli-live-KEY-51d0';

interface Line {
  event?: string;
  id?: string;
  phase?: string;
  previousPhase?: string;
  progress?: number;
  [key: string]: unknown;
}

describe('task-lens livepeer watch / retry / download-output (bundled, as a subprocess)', function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let cliPath: string;
  let scratch: string;

  before(async () => {
    cliPath = await buildCli('out/test-cli-livepeer-live');
  });
  beforeEach(async () => {
    emulator = await startEmulator({ apiKey: CLI_KEY });
    scratch = mkdtempSync(join(tmpdir(), 'task-lens-lp-live-cli-'));
  });
  afterEach(async () => {
    await emulator?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  const env = (): Record<string, string> => ({ LIVEPEER_API_KEY: CLI_KEY, LIVEPEER_BASE_URL: livepeerBaseUrl(emulator) });
  const cli = (args: string[]): Promise<CliRun> => runCli(cliPath, args, env());
  const lines = (text: string): Line[] =>
    text
      .trimEnd()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Line);

  it('watch prints the tasks it follows, then each change as NDJSON, and exits 0 once all are final', async () => {
    const { child, done } = startCli(
      cliPath,
      ['livepeer', 'watch', F.tasks.runningUpload, F.tasks.waitingExport, '--interval', '0.05'],
      env(),
    );
    child.stdout?.once('data', () => emulator.livepeerLive.startTimer(200));
    const run = await done;
    assert.equal(run.code, 0, run.stderr);
    const out = lines(run.stdout);
    assert.deepEqual(
      out.filter((l) => l.event === 'watching').map((l) => [l.id, l.phase]),
      [
        [F.tasks.runningUpload, 'running'],
        [F.tasks.waitingExport, 'waiting'],
      ],
    );
    const upload = out.filter((l) => l.event === 'changed' && l.id === F.tasks.runningUpload);
    // The poll interval grows while nothing changes, so an intermediate state may be skipped over.
    assert.equal(upload.at(-1)?.phase, 'completed');
    assert.ok(
      upload.slice(0, -1).every((l) => l.progress === 0.72),
      JSON.stringify(upload),
    );
    assert.equal(upload.at(-1)?.previousPhase, 'running');
    const exportPhases = out.filter((l) => l.event === 'changed' && l.id === F.tasks.waitingExport).map((l) => l.phase);
    assert.equal(exportPhases[0], 'running');
    assert.equal(exportPhases.at(-1), 'completed');
  });

  it('watch with filters finds the tasks in flight, and says so when there are none', async () => {
    const none = await cli(['livepeer', 'watch', '--phase', 'completed']);
    assert.equal(none.code, 0);
    assert.equal(none.stdout, '');
    assert.match(none.stderr, /nothing to watch/);
    // The tasks move only once the CLI has listed them.
    const { child, done } = startCli(cliPath, ['livepeer', 'watch', '--type', 'clip', '--interval', '0.05'], env());
    child.stdout?.once('data', () => emulator.livepeerLive.startTimer(100));
    const clips = await done;
    assert.equal(clips.code, 0, clips.stderr);
    const watching = lines(clips.stdout).filter((l) => l.event === 'watching');
    assert.ok(watching.length >= 1 && watching.some((l) => l.id === F.tasks.runningClip));
    assert.ok(watching.every((l) => ['pending', 'waiting', 'running'].includes(String(l.phase))));
  });

  it('watch stops on Ctrl+C with exit 130', async () => {
    const { child, done } = startCli(cliPath, ['livepeer', 'watch', F.tasks.runningClip, '--interval', '0.05'], env());
    let seen = '';
    await new Promise<void>((resolve) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.includes('"watching"')) resolve();
      });
    });
    child.kill('SIGINT');
    const run = await done;
    assert.equal(run.code, 130, run.stderr);
    assert.match(run.stderr, /interrupted/);
  });

  it('retry turns a failed task to waiting, and reports a refusal as the API said it (exit 1), sending one POST each', async () => {
    const ok = await cli(['livepeer', 'retry', F.tasks.failedUpload]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(JSON.parse(ok.stdout), { id: F.tasks.failedUpload, retried: true });
    assert.equal(emulator.livepeer.findTask(F.tasks.failedUpload)?.status?.phase, 'waiting');
    const refused = await cli(['livepeer', 'retry', F.tasks.completedUpload]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /400.*“task is not in a retryable state”/);
    assert.equal(refused.stdout, '');
    assert.equal(emulator.stats.hits(`/livepeer/api/task/${F.tasks.completedUpload}/retry`), 1);
    assert.ok(!refused.stderr.includes(CLI_KEY));
  });

  it('download-output writes the exact file, resuming after a cut, without the key on the output host', async () => {
    const asset = emulator.livepeer.findAsset(String(emulator.livepeer.findTask(F.tasks.completedUpload)?.outputAssetId));
    const playbackId = String(asset?.playbackId);
    emulator.livepeerOutput.faults = { cut: { count: 1, bytes: 400_000 } };
    const run = await cli(['livepeer', 'download-output', F.tasks.completedUpload, '--out', scratch]);
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout) as { file: string; bytes: number };
    assert.ok(result.file.startsWith(join(scratch, 'livepeer', 'outputs')));
    assert.ok(readFileSync(result.file).equals(expectedOutputBytes(playbackId)));
    assert.equal(emulator.livepeerOutput.log.length, 2);
    assert.ok(emulator.livepeerOutput.log.every((r) => !r.authorized));
    const notReady = await cli(['livepeer', 'download-output', F.tasks.runningUpload, '--out', scratch]);
    assert.equal(notReady.code, 1);
    assert.match(notReady.stderr, /is running: only a completed task has an output/);
  });

  it('download-output exits 1 naming the holder while another process holds the file, --force included', async () => {
    const first = await cli(['livepeer', 'download-output', F.tasks.completedUpload, '--out', scratch]);
    assert.equal(first.code, 0, first.stderr);
    const { file } = JSON.parse(first.stdout) as { file: string };
    const before = readFileSync(file);
    // This test process is alive, so its lock is not stale for the CLI.
    const held = await DownloadLock.acquire(`${file}.lock`);
    assert.ok(held.ok);
    try {
      const requests = emulator.livepeerOutput.log.length;
      const busy = await cli(['livepeer', 'download-output', F.tasks.completedUpload, '--out', scratch, '--force']);
      assert.equal(busy.code, 1, busy.stderr);
      assert.match(busy.stderr, new RegExp(`already being downloaded by process ${process.pid} on `));
      assert.doesNotMatch(busy.stderr, /unexpected error/);
      assert.equal(busy.stdout, '');
      assert.equal(emulator.livepeerOutput.log.length, requests, 'nothing fetched');
      assert.ok(readFileSync(file).equals(before), 'the file is untouched');
    } finally {
      await held.lock.release();
    }
  });
});
