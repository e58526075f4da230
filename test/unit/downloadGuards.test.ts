import * as assert from 'node:assert/strict';
import { readFile, stat, writeFile } from 'node:fs/promises';
import {
  DownloadIncompleteError,
  DownloadSourceMismatchError,
  plannedPaths,
  runDownload,
  type DownloadManifest,
} from '../../src/core/download';
import { sealed } from '../../src/core/download/manifest';
import { streamedPage } from '../../src/core/download/rawPages';
import type { CallOptions } from '../../src/core/http/client';
import type { DownloadPage, DownloadPlan } from '../../src/core/platform/platform';
import type { ScaleClient } from '../../src/core/scale/client';
import { SCALE_FIXTURES as F } from '../emulator/scale/catalog';
import { startEmulator, type Emulator } from '../emulator/server';
import { recordingSleep, testScale } from './support/clients';
import { aroundFetch, deliveryPlan, parsedOnly, removeTempRoots, servedJsonl, taskIds, tempRoot } from './support/downloadHelpers';

const FAST = { retryBaseDelayMs: 1, retryMaxDelayMs: 4 } as const;

async function manifestOf(file: string): Promise<DownloadManifest> {
  return JSON.parse(await readFile(file, 'utf8')) as DownloadManifest;
}

/** A plan over fixed pages (tokens `p1`, `p2`, … unless given), for servers the emulator cannot be. */
function scriptedPlan(pages: ReadonlyArray<{ tasks: unknown[]; next: string | null }>, expectedTotal: number | null = null): DownloadPlan {
  const byToken = new Map<string | undefined, DownloadPage>();
  pages.forEach((page, index) => byToken.set(index === 0 ? undefined : `p${index}`, { tasks: page.tasks, nextToken: page.next }));
  return {
    folderName: 'scripted',
    fileName: 'list',
    source: { platform: 'test', list: 'scripted' },
    expectedTotal,
    fetchPage: async (token) => {
      const page = byToken.get(token);
      if (!page) throw new Error(`no page for ${token}`);
      return page;
    },
  };
}

const task = (id: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ task_id: id, ...extra });

describe('download guards, verified resume and token restarts', function () {
  this.timeout(30_000);
  let emulator: Emulator;
  let client: ScaleClient;
  let reference: string;

  before(async () => {
    emulator = await startEmulator({});
    client = testScale(emulator, { sleep: recordingSleep().sleep });
    reference = await servedJsonl(emulator, '/v2/delivery', { delivery_id: F.deliveries.delivery2500.id });
  });
  after(async () => {
    await emulator.close();
    await removeTempRoots();
  });
  afterEach(() => emulator.faults.clear());

  const plan2500 = (): DownloadPlan => deliveryPlan(client, F.projects.bulk, F.deliveries.delivery2500, 2_500);

  /** Downloads `pages` pages of the 2,500 delivery and stops (cancelled), keeping the tokens it saw. */
  async function partial(root: string, pages: number): Promise<{ tokens: string[] }> {
    const tokens: string[] = [];
    const plan = plan2500();
    const controller = new AbortController();
    const recording = aroundFetch(plan, async (_token, fetch) => {
      const page = await fetch();
      if (page.nextToken) tokens.push(page.nextToken);
      return page;
    });
    await runDownload(recording, root, {
      signal: controller.signal,
      onProgress: (p) => p.written >= pages * 100 && controller.abort(),
    }).catch(() => undefined);
    return { tokens };
  }

  describe('a broken or hostile server', () => {
    it('stops on a page token cycle instead of filling the disk', async () => {
      const plan = scriptedPlan([
        { tasks: [task('a')], next: 'p1' },
        { tasks: [task('b')], next: 'p2' },
        { tasks: [task('c')], next: 'p1' },
      ]);
      const error = await runDownload(plan, await tempRoot(), FAST).catch((e: unknown) => e);
      assert.ok(error instanceof DownloadIncompleteError, String(error));
      assert.equal(error.reason, 'server_fault');
      assert.match(error.message, /already sent earlier.*cycle/);
      assert.equal(error.written, 2); // the page that repeats a token is not written either
    });

    it('writes a task the server lists twice once, and says so', async () => {
      const plan = scriptedPlan([
        { tasks: [task('a'), task('b')], next: 'p1' },
        { tasks: [task('b'), task('c'), task('a')], next: null },
      ]);
      const result = await runDownload(plan, await tempRoot(), FAST);
      assert.deepEqual(taskIds(await readFile(result.file, 'utf8')), ['a', 'b', 'c']);
      assert.equal(result.count, 3);
      assert.ok(
        result.warnings.some((w) => /2 tasks more than once/.test(w)),
        result.warnings.join(),
      );
    });

    it('stops when the count runs far past the expected total', async () => {
      const pages = Array.from({ length: 40 }, (_, i) => ({
        tasks: Array.from({ length: 100 }, (_, j) => task(`t${i}-${j}`)),
        next: `p${i + 1}`,
      }));
      const error = await runDownload(scriptedPlan(pages, 10), await tempRoot(), FAST).catch((e: unknown) => e);
      assert.ok(error instanceof DownloadIncompleteError, String(error));
      assert.equal(error.reason, 'server_fault');
      assert.match(error.message, /far more than the 10 it announced/);
    });

    it('stops on a response over the size cap without retrying it', async () => {
      const plan = plan2500();
      const capped: DownloadPlan = {
        ...parsedOnly(plan),
        fetchRawPage: (token: string | undefined, call: CallOptions) =>
          streamedPage(client.http, '/v2/delivery', { delivery_id: F.deliveries.delivery2500.id, limit: 100, next_token: token }, call, {
            shape: { itemsKey: 'tasks', tokenKey: 'next_token' },
            maxBytes: 10_000,
          }),
      } as DownloadPlan;
      emulator.stats.reset();
      const error = await runDownload(capped, await tempRoot(), FAST).catch((e: unknown) => e);
      assert.ok(error instanceof DownloadIncompleteError, String(error));
      assert.equal(error.reason, 'server_fault');
      assert.match(error.message, /response too large/);
      assert.equal(emulator.stats.requests('/v2/delivery').length, 1);
    });

    it('refuses a task without an id', async () => {
      const error = await runDownload(scriptedPlan([{ tasks: [{ name: 'no id' }], next: null }]), await tempRoot(), FAST).catch(
        (e: unknown) => e,
      );
      assert.ok(error instanceof DownloadIncompleteError, String(error));
      assert.match(error.message, /without an id/);
    });
  });

  describe('the idle timeout', () => {
    it('lets a slow but moving page through, and retries one that stalls', async () => {
      const small = deliveryPlan(client, F.projects.main, F.deliveries.weekly1, 150);
      const reference150 = await servedJsonl(emulator, '/v2/delivery', { delivery_id: F.deliveries.weekly1.id });
      // Eight pieces 60 ms apart (about half a second a page), under a 250 ms idle timeout.
      emulator.faults.set({ pathPrefix: '/v2/delivery', drip: { count: 2, dripMs: 60 } });
      const slow = await runDownload(small, await tempRoot(), { ...FAST, idleTimeoutMs: 250 });
      assert.equal(await readFile(slow.file, 'utf8'), reference150);
      // A request that never answers fails after the idle time and is retried.
      emulator.faults.set({ pathPrefix: '/v2/delivery', hang: { count: 1 } });
      const retries: string[] = [];
      const stalled = await runDownload(small, await tempRoot(), { ...FAST, idleTimeoutMs: 250, onRetry: (e) => retries.push(e.reason) });
      assert.equal(await readFile(stalled.file, 'utf8'), reference150);
      assert.deepEqual(retries, ['timeout']);
    });
  });

  describe('an expired next_token', () => {
    it('restarts from the first page, proves the prefix, and finishes byte-exact', async () => {
      const root = await tempRoot();
      await partial(root, 5);
      // Every token older than 150 ms is refused: the saved one is, the fresh ones are not.
      await new Promise((resolve) => setTimeout(resolve, 200));
      emulator.faults.set({ pathPrefix: '/v2/delivery', expireTokens: { olderThanMs: 150 } });
      const retries: string[] = [];
      const result = await runDownload(plan2500(), root, { ...FAST, onRetry: (e) => retries.push(e.reason) });
      assert.equal(await readFile(result.file, 'utf8'), reference);
      assert.equal(result.resumedFrom, 500);
      assert.ok(
        retries.some((r) => /next_token refused, restarting/.test(r)),
        retries.join(),
      );
    });

    it('stops with a clear message when the restarted list diverges from the file', async () => {
      const root = await tempRoot();
      await partial(root, 3);
      await new Promise((resolve) => setTimeout(resolve, 200));
      emulator.faults.set({ pathPrefix: '/v2/delivery', expireTokens: { olderThanMs: 150 } });
      const plan = parsedOnly(plan2500());
      const changed: DownloadPlan = {
        ...plan,
        fetchPage: async (token, call) => {
          const page = await plan.fetchPage(token, call);
          if (token !== undefined) return page;
          // The first page changed on the server: task 2 was edited.
          return { ...page, tasks: page.tasks.map((t, i) => (i === 1 ? { ...(t as object), status: 'edited' } : t)) };
        },
      };
      const error = await runDownload(changed, root, FAST).catch((e: unknown) => e);
      assert.ok(error instanceof DownloadIncompleteError, String(error));
      assert.equal(error.reason, 'diverged');
      assert.ok(!error.resumable);
      assert.match(error.message, /no longer matches the tasks already written: task 2 .* no longer byte-identical/);
      assert.match(error.message, /--force/);
    });
  });

  describe('a resume proves what it trusts', () => {
    const tampers: ReadonlyArray<{ name: string; tamper: (paths: ReturnType<typeof plannedPaths>, tokens: string[]) => Promise<void> }> = [
      {
        name: 'a moved offset',
        tamper: async (paths) => {
          const m = await manifestOf(paths.manifest);
          await writeFile(paths.manifest, JSON.stringify({ ...m, bytes: m.bytes - 10 }));
        },
      },
      {
        name: 'a moved offset, resealed',
        tamper: async (paths) => {
          const m = await manifestOf(paths.manifest);
          await writeFile(paths.manifest, JSON.stringify(sealed({ ...m, bytes: m.bytes - 10 })));
        },
      },
      {
        name: 'a skipped token',
        tamper: async (paths, tokens) => {
          const m = await manifestOf(paths.manifest);
          await writeFile(paths.manifest, JSON.stringify({ ...m, nextToken: tokens[6] }));
        },
      },
      {
        name: 'a flipped byte in the partial file',
        tamper: async (paths) => {
          const bytes = await readFile(paths.partial);
          bytes[1234] = (bytes[1234] as number) ^ 0x01;
          await writeFile(paths.partial, bytes);
        },
      },
      {
        name: 'a count one short, resealed',
        tamper: async (paths) => {
          const m = await manifestOf(paths.manifest);
          await writeFile(paths.manifest, JSON.stringify(sealed({ ...m, count: m.count - 1 })));
        },
      },
    ];
    for (const { name, tamper } of tampers) {
      it(`never completes an inexact file after ${name}: it starts over with a warning`, async () => {
        const root = await tempRoot();
        const { tokens } = await partial(root, 4);
        const paths = plannedPaths(root, plan2500());
        await tamper(paths, tokens);
        const result = await runDownload(plan2500(), root, FAST);
        assert.equal(await readFile(result.file, 'utf8'), reference);
        assert.equal(result.resumedFrom, 0);
        assert.ok(
          result.warnings.some((w) => /started over/.test(w)),
          result.warnings.join(),
        );
      });
    }

    it('finishes a download that crashed between the rename and the final manifest, without fetching again', async () => {
      const root = await tempRoot();
      const done = await runDownload(plan2500(), root, FAST);
      const m = done.manifest;
      // The last checkpoint before the rename: all pages in, no token left, not yet complete.
      const checkpoint = { ...m, status: 'partial' as const, completedAt: null, sha256: null, size: null };
      await writeFile(done.paths.manifest, JSON.stringify(sealed(checkpoint)));
      await writeFile(`${done.paths.manifest}.tmp`, '{"torn": ');
      emulator.stats.reset();
      const again = await runDownload(plan2500(), root, FAST);
      assert.equal(emulator.stats.requests('/v2/delivery').length, 0);
      assert.equal(again.sha256, m.sha256);
      assert.equal((await manifestOf(done.paths.manifest)).status, 'complete');
      await assert.rejects(stat(`${done.paths.manifest}.tmp`));
    });

    it('never lets two lists whose names differ only in case share a file', async () => {
      const root = await tempRoot();
      const page = (id: string) => [{ tasks: [task(id)], next: null }];
      const upper = { ...scriptedPlan(page('u')), fileName: 'Dup Name', source: { platform: 'test', list: 'upper' } };
      const lower = { ...scriptedPlan(page('l')), fileName: 'dup name', source: { platform: 'test', list: 'lower' } };
      const first = await runDownload(upper, root, FAST);
      const second = await runDownload(lower, root, FAST);
      assert.match(second.file, /dup name \([0-9a-f]{6}\)\.jsonl$/);
      assert.notEqual(first.file.toLowerCase(), second.file.toLowerCase());
      assert.deepEqual(taskIds(await readFile(first.file, 'utf8')), ['u']);
      assert.deepEqual(taskIds(await readFile(second.file, 'utf8')), ['l']);
      // Each finds its own file again.
      await assert.rejects(runDownload(upper, root, FAST), /was downloaded completely/);
      await assert.rejects(runDownload(lower, root, FAST), /was downloaded completely/);
    });

    it('calls a finished file of another source a different list, not "already downloaded"', async () => {
      const root = await tempRoot();
      await runDownload(plan2500(), root, FAST);
      const other: DownloadPlan = { ...plan2500(), source: { ...plan2500().source, baseUrl: 'https://other.example' } };
      const error = await runDownload(other, root, FAST).catch((e: unknown) => e);
      assert.ok(error instanceof DownloadSourceMismatchError, String(error));
      assert.match(error.message, /holds a download of a different list \(baseUrl: /);
    });
  });
});
