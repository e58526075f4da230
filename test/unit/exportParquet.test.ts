import { strict as assert } from 'node:assert';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runExport } from '../../src/core/export';
import { ParquetFileWriter } from '../../src/core/export/parquetFile';
import type { Task } from '../../src/core/scale/types';
import { Duck, lit } from './support/duckdb';
import { candidateTurn, msg, ranking, task, thread, turn } from './support/exportTasks';

const SECRET = 'SECRET-TOK-8812';

/** One task with an annotation of every level, a secret, nulls; an error task; a reported one with a bad date. */
function fixtureTasks(): Task[] {
  const a = task(
    'task-a',
    [
      thread(
        'th-1',
        [
          {
            id: 't0',
            annotations: [{ id: '1', key: 'topic', type: 'category', value: 'code', justification: 'looks like code' }],
            rubrics: [
              {
                criteria_definitions: [
                  {
                    id: 'c1',
                    criterion: 'correct',
                    annotations: [{ id: '2', key: 'crit', type: 'rubric_criteria', value: { weight: 2 } }],
                  },
                ],
              },
            ],
            messages: [
              msg('user', 'hello', 'user'),
              msg('assistant', 'A says', 'a', {
                model_parameters: { model: 'model-a' },
                annotations: [
                  { id: '3', key: 'quality', type: 'integer', value: 2, possible_values: [1, 2, 3], labels: ['bad', 'ok', 'good'] },
                ],
                content: {
                  text: 'A says',
                  chunks: [{ type: 'text', text: 'A', annotations: [{ id: '4', key: 'chunk_ok', type: 'boolean', value: true }] }],
                },
              } as never),
              msg('assistant', 'B says', 'b', {
                annotations: [
                  {
                    id: '5',
                    key: 'ws',
                    type: 'workspace_container',
                    value: { workspace_config: { workspace_token: SECRET, workspace_url: 'u' } },
                  },
                ],
                rubric_evaluations: [{ annotations: [{ id: '6', key: 'score', type: 'rubric_rating', value: { score: 4.5 } }] }],
              } as never),
            ],
          } as never,
          turn('t1', [msg('user', 'more')], [{ id: '7', key: 'comment', type: 'text', not_applicable: true } as never]),
        ],
        [ranking('ranked_groups', [['b'], ['a']], 'overall')],
      ),
    ],
    { batch: { id: 'batch-9', name: 'B' } as never, metadata: { k: 'v', n: 2 } },
  );
  const b = task('task-b', [], {
    status: 'error',
    errors: [{ type: 'X', message: 'm' }],
    completed_at: null,
    metadata: undefined,
    batch: undefined,
    threads: undefined,
  });
  const c = task('task-c', [], { sensitive_content_reports: [{ type: 's' }], created_at: 'garbage', threads: undefined });
  return [a, b, c];
}

describe('export: parquet tables (read back with DuckDB)', function () {
  this.timeout(30_000);
  let root: string;
  let duck: Duck;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'tl-parquet-'));
    duck = await Duck.open();
  });
  after(async () => {
    duck.close();
    await rm(root, { recursive: true, force: true });
  });

  async function exportFixture(tasks: Task[], name: string): Promise<string> {
    const input = join(root, `${name}.jsonl`);
    await writeFile(input, tasks.map((t) => `${JSON.stringify(t)}\n`).join(''));
    const out = join(root, name);
    const result = await runExport({ input, out, format: 'parquet' });
    assert.deepEqual(result.files, ['tasks.parquet', 'messages.parquet', 'annotations.parquet']);
    return out;
  }

  it('writes tasks.parquet: one row per task, numbers as numbers, times as timestamps, JSON as text, nulls as nulls', async () => {
    const out = await exportFixture(fixtureTasks(), 'fixture');
    const table = lit(join(out, 'tasks.parquet'));
    assert.deepEqual(await duck.types(`SELECT * FROM ${table}`), {
      task_id: 'VARCHAR',
      project: 'VARCHAR',
      batch: 'VARCHAR',
      status: 'VARCHAR',
      created_at: 'TIMESTAMP WITH TIME ZONE',
      completed_at: 'TIMESTAMP WITH TIME ZONE',
      metadata: 'VARCHAR',
      threads: 'VARCHAR',
      error_count: 'INTEGER',
      sensitive_report_count: 'INTEGER',
    });
    const rows = await duck.rows(
      `SELECT task_id, project, batch, status, epoch_ms(created_at)::DOUBLE AS created, epoch_ms(completed_at)::DOUBLE AS completed, metadata, error_count, sensitive_report_count, threads IS NULL AS no_threads FROM ${table}`,
    );
    assert.deepEqual(rows, [
      {
        task_id: 'task-a',
        project: 'proj-1',
        batch: 'batch-9',
        status: 'completed',
        created: Date.parse('2025-05-01T10:00:00Z'),
        completed: Date.parse('2025-05-02T11:30:00Z'),
        metadata: '{"k":"v","n":2}',
        error_count: 0,
        sensitive_report_count: 0,
        no_threads: false,
      },
      {
        task_id: 'task-b',
        project: 'proj-1',
        batch: null,
        status: 'error',
        created: Date.parse('2025-05-01T10:00:00Z'),
        completed: null,
        metadata: null,
        error_count: 1,
        sensitive_report_count: 0,
        no_threads: true,
      },
      {
        task_id: 'task-c',
        project: 'proj-1',
        batch: 'batch-1',
        status: 'completed',
        created: null,
        completed: Date.parse('2025-05-02T11:30:00Z'),
        metadata: '{}',
        error_count: 0,
        sensitive_report_count: 1,
        no_threads: true,
      },
    ]);
    const [threads] = await duck.rows(`SELECT threads FROM ${table} WHERE task_id = 'task-a'`);
    const parsed = JSON.parse(String(threads?.threads)) as Array<{ id: string }>;
    assert.equal(parsed[0]?.id, 'th-1');
    assert.deepEqual(await duck.rows(`SELECT count(*)::INT AS n FROM ${table} WHERE threads LIKE '%${SECRET}%'`), [{ n: 0 }]);
    assert.deepEqual(await duck.rows(`SELECT count(*)::INT AS n FROM ${table} WHERE threads LIKE '%[redacted by Task Lens]%'`), [{ n: 1 }]);
  });

  it('writes messages.parquet: one row per message, 0-based indices within the turn, model from model_parameters', async () => {
    const out = await exportFixture(fixtureTasks(), 'messages');
    const rows = await duck.rows(
      `SELECT * FROM read_parquet(${lit(join(out, 'messages.parquet'))}, file_row_number = true) ORDER BY file_row_number`,
    );
    assert.deepEqual(
      rows.map(({ file_row_number: _, ...r }) => r),
      [
        {
          task_id: 'task-a',
          thread_id: 'th-1',
          turn_id: 't0',
          turn_index: 0,
          message_index: 0,
          role: 'user',
          source_id: 'user',
          text: 'hello',
          model: null,
        },
        {
          task_id: 'task-a',
          thread_id: 'th-1',
          turn_id: 't0',
          turn_index: 0,
          message_index: 1,
          role: 'assistant',
          source_id: 'a',
          text: 'A says',
          model: 'model-a',
        },
        {
          task_id: 'task-a',
          thread_id: 'th-1',
          turn_id: 't0',
          turn_index: 0,
          message_index: 2,
          role: 'assistant',
          source_id: 'b',
          text: 'B says',
          model: null,
        },
        {
          task_id: 'task-a',
          thread_id: 'th-1',
          turn_id: 't1',
          turn_index: 1,
          message_index: 0,
          role: 'user',
          source_id: 'user',
          text: 'more',
          model: null,
        },
      ],
    );
  });

  it('writes annotations.parquet: every level, typed values, labels that line up, value_json always, the token redacted', async () => {
    const out = await exportFixture(fixtureTasks(), 'annotations');
    const file = lit(join(out, 'annotations.parquet'));
    assert.equal((await duck.types(`SELECT * FROM ${file}`)).value_number, 'DOUBLE');
    const rows = await duck.rows(
      `SELECT turn_id, message_index, level, source_id, key, type, value_number, value_text, value_json, label, justification FROM read_parquet(${file}, file_row_number = true) ORDER BY file_row_number`,
    );
    const base = { message_index: null, source_id: null, value_number: null, value_text: null, label: null, justification: null };
    assert.deepEqual(rows, [
      { ...base, turn_id: null, level: 'thread', key: 'overall', type: 'ranked_groups', value_text: 'b', value_json: '[["b"],["a"]]' },
      {
        ...base,
        turn_id: 't0',
        level: 'turn',
        key: 'topic',
        type: 'category',
        value_text: 'code',
        value_json: '"code"',
        justification: 'looks like code',
      },
      { ...base, turn_id: 't0', level: 'rubric', key: 'crit', type: 'rubric_criteria', value_json: '{"weight":2}' },
      {
        ...base,
        turn_id: 't0',
        message_index: 1,
        level: 'message',
        source_id: 'a',
        key: 'quality',
        type: 'integer',
        value_number: 2,
        value_json: '2',
        label: 'ok',
      },
      {
        ...base,
        turn_id: 't0',
        message_index: 1,
        level: 'chunk',
        source_id: 'a',
        key: 'chunk_ok',
        type: 'boolean',
        value_text: 'true',
        value_json: 'true',
      },
      {
        ...base,
        turn_id: 't0',
        message_index: 2,
        level: 'message',
        source_id: 'b',
        key: 'ws',
        type: 'workspace_container',
        value_json: '{"workspace_config":{"workspace_token":"[redacted by Task Lens]","workspace_url":"u"}}',
      },
      {
        ...base,
        turn_id: 't0',
        message_index: 2,
        level: 'rubric',
        source_id: 'b',
        key: 'score',
        type: 'rubric_rating',
        value_number: 4.5,
        value_json: '{"score":4.5}',
      },
      { ...base, turn_id: 't1', level: 'turn', key: 'comment', type: 'text', value_json: null },
    ]);
    // The README's query: annotations joined to their tasks, in place.
    const joined = await duck.rows(
      `SELECT t.status, a.key, a.value_text AS preferred, count(*)::INT AS n FROM ${file} a JOIN ${lit(join(out, 'tasks.parquet'))} t USING (task_id) WHERE a.type IN ('ranked_choices', 'ranked_groups') GROUP BY ALL`,
    );
    assert.deepEqual(joined, [{ status: 'completed', key: 'overall', preferred: 'b', n: 1 }]);
  });

  it('reads back an empty input as three empty tables', async () => {
    const out = await exportFixture([], 'empty');
    for (const name of await readdir(out)) {
      assert.deepEqual(await duck.rows(`SELECT count(*)::INT AS n FROM ${lit(join(out, name))}`), [{ n: 0 }]);
    }
  });

  it('splits large tables into row groups, each read back in order', async () => {
    const file = join(root, 'groups.parquet');
    const writer = await ParquetFileWriter.create(
      file,
      [
        { name: 'i', kind: 'int32' },
        { name: 's', kind: 'string' },
      ],
      { rows: 4, bytes: 1 << 20 },
    );
    for (let i = 0; i < 10; i++) await writer.append([i, i % 3 === 0 ? null : `row ${i}`]);
    await writer.close();
    const groups = await duck.rows(`SELECT count(DISTINCT row_group_id)::INT AS n FROM parquet_metadata(${lit(file)})`);
    assert.deepEqual(groups, [{ n: 3 }]);
    const rows = await duck.rows(`SELECT i, s FROM ${lit(file)}`);
    assert.deepEqual(
      rows,
      Array.from({ length: 10 }, (_, i) => ({ i, s: i % 3 === 0 ? null : `row ${i}` })),
    );
  });
  it('keeps long text exact across row groups (UTF-8 of every width, empty strings, nulls, an arena that grows)', async () => {
    const file = join(root, 'text.parquet');
    const writer = await ParquetFileWriter.create(
      file,
      [
        { name: 'i', kind: 'int32' },
        { name: 't', kind: 'text' },
      ],
      { rows: 3, bytes: 1 << 20 },
    );
    // Values computed here, independently of the writer: 1-, 2-, 3- and 4-byte characters, a value
    // far larger than the arena's first 64 KB, and text that repeats (a dictionary candidate).
    const values = Array.from({ length: 11 }, (_, i) =>
      i % 4 === 0 ? null : i === 5 ? '' : i === 7 ? 'ünïcödé ✓ 😀 '.repeat(20_000) : `row ${i % 3} — 日本語 😀`,
    );
    for (let i = 0; i < values.length; i++) await writer.append([i, values[i]]);
    await writer.close();
    const rows = await duck.rows(`SELECT i, t FROM ${lit(file)} ORDER BY i`);
    assert.deepEqual(
      rows,
      values.map((t, i) => ({ i, t })),
    );
  });
});

describe('export: hf datasets folder (read back with DuckDB)', function () {
  this.timeout(30_000);
  let root: string;
  let duck: Duck;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'tl-hf-'));
    duck = await Duck.open();
  });
  after(async () => {
    duck.close();
    await rm(root, { recursive: true, force: true });
  });

  const tasks = [
    task('k1', [
      thread('th', [
        turn('t0', [msg('system', 'sys'), msg('user', 'u0'), msg('assistant', 'r0', 'm')]),
        candidateTurn('t1', ['a', 'b', 'c'], [ranking('ranked_choices', ['b', 'c', 'a'], 'pref')]),
      ]),
    ]),
    task('k2', [thread('th2', [candidateTurn('t0', ['x', 'y'], [ranking('ranked_groups', [['x', 'y']])])])]),
    task('k3', [], { status: 'pending' }),
  ];

  async function exportBoth(shape: 'sft' | 'dpo', pairs?: 'all'): Promise<{ out: string; jsonl: unknown[] }> {
    const input = join(root, `in-${shape}.jsonl`);
    await writeFile(input, tasks.map((t) => `${JSON.stringify(t)}\n`).join(''));
    const out = join(root, `hf-${shape}`);
    const hf = await runExport({ input, out, format: 'hf', shape, pairs });
    const jsonlFile = join(root, `${shape}.jsonl`);
    const flat = await runExport({ input, out: jsonlFile, format: shape, pairs });
    assert.deepEqual(hf.counts, flat.counts);
    const jsonl = (await readFile(jsonlFile, 'utf8'))
      .trimEnd()
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as unknown);
    return { out, jsonl };
  }

  it('sft shape: data/train-00000-of-00001.parquet holds the same records as the sft export, with a dataset card', async () => {
    const { out, jsonl } = await exportBoth('sft');
    assert.deepEqual(await readdir(join(out, 'data')), ['train-00000-of-00001.parquet']);
    const file = lit(join(out, 'data', 'train-00000-of-00001.parquet'));
    assert.deepEqual(await duck.types(`SELECT * FROM ${file}`), {
      messages: 'STRUCT("role" VARCHAR, "content" VARCHAR)[]',
      metadata: 'STRUCT(task_id VARCHAR, thread_id VARCHAR)',
    });
    assert.deepEqual(await duck.rows(`SELECT messages, metadata FROM ${file}`), jsonl);
    assert.equal(jsonl.length, 1); // k2 has a tie at the top, k3 is pending
    const card = await readFile(join(out, 'README.md'), 'utf8');
    assert.match(card, /^---\nconfigs:\n- config_name: default\n {2}data_files:\n {2}- split: train\n {4}path: data\/train-\*\n/);
    assert.match(card, /num_examples: 1\n/);
    assert.match(card, /- name: messages\n {4}list:\n/);
    assert.match(card, /Tasks read: 3/);
    assert.match(card, /1 not completed/);
  });

  it('dpo shape: prompt, chosen, rejected and metadata columns, the same pairs as the dpo export', async () => {
    const { out, jsonl } = await exportBoth('dpo', 'all');
    const file = lit(join(out, 'data', 'train-00000-of-00001.parquet'));
    assert.deepEqual(Object.keys(await duck.types(`SELECT * FROM ${file}`)), ['prompt', 'chosen', 'rejected', 'metadata']);
    const rows = await duck.rows(`SELECT prompt, chosen, rejected, metadata FROM ${file}`);
    assert.deepEqual(rows, jsonl);
    assert.deepEqual(
      rows.map((r) => (r.metadata as { chosen_source: string }).chosen_source),
      ['b', 'b', 'c'],
    );
  });
});
