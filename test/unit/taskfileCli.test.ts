import { strict as assert } from 'node:assert';
import { Writable } from 'node:stream';
import { main } from '../../src/cli/run';
import { CONDITION_GRAMMAR } from '../../src/core/taskfile/conditions';
import { ann, handTask } from './support/handTasks';
import { generatedTasks, showcaseTasks, TempFolder } from './support/taskFiles';
import { everyAnnotation, oracleMatches } from './support/taskOracle';

type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

class Capture extends Writable {
  readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.chunks.push(Buffer.from(chunk));
    done();
  }
  get bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
  get text(): string {
    return this.bytes.toString('utf8');
  }
}

interface Run {
  code: number;
  stdout: Capture;
  stderr: string;
}

/** The CLI in-process, with no API key and no base URL in its environment. */
async function cli(...args: string[]): Promise<Run> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main(['node', 'task-lens', ...args], { stdout, stderr, env: {}, signal: new AbortController().signal });
  return { code, stdout, stderr: stderr.text };
}

describe('task-lens query and report (in-process)', () => {
  const folder = new TempFolder();
  after(() => folder.remove());
  const tasks = [...generatedTasks(120, 21), ...showcaseTasks(21)] as unknown as Rec[];
  // Lines written with their own spacing and a CRLF one, to prove output is the file's bytes, not re-serialised JSON.
  const taskLines = tasks.map((t, i) =>
    i % 3 === 0 ? JSON.stringify(t, null, 0).replace('{', '{  ') : i % 7 === 0 ? `${JSON.stringify(t)}\r` : JSON.stringify(t),
  );
  const extra = JSON.stringify(handTask('ünïcode ✓', [['message', ann('prompt_category', 'category', 'Coding — ✓')]]));
  let file: string;
  before(() => {
    file = folder.write(['', 'garbage', ...taskLines.slice(0, 50), '[1]', ...taskLines.slice(50), extra]);
  });

  const expectedLines = (predicate: (t: Rec) => boolean): Buffer => {
    const all = [...taskLines, extra];
    const parsed = [...tasks, JSON.parse(extra) as Rec];
    const picked = all.filter((_, i) => predicate(parsed[i] as Rec));
    return Buffer.from(picked.map((line) => `${line}\n`).join(''), 'utf8');
  };
  const has = (key: string, op?: string, value?: string) => (t: Rec) =>
    everyAnnotation(t).some((p) => p.annotation.key === key && oracleMatches(p.annotation, op, value));

  it('prints the matching lines byte for byte, in file order', async () => {
    const run = await cli('query', file, '--where', 'prompt_category ~ coding');
    assert.equal(run.code, 0, run.stderr);
    // Nothing on stderr but the two lines of the file that are no task.
    assert.equal(run.stderr, 'task-lens: warning: 2 unreadable lines (not a JSON task) were skipped, e.g. line 2, 53\n');
    const expected = expectedLines(has('prompt_category', '~', 'coding'));
    assert.ok(expected.length > 0);
    assert.ok(run.stdout.bytes.equals(expected));
  });

  it('combines --where, --status and --search', async () => {
    const run = await cli(
      'query',
      file,
      '-w',
      'instruction_following >= 2',
      '-w',
      'overall_preference = model_b',
      '--status',
      'completed',
      '--status',
      'error',
      '--search',
      'LIST',
    );
    assert.equal(run.code, 0, run.stderr);
    const mentions = (t: Rec): boolean =>
      (t.threads ?? []).some((th: Rec) =>
        th.turns.some((tu: Rec) =>
          tu.messages.some((m: Rec) => typeof m.content?.text === 'string' && m.content.text.toLowerCase().includes('list')),
        ),
      );
    const expected = expectedLines(
      (t) =>
        has('instruction_following', '>=', '2')(t) &&
        has('overall_preference', '=', 'model_b')(t) &&
        ['completed', 'error'].includes(t.status) &&
        mentions(t),
    );
    assert.ok(expected.length > 0);
    assert.ok(run.stdout.bytes.equals(expected));
  });

  it('prints every readable line without conditions, and counts with --count', async () => {
    const all = await cli('query', file);
    assert.ok(all.stdout.bytes.equals(expectedLines(() => true)));
    // 'garbage' (line 2) and '[1]' (line 53) are no task: skipped, and said to be.
    assert.match(all.stderr, /2 unreadable lines \(not a JSON task\) were skipped, e\.g\. line 2, 53/);
    const count = await cli('query', file, '--status', 'completed', '--count');
    assert.equal(count.code, 0);
    assert.equal(count.stdout.text, `${[...tasks, JSON.parse(extra) as Rec].filter((t) => t.status === 'completed').length}\n`);
  });

  it('warns about an unknown key on stderr and exits 0 with no match', async () => {
    const run = await cli('query', file, '--where', 'no_such_key = 1');
    assert.equal(run.code, 0);
    assert.equal(run.stdout.text, '');
    assert.match(run.stderr, /^task-lens: warning: .*no_such_key/);
  });

  it('refuses a status it does not know, and matches it offline with --allow-unknown', async () => {
    const odd = folder.write([
      JSON.stringify({ task_id: 'q1', status: 'quality_review', threads: [] }),
      JSON.stringify({ task_id: 'q2', status: 'completed', threads: [] }),
    ]);
    const refused = await cli('query', odd, '--status', 'quality_review');
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /If the file holds this value, pass --allow-unknown to match it anyway/);
    const matched = await cli('--allow-unknown', 'query', odd, '--status', 'quality_review');
    assert.equal(matched.code, 0, matched.stderr);
    assert.match(matched.stderr, /matching it as given \(--allow-unknown\)/);
    assert.doesNotMatch(matched.stderr, /sending/);
    assert.deepEqual(
      matched.stdout.text
        .trimEnd()
        .split('\n')
        .map((l) => (JSON.parse(l) as Rec).task_id),
      ['q1'],
    );
  });

  it('exits 2 with the grammar for a bad condition, before reading anything', async () => {
    for (const bad of ['= 3', 'instruction_following >=']) {
      const run = await cli('query', file, '--where', bad);
      assert.equal(run.code, 2, bad);
      assert.equal(run.stdout.text, '');
      assert.ok(run.stderr.includes(CONDITION_GRAMMAR.slice(1)), run.stderr);
    }
    assert.equal((await cli('report', file, '--where', '"unclosed = 1')).code, 2);
    assert.equal((await cli('report', file, '--format', 'xml')).code, 2);
  });

  it('exits 1 with a clear message for a missing file', async () => {
    const run = await cli('query', `${folder.path}/missing.jsonl`);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /Cannot read .*missing\.jsonl \(ENOENT\)/);
  });

  it('prints the report as one JSON object with explorer.md’s fields', async () => {
    const run = await cli('report', file, '--format', 'json', '--key', 'instruction_following');
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout.text) as Rec;
    assert.equal(report.tasks, tasks.length + 1);
    assert.equal(report.unreadableLines, 2);
    assert.equal(report.status.completed, [...tasks, JSON.parse(extra) as Rec].filter((t) => t.status === 'completed').length);
    const integer = report.annotations.instruction_following;
    assert.equal(integer.type, 'integer');
    for (const field of ['tasks', 'count', 'values', 'mean', 'min', 'max', 'notApplicable', 'cannotAssess'])
      assert.ok(field in integer, field);
    for (const field of ['first', 'comparisons', 'winRate']) assert.ok(field in report.candidates.model_a, field);
    assert.equal(report.annotators.key, 'instruction_following');
  });

  it('reports on the matching tasks only, and in Markdown tables', async () => {
    const json = JSON.parse((await cli('report', file, '--status', 'error')).stdout.text) as Rec;
    assert.deepEqual(json.status, { error: tasks.filter((t) => t.status === 'error').length });
    assert.equal(json.unreadableLines, 2);
    const md = await cli('report', file, '--format', 'md');
    assert.equal(md.code, 0, md.stderr);
    assert.match(md.stdout.text, /^# Report of /);
    assert.match(md.stdout.text, /\n\| Key \| Type \| Tasks \| Count \|/);
    assert.match(md.stdout.text, /\n## Candidates\n/);
  });
});
