import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Task } from '../../src/core/livepeer/types';
import { LIVEPEER_FIXTURES as F } from '../emulator/livepeer/data';
import { startEmulator, type Emulator } from '../emulator/server';
import { buildCli, runCli, type CliRun } from './support/cliProcess';
import { livepeerBaseUrl, TASK_PATH } from './support/livepeer';

const CLI_KEY = 'lp-cli-KEY-7c41e0';

describe('task-lens livepeer CLI (bundled, as a subprocess)', function () {
  this.timeout(30_000);
  let emulator: Emulator;
  let cliPath: string;
  let scratch: string;

  before(async () => {
    // Its own bundle, so this file never races the Scale CLI tests over one output file.
    cliPath = await buildCli('out/test-cli-livepeer');
    emulator = await startEmulator({ apiKey: CLI_KEY });
    scratch = mkdtempSync(join(tmpdir(), 'task-lens-livepeer-cli-'));
  });
  after(async () => {
    await emulator?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });
  beforeEach(() => emulator.stats.reset());

  const cli = (args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> =>
    runCli(cliPath, args, { LIVEPEER_API_KEY: CLI_KEY, LIVEPEER_BASE_URL: livepeerBaseUrl(emulator), ...env });

  const jsonLines = (text: string): Task[] =>
    text
      .trimEnd()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Task);

  it('streams every task, newest first, through the Link header', async () => {
    const run = await cli(['livepeer', 'tasks']);
    assert.equal(run.code, 0, run.stderr);
    const tasks = jsonLines(run.stdout);
    assert.equal(tasks.length, F.totalTasks);
    assert.equal(new Set(tasks.map((t) => t.id)).size, F.totalTasks);
    assert.ok(tasks.every((t, i) => i === 0 || Number(tasks[i - 1]?.createdAt) >= Number(t.createdAt)));
    assert.equal(emulator.stats.hits(TASK_PATH), 3);
    assert.equal(run.stderr, '');
  });

  it('filters by type on the server and by phase here, and stops at --limit', async () => {
    const run = await cli(['livepeer', 'tasks', '--type', 'upload', '--phase', 'failed', '--limit', '3']);
    assert.equal(run.code, 0, run.stderr);
    const tasks = jsonLines(run.stdout);
    assert.equal(tasks.length, 3);
    assert.ok(tasks.every((t) => t.type === 'upload' && t.status?.phase === 'failed'));
    assert.deepEqual(JSON.parse(emulator.stats.lastQueryValues(TASK_PATH, 'filters')[0] ?? ''), [{ id: 'type', value: 'upload' }]);
    const few = await cli(['livepeer', 'tasks', '--limit', '5']);
    assert.equal(jsonLines(few.stdout).length, 5);
    assert.deepEqual(emulator.stats.lastQueryValues(TASK_PATH, 'limit'), ['5']);
  });

  it('prints one task, legacy type included, exactly as the API returned it', async () => {
    const run = await cli(['livepeer', 'task', F.tasks.legacyImport]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^\{\n {2}"id": /);
    assert.equal(JSON.stringify(JSON.parse(run.stdout)), JSON.stringify(emulator.livepeer.findTask(F.tasks.legacyImport)));
  });

  it('prints an asset with track details', async () => {
    const assetId = String(emulator.livepeer.findTask(F.tasks.completedUpload)?.outputAssetId);
    const run = await cli(['livepeer', 'asset', assetId]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal((JSON.parse(run.stdout) as { videoSpec: { tracks: unknown[] } }).videoSpec.tracks.length, 2);
  });

  it('exits 1 with clear messages: unknown task, rejected key (never printed), missing key', async () => {
    const missing = await cli(['livepeer', 'task', F.absentId]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^task-lens: Not found \(404\): GET \/livepeer\/api\/task\//);
    const wrong = 'wrong-LP-KEY-5521';
    const rejected = await cli(['livepeer', 'tasks'], { LIVEPEER_API_KEY: wrong });
    assert.equal(rejected.code, 1);
    assert.match(rejected.stderr, /API key rejected \(401\) .* check the key in LIVEPEER_API_KEY/);
    assert.ok(!rejected.stderr.includes(wrong) && !rejected.stderr.includes(CLI_KEY), 'key printed');
    const unset = await cli(['livepeer', 'tasks'], { LIVEPEER_API_KEY: undefined });
    assert.equal(unset.code, 1);
    assert.match(unset.stderr, /LIVEPEER_API_KEY is not set/);
  });

  it('honours --base-url over LIVEPEER_BASE_URL', async () => {
    const run = await cli(['--base-url', livepeerBaseUrl(emulator), 'livepeer', 'tasks', '--limit', '1'], {
      LIVEPEER_BASE_URL: 'http://127.0.0.1:9/api',
    });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(jsonLines(run.stdout).length, 1);
  });

  it('has --help for each command, and rejects bad usage with exit 2', async () => {
    for (const args of [
      ['livepeer', '--help'],
      ['livepeer', 'tasks', '--help'],
      ['livepeer', 'task', '--help'],
      ['download', 'livepeer-tasks', '--help'],
    ]) {
      const run = await cli(args);
      assert.equal(run.code, 0, args.join(' '));
      assert.match(run.stdout, /LIVEPEER_API_KEY/);
    }
    for (const args of [
      ['livepeer', 'task'],
      ['livepeer', 'tasks', '--limit', '0'],
      ['download', 'livepeer-tasks'],
    ]) {
      assert.equal((await cli(args)).code, 2, args.join(' '));
    }
    assert.equal(emulator.stats.totalRequests, 0);
  });

  it('downloads tasks of one phase to <out>/livepeer/tasks-<phase>.jsonl', async () => {
    const run = await cli(['download', 'livepeer-tasks', '--out', scratch, '--phase', 'failed']);
    assert.equal(run.code, 0, run.stderr);
    const file = join(scratch, 'livepeer', 'tasks-failed.jsonl');
    const tasks = jsonLines(readFileSync(file, 'utf8'));
    const failed = emulator.livepeer.tasks.filter((t) => t.status?.phase === 'failed');
    assert.deepEqual(tasks.map((t) => t.id).sort(), failed.map((t) => t.id).sort());
    const summary = JSON.parse(run.stdout) as { file: string; count: number };
    assert.equal(summary.file, file);
    assert.equal(summary.count, failed.length);
  });
});
