import { strict as assert } from 'node:assert';
import { SCALE_FIXTURES as F } from '../emulator/scale/catalog';
import { TaskJsonCache } from '../emulator/scale/taskJsonCache';
import { applyTaskView } from '../emulator/scale/taskView';
import { taskViewFrom } from '../emulator/scale/params';
import { startEmulator, type Emulator } from '../emulator/server';

const OPTS = 'opts=annotation_details&opts=submissions';

describe('emulator: cached task JSON', () => {
  it('serialises once per key while the budget lasts, then serialises per call', () => {
    const cache = new TaskJsonCache(30);
    const text = (b: Buffer): string => b.toString('utf8');
    let made = 0;
    const make = (n: number) => () => {
      made++;
      return { n, pad: 'xxxxxxxx' };
    };
    assert.equal(text(cache.get('a', make(1))), '{"n":1,"pad":"xxxxxxxx"}');
    assert.equal(text(cache.get('a', make(99))), '{"n":1,"pad":"xxxxxxxx"}');
    assert.equal(made, 1);
    // 24 bytes cached; a second 24-byte entry does not fit in 30, so it is made each time.
    assert.equal(text(cache.get('b', make(2))), '{"n":2,"pad":"xxxxxxxx"}');
    assert.equal(text(cache.get('b', make(3))), '{"n":3,"pad":"xxxxxxxx"}');
    assert.equal(made, 3);
  });

  describe('/v2/delivery pages', () => {
    let emulator: Emulator;
    before(async () => {
      emulator = await startEmulator();
    });
    after(() => emulator.close());

    const page = async (query: string): Promise<string> => {
      const res = await fetch(`${emulator.url}/v2/delivery?${query}`, { headers: { Authorization: `Bearer ${emulator.apiKey}` } });
      assert.equal(res.status, 200);
      return res.text();
    };

    it('are compact JSON with the generated tasks, the same bytes when served again', async () => {
      const query = `delivery_id=${F.deliveries.delivery2500.id}&limit=3&${OPTS}`;
      const first = await page(query);
      const body = JSON.parse(first) as { delivery: unknown; tasks: unknown[]; next_token?: string };
      // What JSON.stringify of the whole body gives: same keys, same order, no whitespace.
      assert.equal(first, JSON.stringify(body));
      assert.deepEqual(Object.keys(body), ['delivery', 'tasks', 'next_token']);
      assert.equal(body.delivery, F.deliveries.delivery2500.id);
      // The tasks, made independently from the data the route reads.
      const def = emulator.scale.findDelivery(F.deliveries.delivery2500.id);
      assert.ok(def);
      const source = emulator.scale.deliverySource(def);
      const view = taskViewFrom(emulator.scale, new URLSearchParams(OPTS));
      assert.equal(JSON.stringify(body.tasks), JSON.stringify([0, 1, 2].map((i) => applyTaskView(source.taskAt(i), view))));
      const again = JSON.parse(await page(query)) as typeof body;
      assert.equal(JSON.stringify(again.tasks), JSON.stringify(body.tasks));
      // Another view of the same tasks is its own entry: bare annotations without annotation_details.
      const bare = JSON.parse(await page(`delivery_id=${F.deliveries.delivery2500.id}&limit=3`)) as typeof body;
      const plainView = taskViewFrom(emulator.scale, new URLSearchParams());
      assert.equal(JSON.stringify(bare.tasks), JSON.stringify([0, 1, 2].map((i) => applyTaskView(source.taskAt(i), plainView))));
      assert.notEqual(JSON.stringify(bare.tasks), JSON.stringify(body.tasks));
    });

    it('expand=delivery and the last page (no next_token) keep their shape', async () => {
      // The sized delivery holds 300 tasks here: its third page is the last.
      const base = `delivery_id=${F.deliveries.sized.id}&limit=100&expand=delivery`;
      let last = await page(base);
      for (let i = 0; i < 2; i++) {
        const token = (JSON.parse(last) as { next_token: string }).next_token;
        last = await page(`${base}&next_token=${encodeURIComponent(token)}`);
      }
      const body = JSON.parse(last) as Record<string, unknown>;
      assert.equal(last, JSON.stringify(body));
      assert.deepEqual(Object.keys(body), ['delivery', 'tasks']);
      assert.deepEqual(body.delivery, emulator.scale.findDelivery(F.deliveries.sized.id)?.delivery);
    });
  });
});
