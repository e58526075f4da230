import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import {
  AlreadyDownloadedError,
  FinishedFileChangedError,
  DownloadBusyError,
  DownloadIncompleteError,
  DownloadSourceMismatchError,
  inspectDownload,
  plannedPaths,
  runDownload,
  type DownloadManifest,
  type DownloadProgress,
} from '../../src/core/download';
import { CancelledError } from '../../src/core/http/errors';
import type { Children, DownloadPlan, DownloadRef, Entry, Platform } from '../../src/core/platform/platform';
import type { ScaleClient } from '../../src/core/scale/client';
import { ScalePlatform } from '../../src/core/scale/platform';
import { SCALE_FIXTURES as F } from '../emulator/scale/catalog';
import { startEmulator, type Emulator } from '../emulator/server';
import { recordingSleep, testScale } from './support/clients';
import { aroundFetch, deliveryPlan, jsonlLines, removeTempRoots, servedJsonl, taskIds, tempRoot } from './support/downloadHelpers';

async function readManifestFile(file: string): Promise<DownloadManifest> {
  return JSON.parse(await readFile(file, 'utf8')) as DownloadManifest;
}

/** A plan that aborts `controller` once `pages` pages have been written. */
function cancelAfterPages(
  plan: DownloadPlan,
  pages: number,
): { plan: DownloadPlan; controller: AbortController; onProgress: (p: DownloadProgress) => void } {
  const controller = new AbortController();
  return { plan, controller, onProgress: (p) => p.written >= pages * 100 && controller.abort() };
}

describe('download engine (Scale delivery → JSONL)', function () {
  this.timeout(30_000);
  let emulator: Emulator;
  let client: ScaleClient;
  let reference2500: string;
  let referenceWeekly: string;

  before(async () => {
    emulator = await startEmulator({});
    client = testScale(emulator, { sleep: recordingSleep().sleep });
    reference2500 = await servedJsonl(emulator, '/v2/delivery', { delivery_id: F.deliveries.delivery2500.id });
    referenceWeekly = await servedJsonl(emulator, '/v2/delivery', { delivery_id: F.deliveries.weekly1.id });
  });
  after(async () => {
    await emulator.close();
    await removeTempRoots();
  });
  afterEach(() => emulator.faults.clear());

  const plan2500 = (): DownloadPlan => deliveryPlan(client, F.projects.bulk, F.deliveries.delivery2500, 2_500);
  const planWeekly = (): DownloadPlan => deliveryPlan(client, F.projects.main, F.deliveries.weekly1, 150);

  it('downloads 2,500 tasks once each, byte-equal to what the server sent, with a complete manifest', async () => {
    const root = await tempRoot();
    const progress: DownloadProgress[] = [];
    const result = await runDownload(plan2500(), root, { onProgress: (p) => progress.push(p) });
    const text = await readFile(result.file, 'utf8');
    assert.equal(result.file, path.join(root, 'Bulk Deliveries', 'Delivery 2500.jsonl'));
    const ids = taskIds(text);
    assert.equal(ids.length, 2_500);
    assert.equal(new Set(ids).size, 2_500);
    assert.deepEqual(jsonlLines(text), jsonlLines(reference2500));
    assert.equal(text, reference2500);
    assert.equal(result.count, 2_500);
    assert.deepEqual(result.warnings, []);

    const manifest = await readManifestFile(result.paths.manifest);
    assert.equal(manifest.status, 'complete');
    assert.equal(manifest.count, 2_500);
    assert.equal(manifest.expectedTotal, 2_500);
    assert.equal(manifest.nextToken, null);
    assert.equal(manifest.size, Buffer.byteLength(text));
    assert.equal(manifest.sha256, createHash('sha256').update(text).digest('hex'));
    assert.equal(manifest.source.deliveryId, F.deliveries.delivery2500.id);
    assert.equal(manifest.source.baseUrl, emulator.url);
    assert.ok(manifest.completedAt && manifest.startedAt <= manifest.completedAt);
    assert.ok(!JSON.stringify(manifest).includes(emulator.apiKey), 'the manifest holds the API key');
    // Only the finished file and its manifest are left (and the .gitignore of the folder we made).
    assert.deepEqual((await readdir(result.paths.folder)).sort(), [
      '.gitignore',
      'Delivery 2500.jsonl',
      'Delivery 2500.jsonl.manifest.json',
    ]);

    assert.equal(progress[0]?.written, 0);
    assert.equal(progress.at(-1)?.written, 2_500);
    assert.ok(progress.every((p) => p.total === 2_500 && p.resumedFrom === 0 && p.tasksPerSecond >= 0));
    assert.ok(progress.length >= 26 && progress.length <= 27, `${progress.length} progress events`);
  });

  it('refuses to replace a complete download without force, and starts over with force', async () => {
    const root = await tempRoot();
    const first = await runDownload(planWeekly(), root);
    await assert.rejects(runDownload(planWeekly(), root), (error: unknown) => {
      assert.ok(error instanceof AlreadyDownloadedError);
      assert.match(error.message, /force/);
      assert.equal(error.manifest?.count, 150);
      return true;
    });
    assert.equal((await inspectDownload(root, planWeekly())).state, 'complete');
    const again = await runDownload(planWeekly(), root, { force: true });
    assert.equal(again.count, 150);
    assert.equal(await readFile(again.file, 'utf8'), referenceWeekly);
    assert.equal(first.sha256, again.sha256);
  });

  it('refuses to overwrite a file it did not write', async () => {
    const root = await tempRoot();
    const paths = plannedPaths(root, planWeekly());
    await mkdir(paths.folder, { recursive: true });
    await writeFile(paths.file, 'mine\n');
    await assert.rejects(runDownload(planWeekly(), root), AlreadyDownloadedError);
    assert.equal(await readFile(paths.file, 'utf8'), 'mine\n');
    const inspection = await inspectDownload(root, planWeekly());
    assert.equal(inspection.state, 'changed', 'a file without our manifest is not a finished download');
    assert.match(inspection.problem ?? '', /no manifest/);
  });

  it('does not take a finished file that was cut short, emptied or replaced for downloaded', async () => {
    const root = await tempRoot();
    const first = await runDownload(planWeekly(), root);
    const lines = referenceWeekly.split('\n').filter(Boolean);
    const damages: [string, () => Promise<void>, RegExp][] = [
      [
        'cut to 100 lines',
        () => writeFile(first.file, `${lines.slice(0, 100).join('\n')}\n`),
        /holds [\d,]+ bytes where its manifest records [\d,]+/,
      ],
      ['emptied', () => writeFile(first.file, ''), /holds 0 bytes/],
      ['a folder in its place', async () => (await rm(first.file), await mkdir(first.file)), /not a file/],
    ];
    for (const [what, damage, problem] of damages) {
      await damage();
      const inspection = await inspectDownload(root, planWeekly());
      assert.equal(inspection.state, 'changed', what);
      assert.match(inspection.problem ?? '', problem, what);
      await assert.rejects(runDownload(planWeekly(), root), (error: unknown) => {
        assert.ok(error instanceof FinishedFileChangedError, `${what}: ${String(error)}`);
        assert.match(error.message, problem);
        assert.match(error.message, /force/);
        return true;
      });
      await rm(first.file, { recursive: true, force: true });
      await writeFile(first.file, referenceWeekly);
      assert.equal((await inspectDownload(root, planWeekly())).state, 'complete', `${what}: restored`);
    }
    // With force it downloads again and the file is exact.
    await writeFile(first.file, '');
    const again = await runDownload(planWeekly(), root, { force: true });
    assert.equal(await readFile(again.file, 'utf8'), referenceWeekly);
  });

  it('keeps a partial file and manifest when a page token expires, and explains the restart', async () => {
    const root = await tempRoot();
    // Every token refused, even fresh ones: the restarts from the first page run out of time.
    emulator.faults.set({ pathPrefix: '/v2/delivery', expireTokens: { all: true } });
    const restarts: string[] = [];
    const options = {
      maxRetryTimeMs: 200,
      retryBaseDelayMs: 5,
      retryMaxDelayMs: 40,
      onRetry: (e: { reason: string }) => restarts.push(e.reason),
    };
    const error = await runDownload(plan2500(), root, options).then(
      () => assert.fail('expected the download to stop'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof DownloadIncompleteError, String(error));
    assert.equal(error.reason, 'token_refused');
    assert.equal(error.resumable, false);
    assert.equal(error.written, 100);
    assert.match(error.message, /100 of 2,500 tasks/);
    assert.match(error.message, /expired/);
    assert.ok(restarts.length >= 2 && restarts.every((r) => /restarting from the first page/.test(r)), restarts.join());
    assert.match(error.message, /--force/);
    const paths = plannedPaths(root, plan2500());
    assert.equal(await readFile(paths.partial, 'utf8'), reference2500.split('\n').slice(0, 100).join('\n') + '\n');
    const manifest = await readManifestFile(paths.manifest);
    assert.equal(manifest.status, 'partial');
    assert.equal(manifest.count, 100);
    assert.match(manifest.lastError ?? '', /expired/);
    await assert.rejects(stat(paths.file));
    const inspection = await inspectDownload(root, plan2500());
    assert.equal(inspection.state, 'partial');
    assert.equal(inspection.sameSource, true);

    // With tokens accepted again, force starts over and finishes.
    emulator.faults.clear();
    const result = await runDownload(plan2500(), root, { force: true });
    assert.equal(result.resumedFrom, 0);
    assert.equal(await readFile(result.file, 'utf8'), reference2500);
  });

  it('stops with a resumable error when the time without progress runs out, and resumes to the same bytes', async () => {
    const root = await tempRoot();
    let pages = 0;
    const plan = plan2500();
    const failing: DownloadPlan = aroundFetch(plan, (_token, fetch) => {
      // Page 4 onwards: the server is down for longer than the (tiny) retry budget.
      if (++pages === 4) emulator.faults.set({ pathPrefix: '/v2/delivery', serverErrors: { count: 1_000_000 } });
      return fetch();
    });
    const retries: string[] = [];
    const options = {
      maxRetryTimeMs: 60,
      retryBaseDelayMs: 1,
      retryMaxDelayMs: 4,
      onRetry: (e: { reason: string }) => retries.push(e.reason),
    };
    const error = await runDownload(failing, root, options).then(
      () => assert.fail('expected the download to stop'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof DownloadIncompleteError, String(error));
    assert.equal(error.reason, 'transient');
    assert.ok(error.resumable);
    assert.equal(error.written, 300);
    assert.match(error.message, /run the download again: it resumes from task 301/);
    assert.match(error.message, /gave up after \d+ attempts and \d+ s without progress; allow longer with --max-retry-time/);
    assert.ok(retries.length >= 2 && retries.every((reason) => reason === '503'), retries.join());
    emulator.faults.clear();
    const result = await runDownload(plan2500(), root);
    assert.equal(result.resumedFrom, 300);
    assert.equal(await readFile(result.file, 'utf8'), reference2500);
  });

  it('cancels promptly, keeps a consistent partial, and resumes to the same bytes', async () => {
    const root = await tempRoot();
    const { plan, controller, onProgress } = cancelAfterPages(plan2500(), 7);
    await assert.rejects(runDownload(plan, root, { signal: controller.signal, onProgress }), CancelledError);
    const paths = plannedPaths(root, plan);
    const manifest = await readManifestFile(paths.manifest);
    assert.equal(manifest.status, 'partial');
    assert.equal(manifest.count, 700);
    assert.equal((await stat(paths.partial)).size, manifest.bytes);
    assert.equal(typeof manifest.nextToken, 'string');

    const progress: DownloadProgress[] = [];
    const result = await runDownload(plan2500(), root, { onProgress: (p) => progress.push(p) });
    assert.equal(result.resumedFrom, 700);
    assert.equal(progress[0]?.written, 700);
    assert.ok(progress.every((p) => p.resumedFrom === 700));
    assert.equal(await readFile(result.file, 'utf8'), reference2500);
  });

  it('refuses to resume a partial download of a different source unless forced', async () => {
    const root = await tempRoot();
    const { plan, controller, onProgress } = cancelAfterPages(planWeekly(), 1);
    await assert.rejects(runDownload(plan, root, { signal: controller.signal, onProgress }), CancelledError);
    const other: DownloadPlan = { ...planWeekly(), source: { ...planWeekly().source, deliveryId: F.deliveries.weekly2.id } };
    await assert.rejects(runDownload(other, root), (error: unknown) => {
      assert.ok(error instanceof DownloadSourceMismatchError);
      assert.match(error.message, /deliveryId/);
      assert.match(error.message, /--force/);
      return true;
    });
    assert.equal((await inspectDownload(root, other)).sameSource, false);
    const result = await runDownload(other, root, { force: true });
    assert.equal(result.resumedFrom, 0);
    assert.equal(result.manifest.source.deliveryId, F.deliveries.weekly2.id);
  });

  it('reports a count that differs from the expected total instead of pretending', async () => {
    const root = await tempRoot();
    const plan: DownloadPlan = { ...planWeekly(), expectedTotal: 151 };
    const result = await runDownload(plan, root);
    assert.equal(result.count, 150);
    assert.equal(result.warnings.length, 1);
    assert.match(result.warnings[0] ?? '', /Expected 151 tasks .* listed 150/);
    assert.deepEqual((await readManifestFile(result.paths.manifest)).warnings, result.warnings);
  });

  it('refuses a second concurrent download into the same file', async () => {
    const root = await tempRoot();
    // Both start at once; which one's path checks finish first is up to the file system, so
    // either may be the writer: exactly one writes, the other is refused.
    const outcomes = await Promise.allSettled([runDownload(planWeekly(), root), runDownload(planWeekly(), root)]);
    const refused = outcomes.filter((o) => o.status === 'rejected');
    assert.equal(refused.length, 1, JSON.stringify(outcomes.map((o) => o.status)));
    assert.ok(refused[0]?.status === 'rejected' && refused[0].reason instanceof DownloadBusyError, String(refused[0]));
    const written = outcomes.find((o) => o.status === 'fulfilled');
    assert.ok(written?.status === 'fulfilled' && written.value.count > 0);
  });

  it('inspects none → partial → complete', async () => {
    const root = await tempRoot();
    assert.deepEqual(
      { ...(await inspectDownload(root, planWeekly())), paths: undefined },
      { state: 'none', problem: null, manifest: null, sameSource: null, paths: undefined },
    );
    const { plan, controller, onProgress } = cancelAfterPages(planWeekly(), 1);
    await assert.rejects(runDownload(plan, root, { signal: controller.signal, onProgress }), CancelledError);
    const partial = await inspectDownload(root, planWeekly());
    assert.equal(partial.state, 'partial');
    assert.equal(partial.manifest?.count, 100);
    await runDownload(planWeekly(), root);
    const complete = await inspectDownload(root, planWeekly());
    assert.equal(complete.state, 'complete');
    assert.equal(complete.manifest?.status, 'complete');
  });

  it('downloads hostile-named deliveries and batches inside the chosen folder', async () => {
    const root = await tempRoot();
    const platform = new ScalePlatform(client);
    const project = `project:${F.projects.hostile.id}`;
    emulator.stats.reset();
    const deliveryPlanned = await downloadOf(await entryAt(platform, project, 'deliveries', `delivery:${F.deliveries.hostile.id}`)).plan();
    assert.equal(deliveryPlanned.expectedTotal, 3, 'the count the delivery list gave');
    assert.equal(emulator.stats.hits('/v2/deliveries'), 1, 'planning the download did not list the deliveries again');
    const batchEntry = await entryAt(platform, project, 'batches', `batch:${F.batches.hostile.id}`);
    const batchPlanned = await downloadOf(batchEntry).plan({ status: 'completed' });
    for (const plan of [deliveryPlanned, batchPlanned]) {
      const result = await runDownload(plan, root);
      assert.equal(result.count, 3);
      assert.equal(path.dirname(path.dirname(result.file)), root);
      assert.ok(result.file.startsWith(root + path.sep));
    }
    const [folder] = await readdir(root);
    assert.match(folder ?? '', /^__\.\._etc_ Hostile _Project_ _Name____-[0-9a-f]{8}$/);
    assert.equal((await readdir(root)).length, 1);
    assert.deepEqual((await readdir(path.join(root, folder ?? ''))).filter((name) => name !== '.gitignore').length, 4);
  });

  it('downloads a batch filtered by status from /v2/tasks, byte-equal to what the server sent', async () => {
    const root = await tempRoot();
    const platform = new ScalePlatform(client);
    const batch = await entryAt(platform, `project:${F.projects.main.id}`, 'batches', `batch:${F.batches.inProgress.id}`);
    const plan = await downloadOf(batch).plan({ status: 'completed' });
    const result = await runDownload(plan, root);
    const expected = await servedJsonl(emulator, '/v2/tasks', { batch_id: F.batches.inProgress.id, status: 'completed' });
    assert.equal(await readFile(result.file, 'utf8'), expected);
    assert.ok(result.count > 0 && result.count < 40);
    assert.equal(path.basename(result.file), 'In progress batch (completed).jsonl');
    assert.equal(result.manifest.source.status, 'completed');
    assert.equal(result.manifest.expectedTotal, null);
  });
});

/** The entry at a path of entry keys from the platform's roots, loaded the way the tree loads it. */
async function entryAt(platform: Platform, ...keys: string[]): Promise<Entry> {
  let children: Children | undefined = platform.roots;
  let entry: Entry | undefined;
  for (const key of keys) {
    if (!children) throw new Error(`no children above ${key}`);
    const entries: readonly Entry[] =
      children.mode === 'list' ? await children.load({}) : (await children.loadPage({ pageSize: 100, filters: {} })).entries;
    entry = entries.find((e) => e.key === key);
    if (!entry) throw new Error(`no entry ${key} among ${entries.map((e) => e.key).join(', ')}`);
    children = entry.children;
  }
  if (!entry) throw new Error('an empty path');
  return entry;
}

function downloadOf(entry: Entry): DownloadRef {
  assert.ok(entry.download, `${entry.key} is downloadable`);
  return entry.download;
}
