/**
 * The export Redactor's JSON: the same text as stringifying its redacted copy, whether the task is
 * clean (written as it is) or carries a token (written through a replacer), at any depth.
 */
import { strict as assert } from 'node:assert';
import { REDACTED, Redactor } from '../../src/core/secrets/redactor';
import { seededRandom } from './support/downloadHelpers';

/** A random JSON value; `token` is planted as a workspace_token field and pasted into some text. */
function randomValue(random: () => number, depth: number, token: string | undefined): unknown {
  const pick = random();
  if (depth > 4 || pick < 0.3) {
    const leaf = random();
    if (leaf < 0.25) return Math.floor(random() * 1e6) / 7;
    if (leaf < 0.35) return null;
    if (leaf < 0.45) return random() < 0.5;
    if (token && leaf < 0.5) return `pasted ${token} here "quoted" \u2028`;
    return `text ${Math.floor(random() * 1000)} é\n`;
  }
  if (pick < 0.55) return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1, token));
  const out: Record<string, unknown> = {};
  for (let i = Math.floor(random() * 5); i > 0; i--) out[`k${Math.floor(random() * 20)}`] = randomValue(random, depth + 1, token);
  if (token && random() < 0.3) out.workspace_token = random() < 0.8 ? token : { nested: token };
  if (random() < 0.1) out['10'] = 'integer-like key';
  return out;
}

describe('export Redactor', () => {
  it('writes the same JSON as the redacted copy, for clean tasks and tasks with tokens', () => {
    const random = seededRandom(7);
    for (let run = 0; run < 400; run++) {
      const token = run % 2 === 0 ? undefined : `wst_SECRET_${run}`;
      const task = { task_id: `t${run}`, threads: randomValue(random, 0, token), metadata: randomValue(random, 1, token) };
      if (token) (task as Record<string, unknown>).workspace_token = token;
      const r = Redactor.forTask(task);
      for (const part of [task.threads, task.metadata, task]) {
        const json = r.json(part);
        assert.equal(json, part == null ? null : JSON.stringify(r.value(part)));
        if (token) assert.ok(!json?.includes(token), `run ${run}: the token is in ${json}`);
      }
    }
  });

  it('a clean task is written exactly as JSON.stringify writes it', () => {
    const task = { task_id: 't', threads: [{ turns: [{ messages: [{ content: { text: 'a "b" \\ c' } }] }] }], n: 1.5 };
    assert.equal(Redactor.forTask(task).json(task.threads), JSON.stringify(task.threads));
  });

  it('replaces a token field nested deeper than the walk looks', () => {
    // 250 levels down: deeper than the tokens are collected, so the task must not count as clean.
    let deep: Record<string, unknown> = { workspace_token: 'wst_DEEP', other: 'x' };
    for (let i = 0; i < 250; i++) deep = { child: deep };
    const task = { task_id: 't', threads: [deep] };
    const json = Redactor.forTask(task).json(task.threads) ?? '';
    assert.ok(!json.includes('wst_DEEP'), 'the deep token was written');
    assert.ok(json.includes(JSON.stringify(REDACTED)));
  });

  it('a secret field with a non-string value is replaced too', () => {
    const task = { task_id: 't', threads: [{ workspace_token: { id: 'x' } }] };
    assert.equal(Redactor.forTask(task).json(task.threads), JSON.stringify([{ workspace_token: REDACTED }]));
  });
});
