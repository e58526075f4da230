import { strict as assert } from 'node:assert';
import { dpoRecords, type DpoRecord, type PairMode } from '../../src/core/export/dpo';
import { planThread } from '../../src/core/export/preferred';
import { sftRecords } from '../../src/core/export/sft';
import { emptySkipCounts } from '../../src/core/export/summary';
import type { Task } from '../../src/core/scale/types';
import { candidateTurn, msg, ranking, task, thread, turn } from './support/exportTasks';

const preferredOf = (t: ReturnType<typeof thread>, rankingKey?: string): Array<string | undefined> =>
  planThread(t, { rankingKey }).map((p) => p.preferred?.source_id);

/** `chosen>rejected` strings, the shape the answers below are written in. */
const pairNames = (records: DpoRecord[]): string[] => records.map((r) => `${r.metadata.chosen_source}>${r.metadata.rejected_source}`);

function dpo(t: Task, pairs: PairMode = 'best-worst', rankingKey?: string) {
  const skipped = emptySkipCounts();
  return { records: dpoRecords(t, skipped, { pairs, rankingKey }), skipped };
}

describe('export: the preferred candidate', () => {
  it('is the first of ranked_choices, and the lone first group of ranked_groups', () => {
    const t = thread('th', [
      candidateTurn('t0', ['a', 'b', 'c'], [ranking('ranked_choices', ['b', 'a', 'c'])]),
      candidateTurn('t1', ['a', 'b', 'c'], [ranking('ranked_groups', [['c'], ['a', 'b']])]),
      candidateTurn('t2', ['a', 'b', 'c'], [ranking('ranked_groups', [['a', 'c'], ['b']])]), // tie at the top: none
      turn('t3', [msg('user', 'q'), msg('assistant', 'only one', 'm')]), // no candidates
    ]);
    assert.deepEqual(preferredOf(t), ['b', 'c', undefined, undefined]);
  });

  it('ignores names that are not candidates, empty groups, not_applicable / cannot_assess, and rankings of fewer than two', () => {
    const t = thread('th', [
      // 'zzz' is no candidate; its group empties and disappears, so 'b' becomes the lone first group.
      candidateTurn('t0', ['a', 'b'], [ranking('ranked_groups', [['zzz'], ['b'], ['a']])]),
      // Marked not applicable, then one naming a single candidate, then a usable one.
      candidateTurn(
        't1',
        ['a', 'b'],
        [
          ranking('ranked_choices', ['a', 'b'], 'na', { not_applicable: true }),
          ranking('ranked_choices', ['a', 'b'], 'ca', { cannot_assess: true }),
          ranking('ranked_choices', ['b', 'nobody'], 'single'),
          ranking('ranked_choices', ['b', 'a'], 'good'),
        ],
      ),
    ]);
    assert.deepEqual(preferredOf(t), ['b', 'b']);
    assert.equal(planThread(t)[1]?.ranking?.key, 'good');
  });

  it('puts a thread ranking on the last turn with candidates it names; the turn’s own ranking comes first; --ranking picks by key', () => {
    const t = thread(
      'th',
      [
        candidateTurn('t0', ['a', 'b']),
        candidateTurn('t1', ['x', 'y']),
        candidateTurn('t2', ['p', 'q'], [ranking('ranked_choices', ['q', 'p'], 'own')]),
        turn('t3', [msg('user', 'thanks'), msg('assistant', 'welcome', 'm')]),
      ],
      [
        ranking('ranked_choices', ['b', 'a'], 'overall'), // names t0 only → t0
        ranking('ranked_choices', ['y', 'x', 'a'], 'overall'), // names t1 and t0 → last is t1; 'a' ignored there
        ranking('ranked_choices', ['p', 'q'], 'thread-pq'), // t2, after its own ranking
      ],
    );
    assert.deepEqual(preferredOf(t), ['b', 'y', 'q', undefined]);
    assert.deepEqual(preferredOf(t, 'thread-pq'), [undefined, undefined, 'p', undefined]);
    assert.deepEqual(preferredOf(t, 'overall'), ['b', 'y', undefined, undefined]);
    assert.equal(planThread(t)[2]?.ranking?.level, 'turn');
  });
});

describe('export: sft records', () => {
  it('keeps messages in order, the preferred candidate where a turn has several, and counts dropped roles', () => {
    const t = task('task-1', [
      thread('th-1', [
        turn('t0', [msg('system', 'be brief'), msg('user', 'hi'), msg('function', '{"f":1}', 'tool'), msg('assistant', 'hello', 'm')]),
        candidateTurn('t1', ['a', 'b'], [ranking('ranked_choices', ['b', 'a'])], 'and?'),
      ]),
    ]);
    const skipped = emptySkipCounts();
    const records = sftRecords(t, skipped);
    assert.deepEqual(records, [
      {
        messages: [
          { role: 'system', content: 'be brief' },
          { role: 'user', content: 'hi' },
          { role: 'assistant', content: 'hello' },
          { role: 'user', content: 'and?' },
          { role: 'assistant', content: 't1:b' },
        ],
        metadata: { task_id: 'task-1', thread_id: 'th-1' },
      },
    ]);
    assert.equal(skipped.dropped_roles, 1);
  });

  it('skips threads without an assistant message or without a preferred candidate, and tasks not completed', () => {
    const t = task('task-2', [
      thread('no-assistant', [turn('t0', [msg('user', 'hello?')])]),
      thread('tie', [candidateTurn('t0', ['a', 'b'], [ranking('ranked_groups', [['a', 'b']])])]),
      thread('unranked', [candidateTurn('t0', ['a', 'b'])]),
      thread('fine', [turn('t0', [msg('user', 'q'), msg('assistant', 'r', 'm')])]),
    ]);
    const skipped = emptySkipCounts();
    assert.deepEqual(
      sftRecords(t, skipped).map((r) => r.metadata.thread_id),
      ['fine'],
    );
    assert.equal(skipped.no_assistant_message, 1);
    assert.equal(skipped.no_preferred_candidate, 2);
    assert.deepEqual(sftRecords(task('p', [], { status: 'pending' }), skipped), []);
    assert.equal(skipped.not_completed, 1);
  });

  it('never writes a workspace_token, even pasted into a message', () => {
    const secret = 'tok-SECRET-123';
    const t = task('task-3', [
      thread('th', [
        turn(
          't0',
          [msg('user', `my token is ${secret}`), msg('assistant', 'ok', 'm')],
          [{ id: 'w', key: 'ws', type: 'workspace_container', value: { workspace_config: { workspace_token: secret } } } as never],
        ),
      ]),
    ]);
    const text = JSON.stringify(sftRecords(t, emptySkipCounts()));
    assert.ok(!text.includes(secret));
    assert.ok(text.includes('my token is [redacted by Task Lens]'));
  });
});

describe('export: dpo pairs', () => {
  // Five candidates with ties at the top, in the middle and at the bottom: [[a,b],[c],[d,e]].
  const tiedEverywhere = ranking('ranked_groups', [['a', 'b'], ['c'], ['d', 'e']]);
  // Ties in the middle and at the bottom only: [[a],[b,c],[d,e]].
  const tiedBelow = ranking('ranked_groups', [['a'], ['b', 'c'], ['d', 'e']]);

  it('best-worst over ranked_choices: the first against the last', () => {
    const t = task('k', [thread('th', [candidateTurn('t0', ['a', 'b', 'c'], [ranking('ranked_choices', ['c', 'a', 'b'])])])]);
    assert.deepEqual(pairNames(dpo(t).records), ['c>b']);
  });

  it('all over ranked_choices: every ordered pair', () => {
    const t = task('k', [thread('th', [candidateTurn('t0', ['a', 'b', 'c'], [ranking('ranked_choices', ['c', 'a', 'b'])])])]);
    assert.deepEqual(pairNames(dpo(t, 'all').records), ['c>a', 'c>b', 'a>b']);
  });

  it('best-worst over ranked_groups: the preferred against each of a tied last position; none for a tie at the top', () => {
    const below = task('k', [thread('th', [candidateTurn('t0', ['a', 'b', 'c', 'd', 'e'], [tiedBelow])])]);
    assert.deepEqual(pairNames(dpo(below).records), ['a>d', 'a>e']);
    const top = dpo(task('k', [thread('th', [candidateTurn('t0', ['a', 'b', 'c', 'd', 'e'], [tiedEverywhere])])]));
    assert.deepEqual(top.records, []);
    assert.equal(top.skipped.no_preferred_candidate, 1);
  });

  it('all over ranked_groups: strictly ordered pairs only, none within a group', () => {
    const t = task('k', [thread('th', [candidateTurn('t0', ['a', 'b', 'c', 'd', 'e'], [tiedEverywhere])])]);
    assert.deepEqual(pairNames(dpo(t, 'all').records), ['a>c', 'a>d', 'a>e', 'b>c', 'b>d', 'b>e', 'c>d', 'c>e']);
    const u = task('k', [thread('th', [candidateTurn('t0', ['a', 'b', 'c', 'd', 'e'], [tiedBelow])])]);
    assert.deepEqual(pairNames(dpo(u, 'all').records), ['a>b', 'a>c', 'a>d', 'a>e', 'b>d', 'b>e', 'c>d', 'c>e']);
  });

  it('builds the prompt from earlier turns (their preferred candidate) and the ranked turn’s system and user messages', () => {
    const t = task('k', [
      thread(
        'th',
        [
          turn('t0', [msg('system', 'sys'), msg('user', 'u0'), msg('assistant', 'r0', 'm')]),
          candidateTurn('t1', ['a', 'b'], [ranking('ranked_choices', ['b', 'a'], 'turn-rank')], 'u1'),
          turn('t2', [
            msg('system', 'sys2'),
            msg('function', 'tool out', 'tool'),
            msg('user', 'u2'),
            msg('assistant', 't2:x', 'x'),
            msg('assistant', 't2:y', 'y'),
          ]),
        ],
        [ranking('ranked_choices', ['y', 'x'], 'thread-rank')], // on the thread: applies to t2, the last turn naming x/y
      ),
    ]);
    const { records, skipped } = dpo(t);
    assert.deepEqual(pairNames(records), ['b>a', 'y>x']);
    assert.deepEqual(records[0]?.prompt, [
      { role: 'system', content: 'sys' },
      { role: 'user', content: 'u0' },
      { role: 'assistant', content: 'r0' },
      { role: 'user', content: 'u1' },
    ]);
    assert.deepEqual(records[0]?.chosen, [{ role: 'assistant', content: 't1:b' }]);
    assert.deepEqual(records[0]?.rejected, [{ role: 'assistant', content: 't1:a' }]);
    assert.deepEqual(records[0]?.metadata, {
      task_id: 'k',
      thread_id: 'th',
      turn_id: 't1',
      chosen_source: 'b',
      rejected_source: 'a',
      annotation_key: 'turn-rank',
    });
    assert.deepEqual(records[1]?.prompt, [
      { role: 'system', content: 'sys' },
      { role: 'user', content: 'u0' },
      { role: 'assistant', content: 'r0' },
      { role: 'user', content: 'u1' },
      { role: 'assistant', content: 't1:b' },
      { role: 'system', content: 'sys2' },
      { role: 'user', content: 'u2' },
    ]);
    assert.equal(records[1]?.metadata.annotation_key, 'thread-rank');
    assert.equal(skipped.dropped_roles, 1);
  });

  it('gives no pairs for a thread whose earlier turn has candidates but no preferred one, nor for unranked threads', () => {
    const t = task('k', [
      thread('earlier-tie', [
        candidateTurn('t0', ['a', 'b'], [ranking('ranked_groups', [['a', 'b']])]),
        candidateTurn('t1', ['c', 'd'], [ranking('ranked_choices', ['c', 'd'])]),
      ]),
      thread('unranked', [candidateTurn('t0', ['a', 'b'])]),
      thread('single', [turn('t0', [msg('user', 'q'), msg('assistant', 'r', 'm')])]),
    ]);
    const { records, skipped } = dpo(t, 'all');
    assert.deepEqual(records, []);
    assert.equal(skipped.no_preferred_candidate_in_earlier_turn, 1);
    assert.equal(skipped.no_ranking, 2);
    assert.equal(dpo(task('k', [], { status: 'error' })).skipped.not_completed, 1);
  });

  it('--ranking KEY chooses among several rankings of one turn', () => {
    const t = task('k', [
      thread('th', [
        candidateTurn(
          't0',
          ['a', 'b', 'c'],
          [ranking('ranked_choices', ['a', 'b', 'c'], 'helpful'), ranking('ranked_choices', ['c', 'b', 'a'], 'harmless')],
        ),
      ]),
    ]);
    assert.deepEqual(pairNames(dpo(t).records), ['a>c']);
    assert.deepEqual(pairNames(dpo(t, 'best-worst', 'harmless').records), ['c>a']);
    assert.deepEqual(dpo(t, 'best-worst', 'nope').skipped.no_ranking, 1);
  });
});
