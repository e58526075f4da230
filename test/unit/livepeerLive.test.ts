import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BadRequestError, CancelledError, ServerError } from '../../src/core/http/errors';
import { TaskPoller, type TaskChange } from '../../src/core/livepeer/poller';
import { downloadTaskOutput, planOutputDownload } from '../../src/core/livepeer/outputDownload';
import { DownloadLock, FileBusyError } from '../../src/core/download/lock';
import { downloadRange } from '../../src/core/download/rangeFile';
import { isStuck } from '../../src/core/livepeer/live';
import type { Task } from '../../src/core/livepeer/types';
import { LIVEPEER_FIXTURES as F } from '../emulator/livepeer/data';
import { startEmulator, type Emulator } from '../emulator/server';
import { livepeerBaseUrl, testLivepeer } from './support/livepeer';
import { expectedOutputBytes } from './support/livepeerOutput';

const KEY = 'lp-live-KEY-93b2';

describe('Livepeer live tasks, retry and output downloads (core against the emulator)', function () {
  this.timeout(30_000);
  let emulator: Emulator;
  let scratch: string;

  beforeEach(async () => {
    emulator = await startEmulator({ apiKey: KEY });
    scratch = mkdtempSync(join(tmpdir(), 'task-lens-lp-live-'));
  });
  afterEach(async () => {
    await emulator.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  const task = (id: string): Task => emulator.livepeer.findTask(id) as Task;

  describe('emulator lifecycle', () => {
    it('moves pending → waiting → running (progress rising) → completed, with a ready output asset on another origin', () => {
      const id = F.tasks.pendingUpload;
      const phases: string[] = [];
      const progress: number[] = [];
      for (let i = 0; i < 8 && phases.at(-1) !== 'completed'; i++) {
        emulator.livepeerLive.step();
        phases.push(String(task(id).status?.phase));
        if (task(id).status?.phase === 'running') progress.push(Number(task(id).status?.progress));
      }
      assert.deepEqual([...new Set(phases)], ['waiting', 'running', 'completed']);
      assert.ok(progress.length >= 2 && progress.every((p, i) => i === 0 || p > (progress[i - 1] ?? 0)), progress.join());
      const asset = emulator.livepeer.findAsset(String(task(id).outputAssetId));
      assert.equal(asset?.status?.phase, 'ready');
      const origin = new URL(String(asset?.downloadUrl)).origin;
      assert.notEqual(origin, new URL(emulator.url).origin);
    });

    it('fails a task marked to fail instead of completing it', () => {
      emulator.livepeerLive.failAtEnd(F.tasks.runningClip);
      emulator.livepeerLive.step(2);
      assert.equal(task(F.tasks.runningClip).status?.phase, 'failed');
      assert.match(String(task(F.tasks.runningClip).status?.errorMessage), /told to fail/);
    });
  });

  describe('retry (POST /task/{id}/retry)', () => {
    it('turns a failed task to waiting, with retries reset and no error message', async () => {
      const client = testLivepeer(emulator);
      assert.deepEqual(await client.retryTask(F.tasks.failedUpload), { id: F.tasks.failedUpload });
      const after = await client.getTask(F.tasks.failedUpload);
      assert.equal(after.status?.phase, 'waiting');
      assert.equal(after.status?.retries, 0);
      assert.equal(after.status?.errorMessage, undefined);
      const cancelled = await client.retryTask(F.tasks.cancelledClip);
      assert.equal(cancelled.id, F.tasks.cancelledClip);
    });

    it('reports the refusal of a completed task as the API said it, and an unknown one', async () => {
      const client = testLivepeer(emulator);
      await assert.rejects(client.retryTask(F.tasks.completedUpload), (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.equal(error.status, 400);
        assert.match(error.message, /task is not in a retryable state/);
        return true;
      });
      await assert.rejects(client.retryTask(F.absentId), /404.*task not found/s);
      assert.equal(task(F.tasks.completedUpload).status?.phase, 'completed');
    });

    it('is sent exactly once, even when the server answers 503 (a write is never repeated)', async () => {
      const client = testLivepeer(emulator);
      const path = `/livepeer/api/task/${F.tasks.failedUpload}/retry`;
      emulator.faults.set({ pathPrefix: path, serverErrors: { count: 3, status: 503 } });
      await assert.rejects(client.retryTask(F.tasks.failedUpload), (error: unknown) => {
        assert.ok(error instanceof ServerError);
        assert.match(error.message, /may or may not have been applied/);
        return true;
      });
      assert.equal(emulator.stats.hits(path), 1);
      assert.equal(emulator.stats.requests(path)[0]?.method, 'POST');
    });
  });

  describe('poller', () => {
    it('reports each change, backs off while nothing changes, and stops by itself once all are final', async () => {
      const client = testLivepeer(emulator);
      const ids = [F.tasks.runningClip, F.tasks.runningUpload];
      const waits: number[] = [];
      let round = 0;
      const changes: TaskChange[] = [];
      const poller = new TaskPoller(
        ids.map((id) => structuredClone(task(id))),
        {
          fetchTask: (id, signal) => client.getTask(id, { signal }),
          onChange: (change) => changes.push(change),
          intervalMs: 100,
          maxIntervalMs: 400,
          // Rounds 1-3 see nothing new; from round 4 on the emulator moves before every round.
          sleep: async (ms) => {
            waits.push(ms);
            if (++round >= 4) emulator.livepeerLive.step();
          },
        },
      );
      await poller.start();
      assert.deepEqual(waits.slice(0, 4), [100, 150, 225, 338]);
      assert.equal(waits[4], 100, 'a change brings the interval back');
      assert.deepEqual(poller.inFlight, []);
      const settled = changes.filter((c) => c.settled).map((c) => `${c.id}:${c.task.status?.phase}`);
      assert.deepEqual(settled.sort(), ids.map((id) => `${id}:completed`).sort());
      const clip = changes.filter((c) => c.id === F.tasks.runningClip).map((c) => c.task.status?.progress ?? c.task.status?.phase);
      assert.deepEqual(clip, ['completed'], 'the clip at 70% completes in one step');
      const upload = changes.filter((c) => c.id === F.tasks.runningUpload).map((c) => c.task.status?.progress ?? c.task.status?.phase);
      assert.deepEqual(upload, [0.72, 'completed']);
    });

    it('stops when told to, and polls only the tasks in flight', async () => {
      const client = testLivepeer(emulator);
      emulator.stats.reset();
      let rounds = 0;
      const poller: TaskPoller = new TaskPoller(
        [structuredClone(task(F.tasks.waitingExport)), structuredClone(task(F.tasks.completedUpload))],
        {
          fetchTask: (id, signal) => client.getTask(id, { signal }),
          onChange: () => undefined,
          intervalMs: 10,
          sleep: async () => {
            if (++rounds === 3) poller.stop();
          },
        },
      );
      await poller.start();
      assert.equal(poller.rounds, 2);
      assert.equal(emulator.stats.hits(`/livepeer/api/task/${F.tasks.waitingExport}`), 2);
      assert.equal(emulator.stats.hits(`/livepeer/api/task/${F.tasks.completedUpload}`), 0);
    });

    it('doubles the wait after a failed round', async () => {
      const client = testLivepeer(emulator, { retry: { maxAttempts: 1 } });
      emulator.faults.set({ pathPrefix: '/livepeer/api/task/', serverErrors: { count: 2, status: 500 } });
      const waits: number[] = [];
      const errors: unknown[] = [];
      const poller = new TaskPoller([structuredClone(task(F.tasks.runningClip))], {
        fetchTask: (id, signal) => client.getTask(id, { signal }),
        onChange: () => undefined,
        onError: (error) => errors.push(error),
        intervalMs: 100,
        maxIntervalMs: 1_000,
        sleep: async (ms) => {
          waits.push(ms);
          if (waits.length === 3) emulator.livepeerLive.step();
        },
      });
      await poller.start();
      assert.equal(errors.length, 2);
      assert.deepEqual(waits.slice(0, 3), [100, 200, 400]);
    });
  });

  it('flags a task stuck in waiting or running longer than the setting', () => {
    const now = Date.now();
    const running: Task = { status: { phase: 'running', updatedAt: now - 61 * 60_000 } };
    assert.equal(isStuck(running, now, 60), true);
    assert.equal(isStuck({ status: { phase: 'running', updatedAt: now - 59 * 60_000 } }, now, 60), false);
    assert.equal(isStuck({ status: { phase: 'completed', updatedAt: 0 } }, now, 60), false);
    assert.equal(isStuck({ status: { phase: 'pending', updatedAt: 0 } }, now, 60), false);
  });

  describe('output download', () => {
    const completedAsset = () => {
      const asset = emulator.livepeer.findAsset(String(task(F.tasks.completedUpload).outputAssetId));
      assert.ok(asset && typeof asset.playbackId === 'string');
      return { asset, playbackId: asset.playbackId };
    };

    it('refuses tasks that are not completed, and says why', async () => {
      const client = testLivepeer(emulator);
      await assert.rejects(planOutputDownload(client, F.tasks.runningUpload), /is running: only a completed task/);
      await assert.rejects(planOutputDownload(client, F.tasks.completedTranscode), /has no output asset/);
    });

    it('resumes after a cut, byte-exact, and never sends the key to the output host', async () => {
      const { playbackId } = completedAsset();
      const expected = expectedOutputBytes(playbackId);
      const client = testLivepeer(emulator);
      emulator.livepeerOutput.faults = { cut: { count: 2, bytes: 300_000 } };
      const progress: number[] = [];
      const result = await downloadTaskOutput(client, F.tasks.completedUpload, scratch, {
        onProgress: (received) => progress.push(received),
      });
      assert.equal(result.alreadyComplete, false);
      const written = readFileSync(result.file);
      assert.equal(written.length, expected.length);
      assert.ok(written.equals(expected), 'byte-exact');
      assert.ok(!existsSync(`${result.file}.part`) && !existsSync(`${result.file}.part.json`));
      assert.match(result.file, /livepeer\/outputs\/.+ \([0-9a-f]{8}\)\.mp4$/);
      assert.match(readFileSync(join(scratch, 'livepeer', '.gitignore'), 'utf8'), /^\*$/m, 'the folder it created stays out of git');
      const log = emulator.livepeerOutput.log;
      assert.equal(log.length, 3);
      // Each resume asks for the bytes after those on disk (fewer than the server sent before the
      // cut: what was still in flight is lost with the connection).
      assert.deepEqual(
        log.map((r) => r.status),
        [200, 206, 206],
      );
      const starts = log.slice(1).map((r) => Number(/^bytes=(\d+)-$/.exec(r.range ?? '')?.[1]));
      assert.ok(starts[0]! > 0 && starts[0]! <= 300_000 && starts[1]! > starts[0]! && starts[1]! <= 600_000, starts.join());
      assert.ok(log.every((r) => !r.authorized && r.host === new URL(emulator.livepeerOutput.outputOrigin).host));
      assert.ok(log.slice(1).every((r) => r.ifRange?.startsWith('"lp-')));
      assert.equal(progress.at(-1), expected.length);
      // The API requests did carry it.
      assert.ok(emulator.stats.requests().every((r) => r.authorized));
    });

    it('resumes a cancelled download on the next run, and then reports the file as there', async () => {
      const { playbackId } = completedAsset();
      const client = testLivepeer(emulator);
      emulator.livepeerOutput.faults = { chunkDelayMs: 20 };
      const abort = new AbortController();
      await assert.rejects(
        downloadTaskOutput(client, F.tasks.completedUpload, scratch, {
          signal: abort.signal,
          onProgress: (received) => {
            if (received >= 200_000) abort.abort();
          },
        }),
        CancelledError,
      );
      emulator.livepeerOutput.faults = {};
      const plan = await planOutputDownload(client, F.tasks.completedUpload);
      const file = join(scratch, 'livepeer', 'outputs', plan.fileName);
      const kept = statSync(`${file}.part`).size;
      assert.ok(kept >= 200_000, `kept ${kept}`);
      const resumed = await downloadTaskOutput(client, F.tasks.completedUpload, scratch);
      assert.equal(resumed.resumedFrom, kept);
      assert.ok(readFileSync(file).equals(expectedOutputBytes(playbackId)));
      assert.equal(emulator.livepeerOutput.log.at(-1)?.range, `bytes=${kept}-`);
      const again = await downloadTaskOutput(client, F.tasks.completedUpload, scratch);
      assert.equal(again.alreadyComplete, true);
    });

    it('is refused while another run holds the file, before anything is fetched or written, even with force', async () => {
      const client = testLivepeer(emulator);
      const plan = await planOutputDownload(client, F.tasks.completedUpload);
      const file = join(scratch, 'livepeer', 'outputs', plan.fileName);
      mkdirSync(dirname(file), { recursive: true });
      const held = await DownloadLock.acquire(`${file}.lock`);
      assert.ok(held.ok);
      try {
        const before = emulator.livepeerOutput.log.length;
        for (const force of [false, true]) {
          await assert.rejects(
            downloadTaskOutput(client, F.tasks.completedUpload, scratch, { force }),
            (error: unknown) =>
              error instanceof FileBusyError &&
              error.message.includes(`process ${process.pid}`) &&
              error.message.includes('--force does not'),
          );
        }
        assert.equal(emulator.livepeerOutput.log.length, before, 'no byte asked for');
        assert.ok(!existsSync(file) && !existsSync(`${file}.part`), 'nothing written');
      } finally {
        await held.lock.release();
      }
      const result = await downloadTaskOutput(client, F.tasks.completedUpload, scratch);
      assert.equal(result.alreadyComplete, false);
      assert.ok(!existsSync(`${file}.lock`), 'its own lock released');
    });

    it('follows a redirect to a third host without credentials', async () => {
      const { playbackId } = completedAsset();
      emulator.livepeerOutput.faults = { redirectToMirror: true };
      const result = await downloadTaskOutput(testLivepeer(emulator), F.tasks.completedUpload, scratch);
      assert.ok(readFileSync(result.file).equals(expectedOutputBytes(playbackId)));
      const log = emulator.livepeerOutput.log;
      assert.deepEqual(
        log.map((r) => [r.server, r.status, r.authorized]),
        [
          ['output', 302, false],
          ['mirror', 200, false],
        ],
      );
    });

    it('sends the key to a download URL on the API origin, and drops it on the redirect to another host', async () => {
      const { playbackId } = completedAsset();
      const client = testLivepeer(emulator);
      emulator.stats.reset();
      const url = `${livepeerBaseUrl(emulator)}/__download/${playbackId}`;
      const file = join(scratch, 'same-origin.mp4');
      await downloadRange({ http: client.http, url, file, identity: 'x', credentials: true });
      assert.ok(readFileSync(file).equals(expectedOutputBytes(playbackId)));
      const api = emulator.stats.requests(`/livepeer/api/__download/${playbackId}`);
      assert.equal(api.length, 1);
      assert.equal(api[0]?.authorized, true);
      assert.equal(api[0]?.status, 302);
      assert.deepEqual(
        emulator.livepeerOutput.log.map((r) => [r.server, r.authorized]),
        [['output', false]],
      );
    });

    it('starts over when the file changed on the server (If-Range no longer matches)', async () => {
      const { playbackId } = completedAsset();
      const client = testLivepeer(emulator);
      const plan = await planOutputDownload(client, F.tasks.completedUpload);
      const file = join(scratch, 'livepeer', 'outputs', plan.fileName);
      mkdirSync(dirname(file), { recursive: true });
      // A partial file of an older version of the output: its validator is not the server's now.
      writeFileSync(`${file}.part`, Buffer.alloc(100_000, 0xee));
      writeFileSync(
        `${file}.part.json`,
        JSON.stringify({ v: 1, identity: `livepeer-asset:${plan.assetId}`, validator: '"old"', total: 5 }),
      );
      const result = await downloadTaskOutput(client, F.tasks.completedUpload, scratch);
      assert.ok(readFileSync(file).equals(expectedOutputBytes(playbackId)));
      assert.equal(result.resumedFrom, 100_000);
      assert.deepEqual(
        emulator.livepeerOutput.log.map((r) => [r.status, r.range, r.ifRange]),
        [[200, 'bytes=100000-', '"old"']],
      );
    });
  });
});
