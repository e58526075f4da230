import { strict as assert } from 'node:assert';
import { parseCondition } from '../../src/core/taskfile/conditions';
import { indexTaskFile } from '../../src/core/taskfile/indexFile';
import { filterRows } from '../../src/core/taskfile/matcher';
import { buildReport } from '../../src/core/taskfile/report';
import { reportToMarkdown } from '../../src/core/taskfile/reportMarkdown';
import { ann, handTask } from './support/handTasks';
import { generatedTasks, showcaseTasks, TempFolder } from './support/taskFiles';
import { everyAnnotation, messagesOf, usable } from './support/taskOracle';

type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The per-key figures, counted the plain way. */
function oracleKeys(tasks: Rec[]): Record<string, Rec> {
  const out: Record<string, Rec> = {};
  for (const task of tasks) {
    const seen = new Set<string>();
    for (const { annotation: a } of everyAnnotation(task)) {
      const f = (out[a.key] ??= { tasks: 0, count: 0, values: {}, numbers: [] as number[], notApplicable: 0, cannotAssess: 0 });
      if (!seen.has(a.key)) f.tasks++;
      seen.add(a.key);
      if (a.not_applicable === true) f.notApplicable++;
      if (a.cannot_assess === true) f.cannotAssess++;
      if (!usable(a)) continue;
      f.count++;
      const bump = (v: string): void => void (f.values[v] = (f.values[v] ?? 0) + 1);
      if (a.type === 'integer' && typeof a.value === 'number') {
        bump(String(a.value));
        f.numbers.push(a.value);
      }
      if (a.type === 'boolean' && typeof a.value === 'boolean') bump(String(a.value));
      if (a.type === 'category' && typeof a.value === 'string') bump(a.value);
      if (a.type === 'category_multiple' && Array.isArray(a.value)) a.value.forEach(bump);
      if (a.type === 'rubric_rating' && typeof a.value?.score === 'number') f.numbers.push(a.value.score);
    }
  }
  return out;
}

const mean = (numbers: number[]): number | null => (numbers.length ? numbers.reduce((s, n) => s + n, 0) / numbers.length : null);

describe('quality report', () => {
  const folder = new TempFolder();
  after(() => folder.remove());

  it('counts status, errors, sensitive reports and every key the way a plain walk does', async () => {
    const tasks = [...generatedTasks(500, 5), ...showcaseTasks(5)] as unknown as Rec[];
    const file = folder.write(['not json', ...tasks.map((t) => JSON.stringify(t)), '[]']);
    const report = buildReport(await indexTaskFile(file));
    assert.equal(report.tasks, tasks.length);
    assert.equal(report.unreadableLines, 2);
    const status: Record<string, number> = {};
    for (const t of tasks) status[t.status] = (status[t.status] ?? 0) + 1;
    assert.deepEqual(report.status, status);
    assert.equal(report.tasksWithErrors, tasks.filter((t) => Array.isArray(t.errors) && t.errors.length > 0).length);
    assert.equal(
      report.tasksWithSensitiveReports,
      tasks.filter((t) => Array.isArray(t.sensitive_content_reports) && t.sensitive_content_reports.length).length,
    );
    const expected = oracleKeys(tasks);
    assert.deepEqual(Object.keys(report.annotations).sort(), Object.keys(expected).sort());
    for (const [key, f] of Object.entries(report.annotations)) {
      const e = expected[key] as Rec;
      assert.equal(f.tasks, e.tasks, key);
      assert.equal(f.count, e.count, key);
      assert.equal(f.notApplicable, e.notApplicable, key);
      assert.equal(f.cannotAssess, e.cannotAssess, key);
      if (['integer', 'boolean', 'category', 'category_multiple'].includes(f.type)) assert.deepEqual(f.values, e.values, key);
      if (['integer', 'rubric_rating'].includes(f.type)) {
        assert.equal(f.mean, mean(e.numbers), key);
        assert.equal(f.min, e.numbers.length ? Math.min(...e.numbers) : null, key);
        assert.equal(f.max, e.numbers.length ? Math.max(...e.numbers) : null, key);
      }
    }
    // The generator's category_multiple: each chosen value counted once per annotation.
    assert.ok(Object.keys(report.annotations.issues?.values ?? {}).length >= 3);
    assert.equal(report.annotations.safety?.notApplicable, expected.safety?.notApplicable);

    // Per candidate, the mean of each integer annotation on its messages.
    const sums: Record<string, Record<string, number[]>> = {};
    for (const t of tasks)
      for (const p of everyAnnotation(t))
        if (p.level === 'message' && p.annotation.type === 'integer' && usable(p.annotation) && typeof p.annotation.value === 'number')
          ((sums[p.messageSource as string] ??= {})[p.annotation.key] ??= []).push(p.annotation.value);
    for (const [source, byKey] of Object.entries(sums))
      for (const [key, numbers] of Object.entries(byKey)) {
        assert.equal(report.candidateMeans[source]?.[key]?.count, numbers.length, `${source} ${key}`);
        assert.ok(Math.abs((report.candidateMeans[source]?.[key]?.mean ?? NaN) - (mean(numbers) as number)) < 1e-12);
      }

    // Submissions per contributor.
    const submissions: Record<string, number> = {};
    for (const t of tasks)
      for (const th of t.threads ?? [])
        for (const s of th.submissions ?? []) submissions[s.contributor_id] = (submissions[s.contributor_id] ?? 0) + 1;
    assert.deepEqual(report.annotators.submissions, submissions);
  });

  it('computes first places and win rates with ties (top, middle, bottom) and the head-to-head matrix', async () => {
    const tasks = [
      handTask('r1', [['thread', ann('pref', 'ranked_groups', [['A', 'B'], ['C']])]]),
      handTask('r2', [['turn', ann('pref', 'ranked_choices', ['C', 'A', 'B'])]]),
      handTask('r3', [['message', ann('pref', 'ranked_groups', [['B'], ['A', 'C']])]]),
      handTask('r_na', [['thread', ann('pref', 'ranked_choices', ['C', 'B', 'A'], { not_applicable: true })]]),
    ];
    const report = buildReport(await indexTaskFile(folder.write(tasks.map((t) => JSON.stringify(t)))));
    assert.deepEqual(report.candidates, {
      A: { first: 1, wins: 2, ties: 2, losses: 2, comparisons: 6, winRate: 0.5 },
      B: { first: 2, wins: 3, ties: 1, losses: 2, comparisons: 6, winRate: 3.5 / 6 },
      C: { first: 1, wins: 2, ties: 1, losses: 3, comparisons: 6, winRate: 2.5 / 6 },
    });
    assert.deepEqual(report.headToHead.A?.B, { wins: 1, ties: 1, losses: 1, comparisons: 3, winRate: 0.5 });
    assert.deepEqual(report.headToHead.B?.C, { wins: 2, ties: 0, losses: 1, comparisons: 3, winRate: 2 / 3 });
    assert.deepEqual(report.headToHead.C?.B, { wins: 1, ties: 0, losses: 2, comparisons: 3, winRate: 1 / 3 });
    assert.deepEqual(report.headToHead.A?.C, { wins: 1, ties: 1, losses: 1, comparisons: 3, winRate: 0.5 });
    assert.equal(report.annotations.pref?.notApplicable, 1);
    assert.equal(report.annotations.pref?.count, 3);
    const md = reportToMarkdown(report);
    assert.match(md, /\| B \| 2 \| 3 \| 1 \| 2 \| 6 \| 58\.3% \|/);
    assert.match(md, /\| B \| 50\.0% \| — \| 66\.7% \|/);
  });

  it('has no candidates for a file without rankings, and says so in Markdown', async () => {
    const tasks = [handTask('plain', [['message', ann('score', 'integer', 2)]])];
    const report = buildReport(await indexTaskFile(folder.write(tasks.map((t) => JSON.stringify(t)))));
    assert.deepEqual(report.candidates, {});
    assert.deepEqual(report.headToHead, {});
    assert.match(reportToMarkdown(report), /No ranking annotations\./);
  });

  it('gives rubric criterion means, zero counts and total / percentage distributions', async () => {
    const rubricTask = (id: string, scores: Array<[string, number]>, total: number, percentage: number): Rec => {
      const t = handTask(id, []);
      const message = (t as Rec).threads[0].turns[0].messages[1];
      message.rubric_evaluations = [
        { total_score: total, percentage, criteria_evaluations: scores.map(([c, score]) => ({ criterion_definition_id: c, score })) },
      ];
      (t as Rec).threads[0].turns[0].rubrics = [
        {
          criteria_definitions: [
            { id: 'c1', criterion: 'Compiles', annotations: [] },
            { id: 'c2', criterion: 'Explains', annotations: [] },
          ],
        },
      ];
      return t;
    };
    const tasks = [
      rubricTask(
        'a',
        [
          ['c1', 1],
          ['c2', 0],
        ],
        6,
        60,
      ),
      rubricTask(
        'b',
        [
          ['c1', 0],
          ['c2', 0],
        ],
        0,
        0,
      ),
      rubricTask(
        'c',
        [
          ['c1', 1],
          ['c2', 3],
        ],
        6,
        60,
      ),
    ];
    const report = buildReport(await indexTaskFile(folder.write(tasks.map((t) => JSON.stringify(t)))));
    assert.deepEqual(report.rubrics.criteria, {
      c1: { criterion: 'Compiles', count: 3, mean: 2 / 3, zeros: 1 },
      c2: { criterion: 'Explains', count: 3, mean: 1, zeros: 2 },
    });
    assert.deepEqual(report.rubrics.totalScore, { count: 3, mean: 4, min: 0, max: 6, values: { '6': 2, '0': 1 } });
    assert.deepEqual(report.rubrics.percentage.values, { '60': 2, '0': 1 });
  });

  it('breaks a key down per contributor of the thread, and counts submissions', async () => {
    const withSubmitters = (t: Rec, who: string[]): Rec => (
      (t.threads[0].submissions = who.map((contributor_id) => ({ contributor_id }))),
      t
    );
    const tasks = [
      withSubmitters(
        handTask('1', [
          ['message', ann('q', 'integer', 1)],
          ['turn', ann('tags', 'category_multiple', ['x', 'y'])],
        ]),
        ['ann_1'],
      ),
      withSubmitters(handTask('2', [['message', ann('q', 'integer', 1)]]), ['ann_1', 'reviewer']),
      withSubmitters(
        handTask('3', [
          ['message', ann('q', 'integer', 3)],
          ['message', ann('q', 'integer', 2, { cannot_assess: true })],
        ]),
        ['ann_2'],
      ),
      withSubmitters(handTask('4', [['message', ann('q', 'integer', 3)]]), ['ann_2', 'ann_2']),
    ];
    const index = await indexTaskFile(folder.write(tasks.map((t) => JSON.stringify(t))));
    const report = buildReport(index, { contributorKey: 'q' });
    assert.deepEqual(report.annotators.submissions, { ann_1: 2, reviewer: 1, ann_2: 3 });
    assert.equal(report.annotators.key, 'q');
    assert.deepEqual(report.annotators.values, { ann_1: { '1': 2 }, reviewer: { '1': 1 }, ann_2: { '3': 2 } });
    assert.deepEqual(buildReport(index, { contributorKey: 'tags' }).annotators.values, { ann_1: { x: 1, y: 1 } });
  });

  it('with conditions covers every annotation of the matching tasks, and keeps the file’s unreadable count', async () => {
    const tasks = [...generatedTasks(300, 9)] as unknown as Rec[];
    const index = await indexTaskFile(folder.write(['', '{bad', ...tasks.map((t) => JSON.stringify(t))]));
    const { rows } = filterRows(index, { where: [parseCondition('overall_preference = model_b')] });
    const report = buildReport(index, { rows });
    const matching = tasks.filter((t) =>
      everyAnnotation(t).some((p) => p.annotation.key === 'overall_preference' && p.annotation.value[0] === 'model_b'),
    );
    assert.equal(report.tasks, matching.length);
    assert.equal(report.unreadableLines, 1);
    assert.equal(report.candidates.model_b?.first, matching.length);
    assert.equal(report.candidates.model_a?.first ?? 0, 0);
    // Annotations on other levels of the matching tasks are all in.
    const expected = oracleKeys(matching);
    assert.equal(report.annotations.instruction_following?.count, expected.instruction_following?.count);
    assert.deepEqual(report.annotations.issues?.values, expected.issues?.values);
    assert.equal(messagesOf(matching[0] as Rec).length > 0, true);
  });
});
