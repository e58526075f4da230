import assert from 'node:assert/strict';
import { batchLook, deliveryLook, projectLook, taskEntry } from '../../src/core/scale/entries';
import type { Batch, Delivery, Project, Task } from '../../src/core/scale/types';

// A name an API could send: markdown, a link, raw HTML and a bidi override.
const HOSTILE = '**bold** [x](https://evil.example) <img src=x> \u202Eabc';

describe('Scale tree entries (pure looks)', () => {
  it('shows hostile names as inert text in every tooltip', () => {
    const looks = [
      projectLook({ id: 'p1', name: HOSTILE, created_at: '2026-01-02T00:00:00Z' } as unknown as Project),
      batchLook({ id: 'b1', name: HOSTILE, status: 'in_progress', created_at: '2026-01-02T00:00:00Z' } as unknown as Batch),
      deliveryLook({ id: 'd1', name: HOSTILE, task_count: 3, delivered_at: '2026-01-02T00:00:00Z' } as unknown as Delivery),
    ];
    for (const look of looks) {
      assert.equal(look.label, HOSTILE, 'the label is the name as written');
      const tooltip = look.tooltip ?? '';
      for (const live of ['**bold**', '](', '<img', 'https://', '\u202E']) {
        assert.ok(!tooltip.includes(live), `tooltip keeps ${JSON.stringify(live)} live: ${tooltip}`);
      }
    }
  });

  it('says "?" for a delivery whose count is missing, and the number when present', () => {
    const missing = deliveryLook({ id: 'd1', name: 'D', delivered_at: '2026-01-02T00:00:00Z' } as unknown as Delivery);
    assert.match(missing.description ?? '', /^\? tasks/);
    const present = deliveryLook({ id: 'd2', name: 'D', task_count: 12345, delivered_at: '2026-01-02T00:00:00Z' } as unknown as Delivery);
    assert.match(present.description ?? '', /^12,345 tasks/);
  });

  it('keys a task by its id and keeps the listing path for its tab', () => {
    const task = { task_id: 't-9', status: 'completed', created_at: '2026-01-02T00:00:00Z', metadata: { k: 1 } } as unknown as Task;
    const entry = taskEntry(task, ['Project', 'Batch']);
    assert.equal(entry.key, 'task:t-9');
    assert.equal(entry.copyId, 't-9');
    assert.deepEqual(entry.task, { id: 't-9', pathSegments: ['Project', 'Batch'] });
    assert.match(entry.look.tooltip ?? '', /k/);
  });
});
