/**
 * Cancel (and crash) at random points, resume, and compare with an uninterrupted download: the
 * result must be byte-identical every time. Seeded, so a failure replays exactly.
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { plannedPaths, runDownload, type DownloadManifest, type DownloadOptions, type DownloadResult } from '../../src/core/download';
import { CancelledError } from '../../src/core/http/errors';
import type { DownloadPlan } from '../../src/core/platform/platform';
import { SCALE_FIXTURES as F } from '../emulator/scale/catalog';
import { startEmulator, type Emulator } from '../emulator/server';
import { recordingSleep, testScale } from './support/clients';
import {
  aroundFetch,
  deliveryPlan,
  jsonlLines,
  randomInt,
  removeTempRoots,
  seededRandom,
  servedJsonl,
  taskIds,
  tempRoot,
} from './support/downloadHelpers';

const SEED = 0x5eed_2025;
const RUNS = 24;
/** 6 pages, the last one short. */
const SIZE = 530;

type Interruption = 'after-pages' | 'after-fetch' | 'mid-write' | 'mid-request' | 'none';
const INTERRUPTIONS: readonly Interruption[] = ['after-pages', 'after-fetch', 'mid-write', 'mid-request'];

describe('download engine: cancel, crash and resume at random points', function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let reference: string;
  let plan: DownloadPlan;

  before(async () => {
    emulator = await startEmulator({ deliverySize: SIZE });
    plan = deliveryPlan(testScale(emulator, { sleep: recordingSleep().sleep }), F.projects.bulk, F.deliveries.sized, SIZE);
    reference = await servedJsonl(emulator, '/v2/delivery', { delivery_id: F.deliveries.sized.id });
    assert.equal(jsonlLines(reference).length, SIZE);
  });
  after(async () => {
    await emulator.close();
    await removeTempRoots();
  });

  /** One attempt, interrupted as `kind` says; resolves to the result if it was not interrupted. */
  async function attempt(root: string, kind: Interruption, random: () => number): Promise<DownloadResult | undefined> {
    const controller = new AbortController();
    const options: { -readonly [K in keyof DownloadOptions]: DownloadOptions[K] } = { signal: controller.signal };
    let wrapped = plan;
    const at = randomInt(random, 1, 4);
    let calls = 0;
    if (kind === 'after-pages') {
      options.onProgress = (p) => {
        if (p.written - p.resumedFrom >= at * 100) controller.abort();
      };
    } else if (kind !== 'none') {
      wrapped = aroundFetch(plan, async (_token, fetch) => {
        if (++calls !== at) return fetch();
        if (kind === 'mid-request') {
          // Aborted while the request is on the wire.
          const request = fetch();
          setImmediate(() => controller.abort());
          return request;
        }
        const page = await fetch();
        // `after-fetch`: the page arrives already cancelled; `mid-write`: cancelled while it is written.
        if (kind === 'after-fetch') controller.abort();
        else setImmediate(() => controller.abort());
        return page;
      });
    }
    try {
      return await runDownload(wrapped, root, options);
    } catch (error) {
      assert.ok(error instanceof CancelledError, `${kind}: ${String(error)}`);
      return undefined;
    }
  }

  /** What a crash leaves: lines written after the checkpoint, a torn half line, a torn manifest temp. */
  async function crash(root: string, random: () => number): Promise<void> {
    const paths = plannedPaths(root, plan);
    const manifest = JSON.parse(await readFile(paths.manifest, 'utf8')) as DownloadManifest;
    const lines = jsonlLines(reference).slice(manifest.count);
    const whole = lines.slice(0, randomInt(random, 0, Math.min(99, lines.length)));
    const torn = lines[whole.length] ?? '{"task_id":"torn';
    const tail = whole.map((line) => `${line}\n`).join('') + torn.slice(0, randomInt(random, 1, torn.length - 1));
    await appendFile(paths.partial, tail);
    if (random() < 0.5) await writeFile(`${paths.manifest}.tmp`, '{"format":"task-lens-downl');
  }

  it(`ends byte-identical to an uninterrupted download in ${RUNS} randomized runs`, async () => {
    const random = seededRandom(SEED);
    const seen = new Set<Interruption>();
    let interruptions = 0;
    let crashes = 0;
    let resumedRuns = 0;
    for (let run = 0; run < RUNS; run++) {
      const root = await tempRoot();
      let result: DownloadResult | undefined;
      for (let tries = 0; !result; tries++) {
        // Never interrupt forever: from the sixth try on, let it finish.
        const kind: Interruption = tries >= 5 ? 'none' : (INTERRUPTIONS[randomInt(random, 0, INTERRUPTIONS.length - 1)] ?? 'none');
        result = await attempt(root, kind, random);
        if (result) break;
        seen.add(kind);
        interruptions++;
        if (random() < 0.5) {
          await crash(root, random);
          crashes++;
        }
      }
      const text = await readFile(result.file, 'utf8');
      assert.equal(text, reference, `run ${run}: differs from the uninterrupted download`);
      assert.equal(new Set(taskIds(text)).size, SIZE, `run ${run}: duplicate tasks`);
      assert.equal(result.count, SIZE);
      assert.equal(result.manifest.status, 'complete');
      assert.equal(result.sha256, createHash('sha256').update(text).digest('hex'));
      if (result.resumedFrom > 0) resumedRuns++;
    }
    assert.deepEqual([...seen].sort(), [...INTERRUPTIONS].sort(), 'not every kind of interruption was exercised');
    assert.ok(interruptions >= RUNS, `only ${interruptions} interruptions`);
    assert.ok(crashes >= RUNS / 3, `only ${crashes} simulated crashes`);
    assert.ok(resumedRuns >= RUNS / 2, `only ${resumedRuns} runs finished by resuming`);
  });
});
