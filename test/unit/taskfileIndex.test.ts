import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { CancelledError } from '../../src/core/http/errors';
import { indexTaskFile, readLineAt, readTaskAt } from '../../src/core/taskfile/indexFile';
import { forEachLine } from '../../src/core/taskfile/lineReader';
import { generatedTasks, showcaseTasks, TempFolder } from './support/taskFiles';
import { everyAnnotation, messagesOf } from './support/taskOracle';

describe('task file index', () => {
  const folder = new TempFolder();
  after(() => folder.remove());

  const bigMetadata = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`field_${i}`, i % 3 === 0 ? `value ${i}` : i]));
  const weird: Record<string, unknown>[] = [
    { task_id: 'no_threads', status: 'completed' },
    { task_id: 'threads_null', status: 'completed', threads: null },
    { task_id: 'threads_junk', status: 'completed', threads: [null, 7, 'x', { turns: 'nope', annotations: {} }] },
    { task_id: 'big_metadata', status: 'completed', metadata: bigMetadata, threads: [] },
    {
      task_id: 'unknown_types',
      status: 'completed',
      threads: [
        {
          id: 't',
          annotations: [
            { key: 'slider', type: 'pairwise_slider', value: { position: 0.25 } },
            { key: 'bare', value: 'no type at all' },
            { type: 'integer', value: 3 }, // no key: cannot be named, so not indexed
          ],
          turns: [],
        },
      ],
    },
  ];

  function unreadableFile(): string {
    return folder.write([
      JSON.stringify(weird[0]),
      '',
      'not json at all',
      '   ',
      '[1, 2, 3]',
      '"a string"',
      Buffer.concat([Buffer.from('{"task_id":"bad_utf8","status":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]),
      '{"task_id": "truncated", ',
      JSON.stringify(weird[3]),
      '\r',
      JSON.stringify(weird[4]),
    ]);
  }

  it('yields each non-blank line with its byte offset, length and 1-based line number, across chunk borders', async () => {
    const lines = ['{"a":1}', '', '{"b":"ü—✓"}', 'x'.repeat(300), '  ', '{"c":3}'];
    const file = folder.write(lines, { noFinalNewline: true });
    const bytes = readFileSync(file);
    const seen: Array<{ text: string; offset: number; length: number; lineNumber: number }> = [];
    let lastProgress = 0;
    const size = await forEachLine(file, (line, place) => void seen.push({ text: line.toString('utf8'), ...place }), {
      chunkBytes: 7,
      onProgress: (read, total) => ((lastProgress = read), assert.equal(total, bytes.length)),
    });
    assert.equal(size, bytes.length);
    assert.equal(lastProgress, bytes.length);
    assert.deepEqual(
      seen.map((s) => [s.text, s.lineNumber]),
      [
        ['{"a":1}', 1],
        ['{"b":"ü—✓"}', 3],
        ['x'.repeat(300), 4],
        ['{"c":3}', 6],
      ],
    );
    for (const s of seen) assert.equal(bytes.subarray(s.offset, s.offset + s.length).toString('utf8'), s.text);
  });

  it('counts lines that are not JSON, not an object or not UTF-8 as unreadable, with their line numbers, and skips blank ones', async () => {
    const index = await indexTaskFile(unreadableFile(), { chunkBytes: 64 });
    assert.equal(index.size, 3);
    assert.deepEqual(
      index.unreadable.map((u) => [u.lineNumber, u.reason]),
      [
        [3, 'not_json'],
        [5, 'not_object'],
        [6, 'not_object'],
        [7, 'not_utf8'],
        [8, 'not_json'],
      ],
    );
    assert.deepEqual(
      [0, 1, 2].map((row) => index.taskId(row)),
      ['no_threads', 'big_metadata', 'unknown_types'],
    );
    assert.deepEqual(
      [0, 1, 2].map((row) => index.entry(row).lineNumber),
      [1, 9, 11],
    );
  });

  it('reads a first line that starts with a UTF-8 byte order mark', async () => {
    const index = await indexTaskFile(folder.write([Buffer.from('\ufeff{"task_id":"bom"}', 'utf8'), '{"task_id":"next"}']));
    assert.deepEqual([index.taskId(0), index.taskId(1), index.unreadable.length], ['bom', 'next', 0]);
  });

  it('reads a row back by its offset, byte for byte', async () => {
    const file = unreadableFile();
    const index = await indexTaskFile(file);
    const task = await readTaskAt(file, index.entry(1));
    assert.equal(Object.keys(task.metadata as object).length, 5_000);
    assert.equal((await readLineAt(file, index.entry(2))).toString('utf8'), JSON.stringify(weird[4]));
  });

  it('tolerates missing and malformed threads, unknown annotation types and bare annotations', async () => {
    const index = await indexTaskFile(folder.write(weird.map((t) => JSON.stringify(t))));
    assert.equal(index.size, weird.length);
    assert.deepEqual(index.annotationKeys(), [
      { key: 'slider', type: 'pairwise_slider', types: ['pairwise_slider'] },
      { key: 'bare', type: '', types: [''] },
    ]);
    assert.deepEqual(
      [0, 1, 2, 3].map((row) => index.turns(row)),
      [0, 0, 0, 0],
    );
  });

  it('derives the explorer columns the same way a plain walk of each task does', async () => {
    const tasks = [...generatedTasks(300), ...showcaseTasks()];
    const index = await indexTaskFile(folder.write(tasks.map((t) => JSON.stringify(t))));
    assert.equal(index.size, tasks.length);
    tasks.forEach((task, row) => {
      const t = task as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      assert.equal(index.taskId(row), t.task_id);
      assert.equal(index.status(row), t.status);
      assert.equal(index.batch(row), t.batch);
      assert.equal(index.completedAt(row), t.completed_at ?? '');
      const threads: any[] = Array.isArray(t.threads) ? t.threads : []; // eslint-disable-line @typescript-eslint/no-explicit-any
      assert.equal(
        index.turns(row),
        threads.reduce((n, th) => n + th.turns.length, 0),
      );
      assert.equal(index.messages(row), messagesOf(t).length);
      const candidates = [
        ...new Set(
          messagesOf(t)
            .filter((m) => m.role === 'assistant')
            .map((m) => m.source_id),
        ),
      ];
      assert.deepEqual(index.candidates(row), candidates);
      const ranking = everyAnnotation(t).find((p) => ['ranked_choices', 'ranked_groups'].includes(p.annotation.type))?.annotation;
      const first = ranking ? (ranking.type === 'ranked_choices' ? [ranking.value[0]] : ranking.value[0]) : [];
      assert.equal(index.preferred(row), first.join(' = '));
      const [start, end] = index.annotationRange(row);
      assert.equal(end - start, everyAnnotation(t).length);
      assert.equal(index.hasErrors(row), Array.isArray(t.errors) && t.errors.length > 0);
    });
    const keys = new Set(tasks.flatMap((t) => everyAnnotation(t as never).map((p) => p.annotation.key as string)));
    assert.deepEqual(new Set(index.annotationKeys().map((k) => k.key)), keys);
  });

  // The builder remembers the last type per key and the last source id: a key that changes type
  // and messages that change source must still be recorded one annotation at a time.
  it('keeps each annotation its own type and source when a key changes type and messages change source', async () => {
    const message = (source: string | undefined, annotations: unknown[]): unknown => ({
      role: 'assistant',
      source_id: source,
      annotations,
    });
    const task = {
      task_id: 'mixed',
      status: 'completed',
      threads: [
        {
          annotations: [{ key: 'k', type: 'integer', value: 1 }],
          turns: [
            {
              messages: [
                message('m_a', [
                  { key: 'k', type: 'text', value: 'x' },
                  { key: 'k', type: 'integer', value: 2 },
                ]),
                message(undefined, [{ key: 'k', type: 'integer', value: 3 }]),
                message('m_b', [{ key: 'k', value: 'bare' }]),
                message('m_a', [{ key: 'j', type: 'integer', value: 4 }]),
              ],
            },
          ],
        },
      ],
    };
    const index = await indexTaskFile(folder.write([JSON.stringify(task), JSON.stringify({ ...task, task_id: 'again' })]));
    const a = index.annotations;
    const seen = Array.from({ length: a.task.length }, (_, j) => [
      index.strings.get(a.key.get(j)),
      index.strings.get(a.type.get(j)),
      index.strings.get(a.source.get(j)),
    ]);
    const one = [
      ['k', 'integer', ''],
      ['k', 'text', 'm_a'],
      ['k', 'integer', 'm_a'],
      ['k', 'integer', ''],
      ['k', '', 'm_b'],
      ['j', 'integer', 'm_a'],
    ];
    assert.deepEqual(seen, [...one, ...one]);
    assert.deepEqual(
      index.annotationKeys().map(({ key, types }) => [key, types]),
      [
        ['k', ['integer', 'text', '']],
        ['j', ['integer']],
      ],
    );
    assert.deepEqual(
      [...(index.keyTypes.get(index.strings.lookup('k') as number) ?? [])].map(([t, n]) => [index.strings.get(t), n]),
      [
        ['integer', 6],
        ['text', 2],
        ['', 2],
      ],
    );
  });

  it('stops with CancelledError when its signal is aborted', async () => {
    const file = folder.write(generatedTasks(200).map((t) => JSON.stringify(t)));
    const controller = new AbortController();
    await assert.rejects(
      indexTaskFile(file, { chunkBytes: 4096, signal: controller.signal, onProgress: () => controller.abort() }),
      (error) => error instanceof CancelledError,
    );
  });
});
