import { strict as assert } from 'node:assert';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCALE_FIXTURES as F } from '../emulator/scale/catalog';
import { startEmulator, type Emulator } from '../emulator/server';
import { runInProcess } from './support/inProcessCli';

const KEY = 'sync-KEY-31f0';
const MAIN = F.projects.main.name;
/** The main project's deliveries, oldest first (the emulator delivers them a day apart in this order). */
const DELIVERIES = [F.deliveries.weekly1, F.deliveries.weekly2, F.deliveries.showcase];

interface SyncLine {
  delivery: string;
  deliveryId: string;
  deliveredAt: string;
  state: string;
  file: string;
  count: number | null;
  error?: string;
}

describe('task-lens sync (in process, against the emulator)', function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let root: string;
  before(async () => {
    emulator = await startEmulator({ apiKey: KEY });
    root = await mkdtemp(join(tmpdir(), 'tl-sync-'));
  });
  after(async () => {
    await emulator?.close();
    await rm(root, { recursive: true, force: true });
  });
  beforeEach(() => emulator.stats.reset());
  afterEach(() => emulator.faults.clear());

  const sync = (out: string, ...extra: string[]) =>
    runInProcess(['sync', '--project', MAIN, '--out', out, ...extra], { env: { SCALE_API_KEY: KEY, SCALE_BASE_URL: emulator.url } });
  const lines = (stdout: string): SyncLine[] =>
    stdout
      .trimEnd()
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as SyncLine);
  const downloadedIds = (): string[] =>
    emulator.stats.requests('/v2/delivery').map((r) => r.query.find(([k]) => k === 'delivery_id')?.[1] ?? '');

  it('downloads every delivery oldest first; a second run downloads nothing and exits 0', async () => {
    const out = join(root, 'twice');
    const first = await sync(out);
    assert.equal(first.code, 0, first.stderr);
    const items = lines(first.stdout);
    assert.deepEqual(
      items.map((i) => [i.delivery, i.state, i.count]),
      DELIVERIES.map((d) => [d.name, 'downloaded', d.taskCount]),
    );
    assert.deepEqual(
      [...new Set(downloadedIds())],
      DELIVERIES.map((d) => d.id),
    );
    for (const item of items) assert.equal((await readFile(item.file, 'utf8')).split('\n').length - 1, item.count);
    assert.match(first.stderr, /3 deliveries: 3 downloaded, 0 up to date, 0 failed/);
    assert.ok(!first.stderr.includes(KEY) && !first.stdout.includes(KEY));

    emulator.stats.reset();
    const second = await sync(out);
    assert.equal(second.code, 0, second.stderr);
    assert.deepEqual(
      lines(second.stdout).map((i) => i.state),
      ['up_to_date', 'up_to_date', 'up_to_date'],
    );
    assert.equal(emulator.stats.hits('/v2/delivery'), 0, 'a complete delivery was asked for its tasks');
    assert.equal(emulator.stats.hits('/v2/delivery/tasks'), 0);
    assert.match(second.stderr, /3 deliveries: 0 downloaded, 3 up to date, 0 failed/);
  });

  it('goes on past a failing delivery, exits 1, and the next run downloads only that one', async () => {
    const out = join(root, 'failing');
    // The first delivery page asked for (the oldest delivery's) is refused with a wait too long to honour.
    emulator.faults.set({ pathPrefix: '/v2/delivery', rateLimit: { count: 1, retryAfter: 3_600 } });
    const run = await sync(out);
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(
      lines(run.stdout).map((i) => [i.delivery, i.state]),
      [
        [DELIVERIES[0]!.name, 'failed'],
        [DELIVERIES[1]!.name, 'downloaded'],
        [DELIVERIES[2]!.name, 'downloaded'],
      ],
    );
    assert.match(run.stderr, /FAILED: 2025-05-22 weekly delivery/);
    assert.match(run.stderr, /1 of 3 deliveries failed/);

    emulator.faults.clear();
    emulator.stats.reset();
    const again = await sync(out);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(
      lines(again.stdout).map((i) => i.state),
      ['downloaded', 'up_to_date', 'up_to_date'],
    );
    assert.deepEqual([...new Set(downloadedIds())], [DELIVERIES[0]!.id]);
  });

  it('does not count a finished file that was cut short, or one without a manifest, as up to date', async () => {
    const out = join(root, 'damaged');
    const first = await sync(out);
    assert.equal(first.code, 0, first.stderr);
    const [oldest, second] = lines(first.stdout);
    // The oldest file cut to 3 lines; the second's manifest gone (a file we can no longer vouch for).
    const text = await readFile(oldest!.file, 'utf8');
    await writeFile(oldest!.file, `${text.split('\n').slice(0, 3).join('\n')}\n`);
    await rm(`${second!.file}.manifest.json`);
    emulator.stats.reset();
    const again = await sync(out);
    assert.equal(again.code, 1, again.stderr);
    assert.deepEqual(
      lines(again.stdout).map((i) => i.state),
      ['failed', 'failed', 'up_to_date'],
    );
    assert.match(
      again.stderr,
      /is not the download its manifest records \(150 tasks\): it holds [\d,]+ bytes where its manifest records [\d,]+/,
    );
    assert.match(again.stderr, /exists already/);
    assert.deepEqual(downloadedIds(), [], 'nothing was replaced without --force');
    assert.equal((await readFile(oldest!.file, 'utf8')).split('\n').length - 1, 3);
  });

  it('--since lists only deliveries delivered after the date (delivered_after)', async () => {
    const out = join(root, 'since');
    const all = lines((await sync(join(root, 'listing'))).stdout);
    const after = all[0]!.deliveredAt;
    emulator.stats.reset();
    const run = await sync(out, '--since', after);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(
      lines(run.stdout).map((i) => i.delivery),
      [DELIVERIES[1]!.name, DELIVERIES[2]!.name],
    );
    assert.deepEqual(emulator.stats.lastQueryValues('/v2/deliveries', 'delivered_after'), [new Date(after).toISOString()]);
    const bad = await sync(out, '--since', 'last tuesday');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--since must be an ISO 8601 date/);
  });
});
