import { strict as assert } from 'node:assert';
import { agreementOf } from '../../src/core/scale/agreement';
import { turnKey } from '../../src/shared/review';

const msg = (role: string, sourceId: string) => ({ role, source_id: sourceId, content: { text: sourceId } });
function task(id: string, turns: Array<{ id?: string; ranking?: unknown }>, threadRanking?: unknown): unknown {
  return {
    task_id: id,
    threads: [
      {
        id: 'th',
        annotations: threadRanking ? [threadRanking] : [],
        turns: turns.map((t) => ({
          ...(t.id ? { id: t.id } : {}),
          messages: [msg('user', 'user'), msg('assistant', 'a'), msg('assistant', 'b'), msg('assistant', 'c')],
          annotations: t.ranking ? [{ key: 'x', type: 'integer', value: 1 }, t.ranking] : [],
        })),
      },
    ],
  };
}
const choices = (value: string[]) => ({ type: 'ranked_choices', value });
const groups = (value: string[][]) => ({ type: 'ranked_groups', value });

describe('blind review agreement', () => {
  it('counts same winners over the chosen turns; ties count for every member; unranked turns apart', () => {
    const tasks = [
      task('t1', [{ id: 'u0', ranking: choices(['b', 'a', 'c']) }, { id: 'u1', ranking: choices(['c', 'a', 'b']) }, { id: 'u2' }]),
      task('t2', [{ ranking: groups([['a', 'c'], ['b']]) }, {}], choices(['zzz', 'b', 'a'])),
      task('t3', [{ ranking: choices(['a', 'b', 'c']) }]),
    ];
    const stored: Record<string, Record<string, string>> = {
      t1: { [turnKey('th', 0, 'u0', 0)]: 'b', [turnKey('th', 0, 'u1', 1)]: 'a', [turnKey('th', 0, 'u2', 2)]: 'a' },
      // Turn #0 tie a/c: choosing c agrees. Turn #1 falls back to the thread's ranking: 'zzz' is no candidate, so b wins.
      t2: { [turnKey('th', 0, undefined, 0)]: 'c', [turnKey('th', 0, undefined, 1)]: 'b' },
      // t3: no choices stored — not compared at all.
    };
    const r = agreementOf(tasks, (id) => stored[id]);
    assert.deepEqual(
      r.turns.map((t) => [t.taskId, t.turn, t.choice, t.winners.join('+'), t.agreed]),
      [
        ['t1', 'th/u0', 'b', 'b', true],
        ['t1', 'th/u1', 'a', 'c', false],
        ['t2', 'th/#0', 'c', 'a+c', true],
        ['t2', 'th/#1', 'b', 'b', true],
      ],
    );
    assert.equal(r.compared, 4);
    assert.equal(r.agreed, 3);
    assert.equal(r.rate, 0.75);
    assert.equal(r.unranked, 1, 't1 turn u2 has no ranking');
  });

  it('nothing chosen: nothing compared, rate null; malformed tasks are skipped', () => {
    const r = agreementOf([null, 5, { task_id: 'x', threads: 'no' }, task('t', [{ ranking: choices(['a']) }])], () => ({}));
    assert.deepEqual(r, { compared: 0, agreed: 0, rate: null, unranked: 0, turns: [] });
  });
});
