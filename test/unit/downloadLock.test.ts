import * as assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { link, mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { DownloadBusyError, DownloadIncompleteError, plannedPaths, runDownload, type DownloadManifest } from '../../src/core/download';
import { DownloadLock } from '../../src/core/download/lock';
import { sealed } from '../../src/core/download/manifest';

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
import { SCALE_FIXTURES as F } from '../emulator/scale/catalog';
import { startEmulator, type Emulator } from '../emulator/server';
import { buildCli, startCli, type CliRun } from './support/cliProcess';
import { recordingSleep, testScale } from './support/clients';
import { deliveryPlan, removeTempRoots, servedJsonl, tempRoot } from './support/downloadHelpers';

const CLI_KEY = 'lock-test-KEY-91b2';

/** A pid that is not running (pids are far below this on Linux and macOS). */
const DEAD_PID = 2 ** 22 + 12_345;

describe('download lock (one writer per file)', function () {
  this.timeout(30_000);

  after(removeTempRoots);

  it('is exclusive, names its holder, and is released only by its owner', async () => {
    const file = join(await tempRoot(), 'x.jsonl.lock');
    const first = await DownloadLock.acquire(file);
    assert.ok(first.ok);
    const second = await DownloadLock.acquire(file);
    assert.ok(!second.ok);
    assert.equal(second.holder?.pid, process.pid);
    assert.equal(second.holder?.host, hostname());
    assert.equal(((await stat(file)).mode & 0o777).toString(8), '600');
    await first.lock.release();
    const third = await DownloadLock.acquire(file);
    assert.ok(third.ok);
    await third.lock.release();
  });

  it('breaks a stale lock (dead pid on this host) but keeps one from another host or unreadable', async () => {
    const root = await tempRoot();
    const stale = join(root, 'stale.lock');
    await writeFile(stale, JSON.stringify({ pid: DEAD_PID, host: hostname(), startedAt: '2020-01-01T00:00:00Z', token: 'old' }));
    const taken = await DownloadLock.acquire(stale);
    assert.ok(taken.ok, 'a stale lock was not broken');
    await taken.lock.release();

    const foreign = join(root, 'foreign.lock');
    await writeFile(foreign, JSON.stringify({ pid: DEAD_PID, host: 'elsewhere.example', startedAt: '2020-01-01T00:00:00Z', token: 't' }));
    const refused = await DownloadLock.acquire(foreign);
    assert.ok(!refused.ok);
    assert.equal(refused.holder?.host, 'elsewhere.example');

    const torn = join(root, 'torn.lock');
    await writeFile(torn, '{"pid":');
    assert.ok(!(await DownloadLock.acquire(torn)).ok);
  });

  describe('in the engine', () => {
    let emulator: Emulator;
    before(async () => {
      emulator = await startEmulator({});
    });
    after(() => emulator.close());

    const plan = () => deliveryPlan(testScale(emulator, { sleep: recordingSleep().sleep }), F.projects.main, F.deliveries.weekly1, 150);

    it('refuses a target another process holds, even with force, and leaves its files alone', async () => {
      const root = await tempRoot();
      const paths = plannedPaths(root, plan());
      await mkdir(paths.folder, { recursive: true });
      await writeFile(paths.partial, 'someone else is writing this\n');
      const other = JSON.stringify({ pid: 1, host: hostname(), startedAt: '2026-01-01T00:00:00Z', token: 'x' });
      await writeFile(paths.lock, other);
      const error = await runDownload(plan(), root, { force: true }).catch((e: unknown) => e);
      assert.ok(error instanceof DownloadBusyError, String(error));
      assert.match(error.message, /process 1 on /);
      assert.equal(await readFile(paths.partial, 'utf8'), 'someone else is writing this\n');
      assert.equal(await readFile(paths.lock, 'utf8'), other);
    });

    it('creates files 0600 and the folder with a .gitignore of *, and removes its lock when done', async () => {
      const root = join(await tempRoot(), 'deliveries');
      const result = await runDownload(plan(), root);
      assert.equal(((await stat(result.file)).mode & 0o777).toString(8), '600');
      assert.equal(((await stat(result.paths.manifest)).mode & 0o777).toString(8), '600');
      assert.match(await readFile(join(root, '.gitignore'), 'utf8'), /^\*$/m);
      await assert.rejects(stat(result.paths.lock));
    });

    it('refuses to write through a symlink or a hard link planted at the partial file', async () => {
      const root = await tempRoot();
      const paths = plannedPaths(root, plan());
      await mkdir(paths.folder, { recursive: true });
      const victim = join(root, 'victim.txt');
      await writeFile(victim, 'precious\n');

      // A resumable checkpoint pointing at a partial that is a hard link to the victim.
      const first = await runDownload(plan(), root);
      const manifest = JSON.parse(await readFile(first.paths.manifest, 'utf8')) as DownloadManifest;
      const checkpoint = {
        ...manifest,
        status: 'partial' as const,
        count: 0,
        bytes: 0,
        pages: 1,
        nextToken: 'x',
        prefixSha256: EMPTY_SHA256,
      };
      await writeFile(paths.manifest, JSON.stringify(sealed(checkpoint)));
      await link(victim, paths.partial);
      const linked = await runDownload(plan(), root).catch((e: unknown) => e);
      assert.ok(linked instanceof DownloadIncompleteError, String(linked));
      assert.match(linked.message, /hard link/);
      assert.equal(await readFile(victim, 'utf8'), 'precious\n');

      // A fresh start replaces a symlink at the partial path (to a file inside the folder, so the
      // path check lets it by) instead of writing through it.
      const root2 = await tempRoot();
      const paths2 = plannedPaths(root2, plan());
      await mkdir(paths2.folder, { recursive: true });
      const inside = join(root2, 'notes.txt');
      await writeFile(inside, 'precious\n');
      await symlink(inside, paths2.partial);
      const result = await runDownload(plan(), root2);
      assert.equal(await readFile(inside, 'utf8'), 'precious\n');
      assert.equal(result.count, 150);
    });
  });

  describe('two CLI processes racing on one target', () => {
    let emulator: Emulator;
    let cliPath: string;
    before(async () => {
      cliPath = await buildCli(join(await tempRoot(), 'cli'));
      emulator = await startEmulator({ apiKey: CLI_KEY });
    });
    after(() => emulator.close());

    const start = (args: string[]): { child: ChildProcess; done: Promise<CliRun> } =>
      startCli(cliPath, args, { SCALE_API_KEY: CLI_KEY, SCALE_BASE_URL: emulator.url });

    for (const force of [false, true]) {
      it(`exactly one writes, the other exits non-zero naming the holder, the file is exact${force ? ' (second with --force)' : ''}`, async () => {
        const out = await tempRoot();
        const args = ['download', 'delivery', '--project', F.projects.bulk.id, '--delivery', F.deliveries.delivery2500.id, '--out', out];
        emulator.faults.set({ pathPrefix: '/v2/delivery', latencyMs: 15 });
        const first = start(args);
        const file = join(out, F.projects.bulk.name, `${F.deliveries.delivery2500.name}.jsonl`);
        for (let waited = 0; ; waited += 20) {
          if (
            await stat(`${file}.lock`).then(
              () => true,
              () => false,
            )
          )
            break;
          assert.ok(waited < 15_000, 'the first download never took its lock');
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        const second = await start(force ? [...args, '--force'] : args).done;
        const winner = await first.done;
        emulator.faults.clear();
        assert.equal(winner.code, 0, winner.stderr);
        assert.equal(second.code, 1, second.stderr);
        assert.match(second.stderr, /already being downloaded by process \d+ on /);
        const expected = await servedJsonl(emulator, '/v2/delivery', { delivery_id: F.deliveries.delivery2500.id });
        assert.equal(await readFile(file, 'utf8'), expected);
      });
    }
  });
});
