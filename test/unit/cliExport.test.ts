import { strict as assert } from 'node:assert';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Task } from '../../src/core/scale/types';
import { candidateTurn, msg, ranking, task, thread, turn } from './support/exportTasks';
import { runInProcess } from './support/inProcessCli';

/** i-th task: completed with one ranked turn, except every 4th (pending); a few with a tool message. */
function manyTasks(n: number): Task[] {
  return Array.from({ length: n }, (_, i) =>
    task(
      `task-${i}`,
      [
        thread(`th-${i}`, [
          turn('t0', [
            msg('user', `question ${i}`),
            ...(i % 10 === 0 ? [msg('function', 'tool output', 'tool')] : []),
            msg('assistant', `answer ${i}`, 'm'),
          ]),
          candidateTurn('t1', ['a', 'b', 'c'], [ranking('ranked_choices', ['c', 'b', 'a'])]),
        ]),
      ],
      { status: i % 4 === 3 ? 'pending' : 'completed' },
    ),
  );
}

describe('task-lens export (in process)', function () {
  this.timeout(60_000);
  let root: string;
  let input: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'tl-cli-export-'));
    input = join(root, 'delivery.jsonl');
    await writeFile(
      input,
      `${manyTasks(40)
        .map((t) => JSON.stringify(t))
        .join('\n')}\n{broken\n`,
    );
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('writes sft records without an API key, with the summary on stderr and as JSON on stdout', async () => {
    const out = join(root, 'sft.jsonl');
    const run = await runInProcess(['export', input, '--format', 'sft', '--out', out]);
    assert.equal(run.code, 0, run.stderr);
    const lines = (await readFile(out, 'utf8')).trimEnd().split('\n');
    assert.equal(lines.length, 30); // 40 tasks, 10 pending
    const summary = JSON.parse(run.stdout) as { written: number; tasks: number; skipped: Record<string, number>; unreadableLines: number };
    assert.equal(summary.tasks, 40);
    assert.equal(summary.written, 30);
    assert.equal(summary.skipped.not_completed, 10);
    // Tasks 0, 10, 20, 30 carry a tool message; 30 is completed (30 % 4 = 2), so all four are written.
    assert.equal(summary.skipped.dropped_roles, 4);
    assert.equal(summary.unreadableLines, 1);
    assert.match(run.stderr, /Wrote 30 records from 40 tasks/);
    assert.match(run.stderr, /10 not completed \(tasks\)/);
    assert.match(run.stderr, /4 dropped roles/);
    assert.match(run.stderr, /1 unreadable lines .*line 41/);
    assert.deepEqual(
      (await readdir(root)).filter((f) => f.includes('partial')),
      [],
    );
  });

  it('writes dpo pairs (best-worst by default, all with --pairs all)', async () => {
    const bw = await runInProcess(['export', input, '--format', 'dpo', '--out', join(root, 'bw.jsonl')]);
    assert.equal(bw.code, 0, bw.stderr);
    assert.equal((JSON.parse(bw.stdout) as { written: number }).written, 30);
    const all = await runInProcess(['export', input, '--format', 'dpo', '--pairs', 'all', '--out', join(root, 'all.jsonl')]);
    assert.equal(all.code, 0, all.stderr);
    assert.equal((JSON.parse(all.stdout) as { written: number }).written, 90);
  });

  it('warns when --ranking names a key no thread is ranked by (a typo would pass for an empty export)', async () => {
    const typo = await runInProcess(['export', input, '--format', 'dpo', '--ranking', 'prefrence', '--out', join(root, 'typo.jsonl')]);
    assert.equal(typo.code, 0, typo.stderr);
    assert.equal((JSON.parse(typo.stdout) as { written: number }).written, 0);
    assert.match(typo.stderr, /nothing was written: no thread had a usable ranking under the key “prefrence”/);
    const right = await runInProcess(['export', input, '--format', 'dpo', '--ranking', 'preference', '--out', join(root, 'right.jsonl')]);
    assert.equal((JSON.parse(right.stdout) as { written: number }).written, 30);
    assert.doesNotMatch(right.stderr, /nothing was written/);
  });

  it('exports only the tasks matching --where / --status / --search, as query takes them', async () => {
    // Expected from the tasks themselves: a user message containing the text, completed (sft
    // writes completed tasks only); --status keeps exactly that status.
    const tasks = manyTasks(40);
    const mentions = (t: Task, text: string) => JSON.stringify(t.threads).toLowerCase().includes(text);
    const searched = tasks.filter((t) => mentions(t, 'question 1'));
    const out = join(root, 'searched.jsonl');
    const run = await runInProcess(['export', input, '--format', 'sft', '--out', out, '--search', 'Question 1']);
    assert.equal(run.code, 0, run.stderr);
    const summary = JSON.parse(run.stdout) as { written: number; filteredOut: number };
    assert.equal(summary.written, searched.filter((t) => t.status === 'completed').length);
    assert.equal(summary.filteredOut, tasks.length - searched.length);
    const ids = (await readFile(out, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((l) => (JSON.parse(l) as { metadata?: { task_id?: string } }).metadata?.task_id);
    assert.deepEqual(
      ids,
      searched.filter((t) => t.status === 'completed').map((t) => t.task_id),
    );

    const folder = join(root, 'pending-parquet');
    const pending = await runInProcess(['export', input, '--format', 'parquet', '--out', folder, '--status', 'pending']);
    assert.equal(pending.code, 0, pending.stderr);
    const rows = (JSON.parse(pending.stdout) as { rows: { tasks: number } }).rows;
    assert.equal(rows.tasks, tasks.filter((t) => t.status === 'pending').length);

    const bad = await runInProcess(['export', input, '--format', 'sft', '--out', join(root, 'bad.jsonl'), '--where', 'score >']);
    assert.equal(bad.code, 2, bad.stderr);
  });

  it('exits 2 on usage errors and 1 on a missing input, writing nothing', async () => {
    const out = join(root, 'never.jsonl');
    const cases: Array<[string[], number, RegExp]> = [
      [['export', input, '--out', out], 2, /format/],
      [['export', input, '--format', 'csv', '--out', out], 2, /csv/],
      [['export', input, '--format', 'sft', '--pairs', 'all', '--out', out], 2, /--pairs applies/],
      [['export', input, '--format', 'sft', '--shape', 'dpo', '--out', out], 2, /--shape applies/],
      [['export', input, '--format', 'sft', '--out', input], 2, /is the input file/],
      [['export', join(root, 'missing.jsonl'), '--format', 'sft', '--out', out], 1, /Cannot read the task file/],
    ];
    for (const [args, code, message] of cases) {
      const run = await runInProcess(args);
      assert.equal(run.code, code, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message);
    }
    await assert.rejects(readFile(out), /ENOENT/);
    assert.ok((await readFile(input, 'utf8')).includes('{broken'));
  });

  it('refuses a folder output that holds other files, and replaces its own previous export', async () => {
    const folder = join(root, 'tables');
    await mkdir(folder);
    await writeFile(join(folder, 'notes.txt'), 'mine');
    const refused = await runInProcess(['export', input, '--format', 'parquet', '--out', folder]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /holds other files \(notes\.txt\)/);
    assert.deepEqual(await readdir(folder), ['notes.txt']);
    await rm(join(folder, 'notes.txt'));
    for (let i = 0; i < 2; i++) {
      const run = await runInProcess(['export', input, '--format', 'parquet', '--out', folder]);
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual((await readdir(folder)).sort(), ['annotations.parquet', 'messages.parquet', 'tasks.parquet']);
    }
    const hf = await runInProcess(['export', input, '--format', 'hf', '--shape', 'dpo', '--out', join(root, 'hf')]);
    assert.equal(hf.code, 0, hf.stderr);
    assert.deepEqual((JSON.parse(hf.stdout) as { files: string[] }).files, ['README.md', 'data/train-00000-of-00001.parquet']);
  });

  it('Ctrl-C mid-export: exit 130, the previous output untouched, no temporary left', async () => {
    const big = join(root, 'big.jsonl');
    await writeFile(
      big,
      `${manyTasks(30_000)
        .map((t) => JSON.stringify(t))
        .join('\n')}\n`,
    );
    const out = join(root, 'cancelled.jsonl');
    await writeFile(out, 'previous export\n');
    const controller = new AbortController();
    // Cancel once the temporary beside the output has grown: the export is under way.
    const watcher = setInterval(() => {
      void readdir(root).then(async (names) => {
        const partial = names.find((n) => n.startsWith('.cancelled.jsonl.') && n.endsWith('.partial'));
        if (partial && (await readFile(join(root, partial)).catch(() => Buffer.alloc(0))).length > 0) controller.abort();
      });
    }, 2);
    const run = await runInProcess(['export', big, '--format', 'sft', '--out', out], { controller });
    clearInterval(watcher);
    assert.equal(run.code, 130, run.stderr);
    assert.match(run.stderr, /Export cancelled; nothing was written/);
    assert.equal(await readFile(out, 'utf8'), 'previous export\n');
    assert.deepEqual(
      (await readdir(root)).filter((n) => n.endsWith('.partial')),
      [],
    );
    const done = await runInProcess(['export', big, '--format', 'sft', '--out', out]);
    assert.equal(done.code, 0, done.stderr);
    assert.equal((await readFile(out, 'utf8')).split('\n').length - 1, 22_500);
  });
});
