import { strict as assert } from 'node:assert';
import { SCALE_FIXTURES as F } from '../emulator/scale/catalog';
import { startEmulator, type Emulator } from '../emulator/server';
import { buildCli, runCli, type CliRun } from './support/cliProcess';

const CLI_KEY = 'cli-KEY-5d2e8b1f';

describe('task-lens CLI (bundled, as a subprocess)', function () {
  this.timeout(30_000);
  let emulator: Emulator;
  let cliPath: string;

  before(async () => {
    cliPath = await buildCli('out/test-cli');
    emulator = await startEmulator({ apiKey: CLI_KEY });
  });
  after(() => emulator?.close());
  beforeEach(() => emulator.stats.reset());

  const cli = (args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> =>
    runCli(cliPath, args, { SCALE_API_KEY: CLI_KEY, SCALE_BASE_URL: emulator.url, ...env });

  function jsonLines(stdout: string): Array<Record<string, unknown>> {
    return stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  it('prints projects as one JSON object per line', async () => {
    const run = await cli(['projects']);
    assert.equal(run.code, 0, run.stderr);
    const projects = jsonLines(run.stdout);
    assert.equal(projects.length, 6);
    assert.equal(projects[0]?.name, F.projects.main.name);
    assert.equal(run.stderr, '');
  });

  it('streams all 250 tasks of "Batch 250", each once', async () => {
    const run = await cli(['tasks', '--batch', 'Batch 250']);
    assert.equal(run.code, 0, run.stderr);
    const ids = jsonLines(run.stdout).map((t) => t.task_id);
    assert.equal(ids.length, 250);
    assert.equal(new Set(ids).size, 250);
    assert.equal(emulator.stats.hits('/v2/tasks'), 3);
  });

  it('stops after --limit tasks without fetching further pages', async () => {
    const run = await cli(['tasks', '--project', F.projects.paging.name, '--limit', '120', '--status', 'completed']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(jsonLines(run.stdout).length, 120);
    assert.equal(emulator.stats.hits('/v2/tasks'), 2);
    assert.deepEqual(emulator.stats.lastQueryValues('/v2/tasks', 'status'), ['completed']);
  });

  it('looks a batch up within the named project, by name or id', async () => {
    const run = await cli(['tasks', '--project', F.projects.main.id, '--batch', 'Showcase']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(jsonLines(run.stdout).length, F.batches.showcase.taskCount);
  });

  it('prints one task as pretty JSON, exactly as the API returned it', async () => {
    const run = await cli(['task', F.tasks.kitchenSink]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^\{\n {2}"task_id": /);
    const task = JSON.parse(run.stdout) as { task_id: string; threads: unknown[] };
    assert.equal(task.task_id, F.tasks.kitchenSink);
    assert.deepEqual(emulator.stats.lastQueryValues('/v2/task', 'opts'), [
      'annotation_details',
      'attachment_details',
      'model_parameters',
      'submissions',
    ]);
  });

  it('lists batches and deliveries of a project given by name or id', async () => {
    const batches = await cli(['batches', '--project', F.projects.main.name, '--status', 'paused']);
    assert.equal(batches.code, 0, batches.stderr);
    assert.deepEqual(
      jsonLines(batches.stdout).map((b) => b.name),
      ['Paused batch'],
    );
    const deliveries = await cli(['deliveries', '--project', F.projects.bulk.id]);
    assert.equal(deliveries.code, 0, deliveries.stderr);
    assert.deepEqual(
      jsonLines(deliveries.stdout).map((d) => d.task_count),
      [2_500, 300],
    );
  });

  it('exits 1 with a clear message for an unknown project', async () => {
    const run = await cli(['batches', '--project', 'No Such Project']);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^task-lens: No project with the name or id “No Such Project”/);
  });

  it('exits 1 on a rejected key without printing it', async () => {
    const wrong = 'wrong-KEY-91ac3';
    const run = await cli(['projects'], { SCALE_API_KEY: wrong });
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /API key rejected \(401\) by GET \/v2\/projects at http:\/\/127\.0\.0\.1:\d+ — check the key in SCALE_API_KEY/,
    );
    assert.ok(!run.stderr.includes(wrong) && !run.stderr.includes(CLI_KEY), 'key printed');
  });

  it('explains a missing SCALE_API_KEY', async () => {
    const run = await cli(['projects'], { SCALE_API_KEY: undefined });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /SCALE_API_KEY is not set — export SCALE_API_KEY=/);
    assert.equal(emulator.stats.totalRequests, 0);
  });

  it('exits 2 on usage errors', async () => {
    const cases = [['projects', '--bogus'], ['tasks'], ['tasks', '--batch', 'Batch 250', '--limit', 'abc'], ['batches'], ['nope'], []];
    const runs = await Promise.all(cases.map((args) => cli(args)));
    runs.forEach((run, i) => {
      const args = cases[i]?.join(' ') ?? '';
      assert.equal(run.code, 2, `${args}: ${run.stderr}`);
      assert.notEqual(run.stderr, '', `${args} explains itself`);
    });
    assert.equal(emulator.stats.totalRequests, 0);
  });

  it('has --help for the program and each command', async () => {
    const cases = [['--help'], ...['projects', 'batches', 'tasks', 'task', 'deliveries'].map((c) => [c, '--help'])];
    const runs = await Promise.all(cases.map((args) => cli(args)));
    runs.forEach((run, i) => {
      assert.equal(run.code, 0, cases[i]?.join(' '));
      assert.match(run.stdout, /^Usage: task-lens/);
    });
  });

  it('honours --base-url over SCALE_BASE_URL', async () => {
    const run = await cli(['--base-url', emulator.url, 'projects'], { SCALE_BASE_URL: 'http://127.0.0.1:9' });
    assert.equal(run.code, 0, run.stderr);
  });
});
