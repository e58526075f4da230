import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { runDownload } from '../../src/core/download';
import type { FilterValues } from '../../src/core/platform/platform';
import { startEmulator, type Emulator } from '../emulator/server';
import { parsedOnly, removeTempRoots, tempRoot } from './support/downloadHelpers';
import { TASK_PATH, testLivepeerPlatform } from './support/livepeer';

describe('the download engine serves the Livepeer task list too (pass-through)', function () {
  this.timeout(30_000);
  let emulator: Emulator;

  before(async () => {
    emulator = await startEmulator({});
  });
  after(async () => {
    await emulator.close();
    await removeTempRoots();
  });
  afterEach(() => emulator.faults.clear());

  for (const filters of [{}, { phase: 'completed' }, { type: 'upload' }] as FilterValues[]) {
    it(`writes the same lines raw as parsed (${JSON.stringify(filters)}), through faults`, async () => {
      const platform = testLivepeerPlatform(emulator, { retry: { baseDelayMs: 1, maxDelayMs: 2, maxAttempts: 2 } });
      const plan = await platform.planTaskListDownload(filters);
      const parsed = await runDownload(parsedOnly(plan), await tempRoot());
      emulator.faults.set({ pathPrefix: TASK_PATH, periodic: { serverErrorEvery: 3, truncateEvery: 4, resetEvery: 5 } });
      const raw = await runDownload(plan, await tempRoot(), { retryBaseDelayMs: 1, retryMaxDelayMs: 4 });
      const text = await readFile(raw.file, 'utf8');
      assert.ok(raw.count > 0);
      assert.equal(text, await readFile(parsed.file, 'utf8'));
      assert.equal(raw.sha256, parsed.sha256);
      if (plan.expectedTotal !== null) assert.equal(raw.count, plan.expectedTotal);
    });
  }
});
