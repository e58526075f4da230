/**
 * The randomized fault soak: many runs, each with its own seed and mix of 429s, 5xx bursts,
 * resets, truncated and invalid bodies, slow drips and expiring tokens, some cancelled half-way and
 * resumed. Every run must end with a byte-exact file. 50 runs here; `npm run soak` runs 200
 * (TASK_LENS_SOAK_RUNS). Small pages of a 150-task delivery keep each run short.
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { runDownload, type DownloadResult, type PageRetryEvent } from '../../src/core/download';
import { streamedPage } from '../../src/core/download/rawPages';
import type { CallOptions } from '../../src/core/http/client';
import type { DownloadPlan } from '../../src/core/platform/platform';
import type { ScaleClient } from '../../src/core/scale/client';
import { DEFAULT_TASK_OPTIONS } from '../../src/core/scale/enums';
import type { FaultConfig } from '../emulator/faults';
import { SCALE_FIXTURES as F } from '../emulator/scale/catalog';
import { startEmulator, type Emulator } from '../emulator/server';
import { testScale } from './support/clients';
import { deliveryPlan, parsedOnly, randomInt, removeTempRoots, seededRandom, servedJsonl, tempRoot } from './support/downloadHelpers';

const RUNS = Number(process.env.TASK_LENS_SOAK_RUNS ?? 50);
const ENGINE = { retryBaseDelayMs: 2, retryMaxDelayMs: 40, maxRetryTimeMs: 20_000 } as const;

/** The weekly delivery (150 tasks) in pages of `limit`, so a run crosses many pages and tokens. */
function smallPagePlan(client: ScaleClient, limit: number, pass: boolean): DownloadPlan {
  const plan = parsedOnly(deliveryPlan(client, F.projects.main, F.deliveries.weekly1, 150));
  const query = (token: string | undefined) => ({
    delivery_id: F.deliveries.weekly1.id,
    limit,
    next_token: token,
    opts: DEFAULT_TASK_OPTIONS,
  });
  const shape = { itemsKey: 'tasks', tokenKey: 'next_token' } as const;
  return {
    ...plan,
    fetchPage: async (token, call) => {
      const page = await client.getDeliveryPage(query(token), call);
      return { tasks: page.items, nextToken: page.nextToken };
    },
    // Pass-through, as the real plan does (the odd seeds use the parsed path, to soak both).
    ...(pass
      ? {
          fetchRawPage: (token: string | undefined, call: CallOptions) =>
            streamedPage(client.http, '/v2/delivery', query(token), call, { shape }),
        }
      : {}),
  } as DownloadPlan;
}

function faultMix(seed: number): { faults: FaultConfig; describe: string } {
  const random = seededRandom(seed * 7919 + 17);
  const p = (max: number): number => (random() < 0.7 ? random() * max : 0);
  const mix = {
    seed,
    rateLimit: p(0.15),
    serverError: p(0.15),
    serverErrorBurst: randomInt(random, 1, 4),
    reset: p(0.1),
    truncate: p(0.1),
    invalid: p(0.08),
    drip: p(0.15),
  };
  const expire = random() < 0.35 ? { olderThanMs: randomInt(random, 8, 40) } : undefined;
  const faults: FaultConfig = {
    pathPrefix: '/v2/delivery',
    random: mix,
    drip: { count: 0, dripMs: randomInt(random, 1, 3) },
    latencyMs: randomInt(random, 0, 2),
    ...(expire ? { expireTokens: expire } : {}),
  };
  const shown = Object.entries(mix)
    .filter(([key, value]) => key !== 'seed' && value !== 0)
    .map(([key, value]) => `${key}=${typeof value === 'number' && value < 1 ? value.toFixed(2) : value}`);
  return { faults, describe: [...shown, expire ? `expire>${expire.olderThanMs}ms` : ''].filter(Boolean).join(' ') };
}

describe(`download fault soak (${RUNS} randomized runs, each byte-exact)`, function () {
  this.timeout(Math.max(60_000, RUNS * 2_000));
  let emulator: Emulator;
  let reference: string;

  before(async () => {
    emulator = await startEmulator({});
    reference = await servedJsonl(emulator, '/v2/delivery', { delivery_id: F.deliveries.weekly1.id });
  });
  after(async () => {
    await emulator.close();
    await removeTempRoots();
  });

  it('beats a harsh but honest server (about half the requests fail, up to 11 in a row)', async () => {
    const reference2500 = await servedJsonl(emulator, '/v2/delivery', { delivery_id: F.deliveries.delivery2500.id });
    emulator.faults.set({
      pathPrefix: '/v2/delivery',
      periodic: { rateLimitEvery: 5, serverErrorEvery: 7, serverErrorBurst: 3, resetEvery: 11, truncateEvery: 13, invalidEvery: 17 },
    });
    emulator.stats.reset();
    const client = testScale(emulator, { retry: { baseDelayMs: 1, maxDelayMs: 4, maxAttempts: 5 } });
    const retries: PageRetryEvent[] = [];
    const plan = deliveryPlan(client, F.projects.bulk, F.deliveries.delivery2500, 2_500);
    const result = await runDownload(plan, await tempRoot(), { ...ENGINE, onRetry: (e) => retries.push(e) });
    emulator.faults.clear();
    assert.equal(await readFile(result.file, 'utf8'), reference2500);
    const requests = emulator.stats.requests('/v2/delivery');
    const failed = requests.filter((r) => r.fault !== undefined).length;
    assert.ok(failed / requests.length > 0.4, `${failed} of ${requests.length} failed`);
    assert.ok(retries.length > 0, 'the engine never had to retry a page');
  });

  it('ends every run with the exact file, whatever the mix', async () => {
    const failures: string[] = [];
    const reasons = new Map<string, number>();
    const onRetry = (event: PageRetryEvent): void => {
      const key = /^\d+$/.test(event.reason) ? `${event.reason[0]}xx` : event.reason.split(',')[0]!;
      reasons.set(key, (reasons.get(key) ?? 0) + 1);
    };
    for (let run = 0; run < RUNS; run++) {
      const seed = 1_000 + run;
      const random = seededRandom(seed);
      const { faults, describe: mix } = faultMix(seed);
      emulator.faults.set(faults);
      // Few client attempts, so most faults reach the engine's own page-level retry loop.
      const client = testScale(emulator, { retry: { baseDelayMs: 1, maxDelayMs: 4, maxAttempts: randomInt(random, 1, 3) } });
      const plan = smallPagePlan(client, randomInt(random, 7, 30), seed % 2 === 0);
      const root = await tempRoot();
      try {
        if (random() < 0.35) {
          // Cancelled part-way (as Ctrl+C would), then resumed under the same faults.
          const controller = new AbortController();
          const stopAt = randomInt(random, 10, 120);
          await runDownload(plan, root, {
            ...ENGINE,
            onRetry,
            signal: controller.signal,
            onProgress: (p) => p.written >= stopAt && controller.abort(),
          }).catch(() => undefined);
        }
        // No transient fault may stop it: any error fails the soak.
        const result: DownloadResult = await runDownload(plan, root, { ...ENGINE, onRetry });
        const text = await readFile(result.file, 'utf8');
        if (text !== reference) failures.push(`seed ${seed} (${mix}): the file differs from what the server sent`);
        else if (result.manifest.sha256 !== createHash('sha256').update(text).digest('hex')) failures.push(`seed ${seed}: wrong sha256`);
      } catch (error) {
        failures.push(`seed ${seed} (${mix}): ${String(error).slice(0, 300)}`);
      }
    }
    emulator.faults.clear();
    assert.deepEqual(failures, []);
    // The soak must actually have exercised the faults.
    const seen = JSON.stringify([...reasons]);
    for (const reason of ['5xx', '4xx', 'next_token refused']) assert.ok((reasons.get(reason) ?? 0) > 0, `no ${reason} retries: ${seen}`);
    assert.ok(reasons.size >= 5, seen);
  });
});
