import { strict as assert } from 'node:assert';
import { seededOrder, turnKey } from '../../../src/shared/review';
import { all, click, openPage } from './helpers';
import { exampleTask, taskWithTurn } from './fixtures';

const SOURCES = ['model_alpha', 'model_beta', 'model_gamma'];

function candidatesTask(taskId = 'task_blind'): Record<string, unknown> {
  const task = taskWithTurn(
    [
      { role: 'user', source_id: 'user_src_zz', content: { text: 'Which is better?' }, annotations: [] },
      ...SOURCES.map((s, i) => ({
        role: 'assistant',
        source_id: s,
        content: { text: `Answer number ${i}` },
        model_parameters: { model: `${s}-weights`, temperature: 0.7 },
        annotations: [{ id: `q${i}`, key: 'quality_key', title: 'Quality title', type: 'integer', value: 2 }],
      })),
    ],
    [{ id: 'rank', key: 'rank_key', title: 'Rank title', type: 'ranked_choices', value: ['model_gamma', 'model_alpha', 'model_beta'] }],
  );
  return { ...task, task_id: taskId };
}

const blindContext = (choices: Record<string, string> = {}) => ({ review: { blind: true, choices } });

describe('blind review', () => {
  it('seededOrder: a permutation, the same for the same seed, different across seeds', () => {
    for (const n of [1, 2, 3, 5, 8]) {
      const o = seededOrder(n, 'task|turn');
      assert.deepEqual(
        [...o].sort((a, b) => a - b),
        Array.from({ length: n }, (_, i) => i),
      );
      assert.deepEqual(seededOrder(n, 'task|turn'), o, 'stable');
    }
    const orders = new Set(Array.from({ length: 50 }, (_, i) => seededOrder(4, `task_${i}|t`).join('')));
    assert.ok(orders.size > 5, `seeds give different orders (${orders.size} of 24)`);
  });

  it('hides every source id, model parameter and annotation, in text and attributes', async () => {
    const page = openPage();
    try {
      await page.renderAll(candidatesTask(), blindContext());
      const html = page.root.outerHTML;
      for (const hidden of [
        ...SOURCES,
        'user_src_zz',
        'weights',
        'temperature',
        'quality_key',
        'Quality title',
        'rank_key',
        'Rank title',
        'Preferred',
      ])
        assert.ok(!html.includes(hidden), `“${hidden}” is nowhere in the page`);
      assert.equal(all(page.root, '.annotation').length, 0);
      assert.deepEqual(
        all(page.root, '.candidate-label').map((e) => e.firstChild?.textContent),
        ['Candidate A', 'Candidate B', 'Candidate C'],
      );
      for (let i = 0; i < 3; i++) assert.match(page.text(), new RegExp(`Answer number ${i}`), 'the texts stay');
    } finally {
      page.close();
    }
  });

  it('shuffles columns stably per task: the same order on every render, another for another task', async () => {
    const orderOf = async (taskId: string) => {
      const page = openPage();
      try {
        await page.renderAll(candidatesTask(taskId), blindContext());
        return all(page.root, '.candidate .message-text').map((e) => e.textContent?.trim());
      } finally {
        page.close();
      }
    };
    const first = await orderOf('task_blind');
    assert.deepEqual(await orderOf('task_blind'), first, 'stable');
    assert.deepEqual([...first].sort(), ['Answer number 0', 'Answer number 1', 'Answer number 2']);
    const expected = seededOrder(3, `task_blind|${turnKey('thread_0', 0, 'turn_0', 0)}`).map((i) => `Answer number ${i}`);
    assert.deepEqual(first, expected, 'the order is the seeded permutation of task id and turn');
    const others = new Set<string>();
    for (let i = 0; i < 12; i++) others.add((await orderOf(`other_${i}`)).join('|'));
    assert.ok(others.size > 1, 'other tasks get other orders');
  });

  it('a preference is posted for the turn and marked; revealed, it sits beside the annotators’ ranking', async () => {
    const page = openPage();
    try {
      await page.renderAll(candidatesTask(), blindContext());
      const buttons = all(page.root, '.choose');
      assert.equal(buttons.length, 3);
      const column = buttons[1].closest('.candidate')!;
      const chosenText = column.querySelector('.message-text')?.textContent?.trim();
      click(buttons[1]);
      const sent = page.posted.filter((m) => m.type === 'review');
      assert.equal(sent.length, 1);
      const msg = sent[0];
      assert.ok(msg.type === 'review' && msg.choice);
      assert.equal(msg.choice.turn, 'thread_0/turn_0');
      const chosenSource = SOURCES[Number(chosenText?.slice(-1))];
      assert.equal(msg.choice.sourceId, chosenSource);
      assert.deepEqual(
        all(page.root, '.choose').map((b) => b.getAttribute('aria-pressed')),
        ['false', 'true', 'false'],
      );
      assert.ok(!page.root.outerHTML.includes(chosenSource), 'choosing does not show the name');

      // Revealed (the host re-renders with blind off and the stored choice).
      await page.renderAll(candidatesTask(), { review: { blind: false, choices: { 'thread_0/turn_0': chosenSource } } });
      const reveal = page.root.querySelector('.review-reveal')?.textContent ?? '';
      assert.match(reveal, new RegExp(`Your choice: ${chosenSource}`));
      assert.match(reveal, /annotators ranked model_gamma > model_alpha > model_beta/);
      assert.match(reveal, chosenSource === 'model_gamma' ? /same winner/ : /different winner/);
    } finally {
      page.close();
    }
  });

  it('the toggle posts blind on, and a task without candidates has none', async () => {
    const page = openPage();
    try {
      await page.renderAll(candidatesTask());
      click(page.root.querySelector('.review-toggle')!);
      assert.deepEqual(
        page.posted.filter((m) => m.type === 'review'),
        [{ type: 'review', blind: true }],
      );
      await page.renderAll(taskWithTurn([{ role: 'user', content: { text: 'hi' } }]));
      assert.equal(page.root.querySelector('.review-toggle'), null);
      await page.renderAll(exampleTask());
      assert.ok(page.root.querySelector('.review-toggle'), 'the example task has candidates');
    } finally {
      page.close();
    }
  });
});
