/**
 * Coarse check that a download streams: the heap retained while downloading a few thousand tasks
 * must not grow with the number of tasks (the engine holds at most two pages).
 */
import * as assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { runDownload } from '../../src/core/download';
import { SCALE_FIXTURES as F } from '../emulator/scale/catalog';
import { startEmulator, type Emulator } from '../emulator/server';
import { testScale } from './support/clients';
import { deliveryPlan, removeTempRoots, tempRoot } from './support/downloadHelpers';

const SIZE = 4_000;

/** `global.gc` without restarting node with --expose-gc: enable the flag, then fetch gc from a new context. */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe('download engine memory', function () {
  this.timeout(60_000);
  let emulator: Emulator;

  before(async () => {
    emulator = await startEmulator({ deliverySize: SIZE });
  });
  after(async () => {
    await emulator.close();
    await removeTempRoots();
  });

  it(`keeps the retained heap flat while downloading ${SIZE.toLocaleString('en-US')} tasks`, async () => {
    const gc = exposeGc();
    const plan = deliveryPlan(testScale(emulator), F.projects.bulk, F.deliveries.sized, SIZE);
    const samples: Array<{ written: number; heap: number }> = [];
    const result = await runDownload(plan, await tempRoot(), {
      onProgress: (p) => {
        if (p.written % 500 !== 0 || p.written === 0) return;
        gc();
        samples.push({ written: p.written, heap: process.memoryUsage().heapUsed });
      },
    });
    const size = (await stat(result.file)).size;
    assert.equal(result.count, SIZE);
    const early = samples.find((s) => s.written === 1_000);
    const late = samples.at(-1);
    assert.ok(early && late && late.written === SIZE);
    const growth = late.heap - early.heap;
    // 3,000 more tasks are ~13 MB of JSON; holding them would grow the heap by far more than that.
    assert.ok(growth < size / 8, `heap grew by ${(growth / 1e6).toFixed(1)} MB while writing a ${(size / 1e6).toFixed(1)} MB file`);
  });
});
