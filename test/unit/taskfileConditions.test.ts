import { strict as assert } from 'node:assert';
import {
  CONDITION_GRAMMAR,
  conditionErrorText,
  ConditionSyntaxError,
  formatCondition,
  parseCondition,
  type TaskQuery,
} from '../../src/core/taskfile/conditions';
import { indexTaskFile } from '../../src/core/taskfile/indexFile';
import { filterRows } from '../../src/core/taskfile/matcher';
import { searchTaskFile } from '../../src/core/taskfile/search';
import type { TaskIndex } from '../../src/core/taskfile/taskIndex';
import { ann, handTask, type Level } from './support/handTasks';
import { generatedTasks, showcaseTasks, TempFolder } from './support/taskFiles';
import { everyAnnotation, messagesOf, oracleMatches } from './support/taskOracle';

describe('query conditions: parsing', () => {
  const cases: Array<[string, { key: string; op?: string; value?: string }]> = [
    ['a = b', { key: 'a', op: '=', value: 'b' }],
    ['score>=2', { key: 'score', op: '>=', value: '2' }],
    ['score <= 2', { key: 'score', op: '<=', value: '2' }],
    ['score < 2', { key: 'score', op: '<', value: '2' }],
    ['score > 2', { key: 'score', op: '>', value: '2' }],
    ['cat != Coding', { key: 'cat', op: '!=', value: 'Coding' }],
    ['txt ~ hello', { key: 'txt', op: '~', value: 'hello' }],
    ['cmp = x >= y = z', { key: 'cmp', op: '=', value: 'x >= y = z' }],
    ['  txt =   Hello   World  ', { key: 'txt', op: '=', value: 'Hello   World' }],
    ['"a<b" = x', { key: 'a<b', op: '=', value: 'x' }],
    ['"say \\"hi\\"" ~ y', { key: 'say "hi"', op: '~', value: 'y' }],
    ['"a=b"', { key: 'a=b' }],
    ['a!b = c', { key: 'a!b', op: '=', value: 'c' }],
    ['  rewrite  ', { key: 'rewrite' }],
  ];
  for (const [input, expected] of cases) {
    it(`reads ${JSON.stringify(input)}`, () => {
      assert.deepEqual({ ...parseCondition(input) }, expected);
      assert.deepEqual({ ...parseCondition(formatCondition(parseCondition(input))) }, expected);
    });
  }

  for (const bad of ['= x', '   ', 'a =', 'a >=   ', '"a<b', '"a" b', '""= x']) {
    it(`rejects ${JSON.stringify(bad)} with the grammar in the message`, () => {
      assert.throws(
        () => parseCondition(bad),
        (error) => error instanceof ConditionSyntaxError && error.message.includes(CONDITION_GRAMMAR.slice(1)),
      );
    });
  }

  it('says the problem in the words it is given (the editor passes translations), in English by default', () => {
    const caught = (input: string): ConditionSyntaxError => {
      try {
        parseCondition(input);
      } catch (error) {
        if (error instanceof ConditionSyntaxError) return error;
      }
      throw new Error(`${input} parsed`);
    };
    const noValue = caught('a >=   ');
    assert.equal(
      noValue.message,
      `Cannot read the condition “a >=   ”: the operator >= has no value. ${CONDITION_GRAMMAR.charAt(0).toUpperCase()}${CONDITION_GRAMMAR.slice(1)}.`,
    );
    const words = {
      unreadable: '[{1}] in «{0}» — {2}',
      grammar: 'GRAMMAR',
      problems: { unclosedQuote: 'Q', operatorAfterQuotedKey: 'O', emptyKey: 'E', noValue: 'V({0})' },
    };
    assert.equal(conditionErrorText(noValue, words), '[V(>=)] in «a >=   » — GRAMMAR');
    assert.equal(conditionErrorText(caught('= x'), words), '[E] in «= x» — GRAMMAR');
    assert.equal(conditionErrorText(caught('"a<b'), words), '[Q] in «"a<b» — GRAMMAR');
    assert.equal(conditionErrorText(caught('"a" b'), words), '[O] in «"a" b» — GRAMMAR');
  });
});

describe('query conditions: matching', () => {
  const folder = new TempFolder();
  after(() => folder.remove());
  let index: TaskIndex;
  let file: string;

  // Each task id says what it holds; expected matches below are read off this list.
  const hand: Array<Record<string, unknown>> = [
    handTask('int3', [['message', ann('score', 'integer', 3)]]),
    handTask('int1', [['turn', ann('score', 'integer', 1)]]),
    handTask('int_na', [['message', ann('score', 'integer', 2, { not_applicable: true })]]),
    handTask('int_ca', [['message', ann('score', 'integer', 2, { cannot_assess: true })]]),
    handTask('int_null', [['message', ann('score', 'integer', null)]]),
    handTask('int_string', [['message', ann('score', 'integer', 'three')]]),
    handTask('rr0', [['criterion_evaluation', ann('rr', 'rubric_rating', { score: 0 })]]),
    handTask('rr4', [['evaluation', ann('rr', 'rubric_rating', { score: 4, color: 'green' })]]),
    handTask('rr_noscore', [['evaluation', ann('rr', 'rubric_rating', { color: 'red' })]]),
    handTask('ok_true', [['message', ann('ok', 'boolean', true)]]),
    handTask('ok_false', [['chunk', ann('ok', 'boolean', false)]]),
    handTask('cat_coding', [['turn', ann('cat', 'category', 'Coding')]]),
    handTask('cat_help', [['turn', ann('cat', 'category', 'coding help')]], { status: 'pending' }),
    handTask('multi_ab', [['message', ann('multi', 'category_multiple', ['A', 'B'])]]),
    handTask('multi_empty', [['message', ann('multi', 'category_multiple', [])]]),
    handTask('multi_c', [['message', ann('multi', 'category_multiple', ['C'])]]),
    handTask('txt_hello', [['message', ann('txt', 'text', 'Hello World')]], {}, 'The Quick brown fox'),
    handTask('txt_empty', [['message', ann('txt', 'text', '')]]),
    handTask('rc_m1', [['thread', ann('rc', 'ranked_choices', ['m1', 'm2'])]]),
    handTask('rc_m2', [['thread', ann('rc', 'ranked_choices', ['m2', 'm1'])]]),
    handTask('rg_m1m2', [['thread', ann('rg', 'ranked_groups', [['m1', 'm2'], ['m3']])]]),
    handTask('rg_m3', [['thread', ann('rg', 'ranked_groups', [['m3'], ['m1']])]]),
    handTask('slider', [['criterion', ann('slider', 'pairwise_slider', { position: 0.5, label: 'Left' })]]),
    handTask('quoted_key', [
      ['thread', ann('a<b', 'category', 'x')],
      ['thread', ann('cmp', 'category', 'x >= y')],
    ]),
    handTask('two_scores', [
      ['message', ann('score', 'integer', 1)],
      ['thread', ann('score', 'integer', 5)],
    ]),
    // Search looks at content.text only: not reasoning, chunks or reference texts.
    {
      task_id: 'zebra_elsewhere',
      status: 'error',
      threads: [
        {
          id: 't',
          annotations: [],
          turns: [
            {
              id: 'u',
              annotations: [],
              messages: [
                {
                  role: 'assistant',
                  source_id: 'm',
                  annotations: [],
                  content: { text: 'plain', reasoning: [{ content: 'zebra' }], chunks: [{ type: 'text', text: 'zebra', annotations: [] }] },
                },
              ],
            },
          ],
        },
      ],
    },
  ];
  for (const level of ['thread', 'turn', 'message', 'chunk', 'criterion', 'evaluation', 'criterion_evaluation'] as Level[])
    hand.push(handTask(`level_${level}`, [[level, ann('where', 'category', level)]]));

  before(async () => {
    file = folder.write(hand.map((t) => JSON.stringify(t)));
    index = await indexTaskFile(file);
  });

  const ids = (query: TaskQuery, hits?: Uint8Array): string[] =>
    [...filterRows(index, query, { searchHit: (row) => hits?.[row] === 1 }).rows].map((row) => index.taskId(row)).sort();
  const where = (...conditions: string[]): string[] => ids({ where: conditions.map(parseCondition) });

  const table: Array<[string, string[]]> = [
    // integer: numeric; not_applicable / cannot_assess / null never match; a string value is not a number.
    ['score = 3', ['int3']],
    ['score != 3', ['int1', 'two_scores']],
    ['score < 3', ['int1', 'two_scores']],
    ['score <= 3', ['int1', 'int3', 'two_scores']],
    ['score > 1', ['int3', 'two_scores']],
    ['score >= 5', ['two_scores']],
    ['score = 3.0', ['int3']],
    ['score = three', []],
    ['score ~ 3', []],
    ['score', ['int1', 'int3', 'int_string', 'two_scores']],
    // rubric_rating: value.score
    ['rr = 0', ['rr0']],
    ['rr > 0', ['rr4']],
    ['rr <= 4', ['rr0', 'rr4']],
    ['rr', ['rr0', 'rr4', 'rr_noscore']],
    // boolean
    ['ok = true', ['ok_true']],
    ['ok = false', ['ok_false']],
    ['ok != true', ['ok_false']],
    ['ok = True', []],
    ['ok > false', []],
    ['ok', ['ok_false', 'ok_true']],
    // category: exact, case-sensitive; ~ ignores case
    ['cat = Coding', ['cat_coding']],
    ['cat = coding', []],
    ['cat != Coding', ['cat_help']],
    ['cat ~ CODING', ['cat_coding', 'cat_help']],
    ['cat > 3', []],
    // category_multiple: among the chosen
    ['multi = A', ['multi_ab']],
    ['multi = B', ['multi_ab']],
    ['multi != A', ['multi_c', 'multi_empty']],
    ['multi', ['multi_ab', 'multi_c', 'multi_empty']],
    // text
    ['txt = Hello World', ['txt_hello']],
    ['txt != Hello World', ['txt_empty']],
    ['txt ~ o w', ['txt_hello']],
    ['txt', ['txt_empty', 'txt_hello']],
    // ranked_choices: value[0]; ranked_groups: in value[0]
    ['rc = m1', ['rc_m1']],
    ['rc = m2', ['rc_m2']],
    ['rc != m1', ['rc_m2']],
    ['rg = m1', ['rg_m1m2']],
    ['rg = m2', ['rg_m1m2']],
    ['rg = m3', ['rg_m3']],
    ['rg != m3', ['rg_m1m2']],
    // any other type: ~ substring of the value's JSON
    ['slider ~ left', ['slider']],
    ['slider ~ "position":0.5', ['slider']],
    ['slider = Left', []],
    // quoted keys and values holding operator characters
    ['"a<b" = x', ['quoted_key']],
    ['cmp = x >= y', ['quoted_key']],
    // every level
    ...(['thread', 'turn', 'message', 'chunk', 'criterion', 'evaluation', 'criterion_evaluation'].map((level) => [
      `where = ${level}`,
      [`level_${level}`],
    ]) as Array<[string, string[]]>),
  ];
  for (const [condition, expected] of table) {
    it(`${condition} → ${expected.join(', ') || 'nothing'}`, () => assert.deepEqual(where(condition), expected));
  }

  it('needs every --where to hold (on any annotation each)', () => {
    assert.deepEqual(where('score = 1', 'score = 5'), ['two_scores']);
    assert.deepEqual(where('score = 1', 'ok = true'), []);
  });

  it('matches --status exactly, any of several', () => {
    assert.deepEqual(ids({ statuses: ['pending', 'error'] }), ['cat_help', 'zebra_elsewhere']);
    assert.deepEqual(ids({ statuses: ['Pending'] }), []);
    assert.deepEqual(ids({ statuses: ['completed'], where: [parseCondition('cat ~ coding')] }), ['cat_coding']);
  });

  it('searches content.text only, ignoring case', async () => {
    assert.deepEqual(ids({ search: 'quick BROWN' }, await searchTaskFile(file, index, 'quick BROWN')), ['txt_hello']);
    assert.deepEqual(ids({ search: 'zebra' }, await searchTaskFile(file, index, 'zebra')), []);
  });

  it('warns about unknown keys and matches nothing', () => {
    const result = filterRows(index, { where: [parseCondition('nope = 1'), parseCondition('score')] });
    assert.equal(result.rows.length, 0);
    assert.equal(result.warnings.length, 1);
    assert.match(result.warnings[0] ?? '', /nope/);
  });

  it('agrees with a plain reading of the table on generated and showcase tasks', async () => {
    const tasks = [...generatedTasks(400, 11), ...showcaseTasks(11)] as unknown as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const generated = await indexTaskFile(folder.write(tasks.map((t) => JSON.stringify(t))));
    const conditions = [
      'instruction_following >= 2',
      'instruction_following = 1',
      'instruction_following != 3',
      'is_correct = false',
      'is_correct != false',
      'prompt_category = Coding',
      'prompt_category ~ ing',
      'issues = Verbose',
      'issues != Verbose',
      'issues',
      'rewrite ~ e',
      'overall_preference = model_a',
      'overall_preference != model_a',
      'grouped_ranking = model_b',
      'rubric_score >= 1',
      'execution ~ pytest',
      'pairwise_preference_strength ~ model_a',
      'safety',
      'span_labels ~ BUG',
    ];
    for (const text of conditions) {
      const c = parseCondition(text);
      const expected = tasks
        .filter((t) => everyAnnotation(t).some((p) => p.annotation.key === c.key && oracleMatches(p.annotation, c.op, c.value)))
        .map((t) => t.task_id as string);
      const actual = [...filterRows(generated, { where: [c] }).rows].map((row) => generated.taskId(row));
      assert.deepEqual(actual, expected, text);
      // Only `safety` (always not_applicable) should come out empty; otherwise the check proves little.
      assert.equal(expected.length === 0, text === 'safety', text);
    }
    const hits = await searchTaskFile(folder.path + '/' + 'x', generated, 'linked list').catch(() => undefined);
    assert.equal(hits, undefined); // a missing file rejects rather than answering
    const needle = 'reverse';
    const searchFile = folder.write(tasks.map((t) => JSON.stringify(t)));
    const found = await searchTaskFile(searchFile, generated, needle.toUpperCase());
    const expectedSearch = tasks.filter((t) =>
      messagesOf(t).some((m) => typeof m.content?.text === 'string' && m.content.text.toLowerCase().includes(needle)),
    );
    assert.ok(expectedSearch.length > 0 && expectedSearch.length < tasks.length);
    assert.equal(
      found.reduce((n, x) => n + x, 0),
      expectedSearch.length,
    );
  });
});
