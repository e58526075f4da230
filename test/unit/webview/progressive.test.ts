import { strict as assert } from 'node:assert';
import { bigTask, exampleTask, taskWithTurn } from './fixtures';
import { all, click, openPage } from './helpers';
import { ANNOTATION_CHUNK, ANNOTATION_PAGE } from '../../../src/webview/scale/annotations';

function manyAnnotations(n: number): Record<string, unknown> {
  const annotations = Array.from({ length: n }, (_, i) => ({ id: `a_${i}`, key: `k_${i}`, type: 'integer', value: i % 5 }));
  return taskWithTurn([{ role: 'assistant', source_id: 'model_a', content: { text: 'hello' }, annotations }]);
}

describe('webview progressive rendering', function () {
  this.timeout(180_000);

  it('a 2,000-turn task: header, summary and the top turns at once, placeholders for the rest', async () => {
    const task = bigTask(2000);
    assert.ok(JSON.stringify(task).length > 4_000_000, 'about 5 MB');
    const page = openPage();
    try {
      const handle = page.render(task);
      assert.ok(page.root.querySelector('.task-header'));
      const first = all(page.root, '.turn-card').length;
      assert.ok(first >= 1 && first <= 60, `the first slice rendered ${first} turns near the viewport, not 2,000`);
      assert.equal(await handle.done, 'complete');
      // The summary reads every turn, so it may come a slice after the first content.
      assert.match(page.root.querySelector('.summary')?.textContent ?? '', /2,?000 turns/);
      const phases = page.posted.filter((m) => m.type === 'rendered').map((m) => m.type === 'rendered' && m.phase);
      assert.deepEqual(phases, ['first', 'complete']);
      // Placeholders stand for every other turn: blocks of 10 cover all 2,000.
      const blocks = all(page.root, '.turns > .vblock');
      assert.equal(blocks.length, 200);
      assert.deepEqual(
        blocks.slice(0, 3).map((b) => b.getAttribute('data-first')),
        ['0', '10', '20'],
      );
      assert.ok(all(page.root, '.vblock.placeholder').length >= 190);
      assert.ok(all(page.document, '*').length < 20_000, 'far under the DOM budget');
      assert.equal(all(page.root, '.turn-id')[0]?.textContent, 'turn_0');
    } finally {
      page.close();
    }
  });

  it('2,000 annotations on one message: whole chunks before the first paint, pages of 400 with “Show more” to the end', async () => {
    let scheduled = 0;
    const page = openPage({ view: { schedule: (fn) => (scheduled++, setTimeout(fn, 0)) } });
    try {
      const handle = page.render(manyAnnotations(2000));
      assert.equal(all(page.root, '.annotation').length, ANNOTATION_CHUNK, 'one chunk before the first paint');
      assert.deepEqual(
        page.posted.map((m) => m.type === 'rendered' && m.phase),
        ['first'],
      );
      assert.equal(await handle.done, 'complete');
      assert.ok(scheduled >= 2, 'yielded between chunks');
      assert.equal(all(page.root, '.annotation').length, ANNOTATION_PAGE);
      const complete = page.posted.find((m) => m.type === 'rendered' && m.phase === 'complete');
      assert.ok(complete && complete.type === 'rendered' && (complete.nodes ?? Infinity) < 20_000, 'under the DOM budget');
      // “Lists page to the end”: each click shows the next 400, in order, until none is left.
      for (let shown = ANNOTATION_PAGE; shown < 2000; shown += ANNOTATION_PAGE) {
        const more = page.root.querySelector('.more-annotations');
        assert.match(
          more?.textContent ?? '',
          new RegExp(`Show 400 more annotations \\(${(2000 - shown).toLocaleString('en-US')} not shown\\)`),
        );
        click(more!);
        for (let i = 0; i < 200 && all(page.root, '.annotation').length < Math.min(2000, shown + ANNOTATION_PAGE); i++)
          await new Promise((r) => setTimeout(r, 20));
      }
      assert.equal(page.root.querySelector('.more-annotations'), null, 'no button once all are shown');
      const keys = all(page.root, '.annotation .ann-title').map((e) => e.textContent);
      assert.equal(keys.length, 2000);
      assert.equal(keys[0], 'k_0');
      assert.equal(keys[1999], 'k_1999', 'in order, none dropped');
    } finally {
      page.close();
    }
  });

  it('a one-thread task shown whole completes in the first slice, even when its one step runs over the budget', () => {
    // A clock where every step overruns the 30 ms first slice, and a ResizeObserver as a browser has.
    let clock = 0;
    let scheduled = 0;
    const page = openPage({ view: { now: () => (clock += 100), schedule: (fn) => (scheduled++, setTimeout(fn, 0)) } });
    try {
      (page.window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
        observe(): void {}
        disconnect(): void {}
      };
      page.render(exampleTask());
      // Synchronously: no second slice, which would wait for the browser to lay out the page first.
      assert.deepEqual(
        page.posted.map((m) => m.type === 'rendered' && m.phase),
        ['first', 'complete'],
      );
      assert.equal(scheduled, 0);
      assert.ok(all(page.root, '.turn-card').length >= 1);
    } finally {
      page.close();
    }
  });

  it('a new render cancels one in progress', async () => {
    const page = openPage();
    try {
      const big = page.render(manyAnnotations(3000));
      const small = page.render(exampleTask());
      assert.equal(await big.done, 'cancelled');
      assert.equal(await small.done, 'complete');
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(all(page.root, '.turn-card').length, 1);
      assert.equal(all(page.root, '.annotation').length < 50, true, 'no chunk of the cancelled render arrived');
      assert.equal(page.root.querySelector('.task-id')?.textContent, '6650f0c2a1b2c3d4e5f60001');
    } finally {
      page.close();
    }
  });
});
