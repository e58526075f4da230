import { strict as assert } from 'node:assert';
import { bigTask, exampleTask } from './fixtures';
import { openPage } from './helpers';

describe('webview progressive rendering', function () {
  this.timeout(180_000);

  it('renders a 2,000-turn task progressively: first slice synchronous, the rest in slices', async () => {
    const task = bigTask(2000);
    assert.ok(JSON.stringify(task).length > 4_000_000, 'about 5 MB');
    let scheduled = 0;
    const page = openPage({
      view: { firstSliceSteps: 20, firstSliceMs: 1e9, sliceMs: 20, schedule: (fn) => (scheduled++, setTimeout(fn, 0)) },
    });
    try {
      const handle = page.render(task);
      // Synchronously: header, summary and the first turns only.
      assert.ok(page.root.querySelector('.task-header'));
      assert.match(page.root.querySelector('.summary')?.textContent ?? '', /2,?000 turns/);
      assert.equal(page.root.querySelectorAll('.turn-card').length, 20);
      assert.deepEqual(
        page.posted.map((m) => m.type === 'rendered' && m.phase),
        ['first'],
      );
      assert.match(page.root.querySelector('.render-progress')?.textContent ?? '', /20 of 2,?000/);

      assert.equal(await handle.done, 'complete');
      assert.equal(page.root.querySelectorAll('.turn-card').length, 2000);
      assert.ok(scheduled > 1, 'yielded to the event loop between slices');
      assert.equal(page.root.querySelector('.render-progress'), null);
      const phases = page.posted.filter((m) => m.type === 'rendered');
      assert.deepEqual(
        phases.map((m) => m.type === 'rendered' && m.phase),
        ['first', 'complete'],
      );
      const [first, complete] = phases.map((m) => (m.type === 'rendered' ? m.ms : -1));
      assert.ok(first >= 0 && complete >= first);
      // Turn order is preserved.
      const ids = Array.from(page.root.querySelectorAll('.turn-id'), (e) => e.textContent);
      assert.equal(ids[0], 'turn_0');
      assert.equal(ids[1999], 'turn_1999');
    } finally {
      page.close();
    }
  });

  it('default budget: the first slice shows the top of the task, not all of it', () => {
    const page = openPage();
    try {
      const handle = page.render(bigTask(300));
      const n = page.root.querySelectorAll('.turn-card').length;
      assert.ok(n >= 1 && n < 300, `first slice rendered ${n} turns`);
      handle.cancel();
    } finally {
      page.close();
    }
  });

  it('a new render cancels one in progress', async () => {
    const page = openPage({ view: { firstSliceSteps: 5, firstSliceMs: 1e9 } });
    try {
      const big = page.render(bigTask(500));
      const small = page.render(exampleTask());
      assert.ok(big.done instanceof Promise, 'render() hands back a handle with a done promise');
      assert.equal(await big.done, 'cancelled');
      assert.equal(await small.done, 'complete');
      await new Promise((r) => setTimeout(r, 20));
      assert.equal(page.root.querySelectorAll('.turn-card').length, 1);
      assert.equal(page.root.querySelector('.task-id')?.textContent, '6650f0c2a1b2c3d4e5f60001');
    } finally {
      page.close();
    }
  });
});
