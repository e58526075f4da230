import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { runDownload } from '../../src/core/download';
import type { DownloadPlan } from '../../src/core/platform/platform';
import { SCALE_FIXTURES as F } from '../emulator/scale/catalog';
import type { FaultConfig } from '../emulator/faults';
import { startEmulator, type Emulator } from '../emulator/server';
import { recordingSleep, testScale } from './support/clients';
import { aroundFetch, deliveryPlan, removeTempRoots, servedJsonl, taskIds, tempRoot } from './support/downloadHelpers';

/** Pages (1-based fetch calls) before which the fault is armed again, so it lands all through the download. */
const ARM_AT = new Set([1, 6, 13, 21, 25]);

const FAULTS: ReadonlyArray<{ readonly name: string; readonly fault: Omit<FaultConfig, 'pathPrefix'>; readonly recorded: string }> = [
  { name: '429 with Retry-After', fault: { rateLimit: { count: 2, retryAfter: 1 } }, recorded: 'rateLimit' },
  { name: '503 bursts', fault: { serverErrors: { count: 3 } }, recorded: 'serverError' },
  { name: '500 and 502 bursts', fault: { serverErrors: { count: 2, status: 502 } }, recorded: 'serverError' },
  { name: 'connection resets mid-body', fault: { resetMidBody: { count: 2 } }, recorded: 'resetMidBody' },
  { name: 'truncated JSON bodies', fault: { truncateBody: { count: 2 } }, recorded: 'truncateBody' },
  { name: 'HTML instead of JSON', fault: { invalidJson: { count: 1 } }, recorded: 'invalidJson' },
];

describe('download engine under transport faults (2,500-task delivery)', function () {
  this.timeout(30_000);
  let emulator: Emulator;
  let reference: string;

  before(async () => {
    emulator = await startEmulator({});
    reference = await servedJsonl(emulator, '/v2/delivery', { delivery_id: F.deliveries.delivery2500.id });
  });
  after(async () => {
    await emulator.close();
    await removeTempRoots();
  });
  afterEach(() => emulator.faults.clear());

  for (const { name, fault, recorded } of FAULTS) {
    it(`lands every task exactly once, byte-equal, through ${name}`, async () => {
      const waits = recordingSleep();
      const client = testScale(emulator, { sleep: waits.sleep });
      const plan = deliveryPlan(client, F.projects.bulk, F.deliveries.delivery2500, 2_500);
      let calls = 0;
      const faulty: DownloadPlan = aroundFetch(plan, (_token, fetch) => {
        if (ARM_AT.has(++calls)) emulator.faults.set({ pathPrefix: '/v2/delivery', ...fault });
        return fetch();
      });
      emulator.stats.reset();
      const result = await runDownload(faulty, await tempRoot());
      const text = await readFile(result.file, 'utf8');
      const ids = taskIds(text);
      assert.equal(ids.length, 2_500);
      assert.equal(new Set(ids).size, 2_500);
      assert.equal(text, reference);
      assert.deepEqual(result.warnings, []);
      const faulted = emulator.stats.requests('/v2/delivery').filter((r) => r.fault === recorded).length;
      assert.ok(faulted >= ARM_AT.size, `only ${faulted} faulted responses`);
      if (fault.rateLimit) assert.ok(waits.waits.filter((ms) => ms === 1_000).length >= ARM_AT.size, 'Retry-After was not honoured');
    });
  }
});
