import { strict as assert } from 'node:assert';
import { request as httpRequest } from 'node:http';
import type { Task } from '../../src/core/scale/types';
import { BIG_TASK_TURNS } from '../emulator/scale/bigTask';
import { SCALE_FIXTURES as F } from '../emulator/scale/catalog';
import { objectId } from '../emulator/scale/ids';
import { startEmulator, type Emulator } from '../emulator/server';

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: () => Record<string, unknown>;
}

function client(emulator: Emulator) {
  return async (path: string, init: { auth?: boolean; method?: string; body?: unknown } = {}): Promise<Answer> => {
    const headers: Record<string, string> = {};
    if (init.auth !== false) headers.Authorization = `Bearer ${emulator.apiKey}`;
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${emulator.url}${path}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      redirect: 'manual',
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) as Record<string, unknown> };
  };
}

const ALL_OPTS = 'opts=annotation_details&opts=attachment_details&opts=model_parameters&opts=submissions';

describe('test emulator', () => {
  let emulator: Emulator;
  let get: ReturnType<typeof client>;
  before(async () => {
    emulator = await startEmulator();
    get = client(emulator);
  });
  after(() => emulator.close());
  beforeEach(() => {
    emulator.faults.clear();
    emulator.stats.reset();
  });

  describe('API rules', () => {
    it('binds 127.0.0.1 on a random port', () => {
      assert.match(emulator.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.notEqual(emulator.port, 0);
    });

    it('requires the Bearer key and answers 401 with a JSON error body', async () => {
      const answer = await get('/v2/projects', { auth: false });
      assert.equal(answer.status, 401);
      assert.deepEqual(Object.keys(answer.json()), ['status_code', 'error']);
      assert.equal(answer.json().status_code, 401);
      assert.equal(emulator.stats.requests('/v2/projects')[0]?.authorized, false);
    });

    it('validates limit as 1..100', async () => {
      for (const limit of ['0', '101', 'abc', '2.5']) {
        const answer = await get(`/v2/tasks?project_id=${F.projects.main.id}&limit=${limit}`);
        assert.equal(answer.status, 400, `limit=${limit}`);
        assert.match(String(answer.json().error), /limit must be an integer between 1 and 100/);
      }
      assert.equal((await get(`/v2/tasks?project_id=${F.projects.main.id}&limit=100`)).status, 200);
    });

    it('enforces the "one of" parameter rules', async () => {
      assert.equal((await get('/v2/tasks')).status, 400);
      assert.equal((await get(`/v2/project?project_id=${F.projects.main.id}&project_name=x`)).status, 400);
      assert.equal((await get('/v2/batches')).status, 400);
      assert.equal((await get('/v2/delivery?delivery_name=x')).status, 400);
      assert.equal((await get('/v2/task')).status, 400);
      assert.equal((await get('/v2/datasets/tasks')).status, 400);
      assert.equal((await get('/v2/schema?schema_id=nope')).status, 400);
    });

    it('answers 404 for unknown ids, names and routes, 405 for writes', async () => {
      assert.equal((await get('/v2/task?task_id=6650f00300000000ffffffff')).status, 404);
      assert.equal((await get('/v2/project?project_name=Nope')).status, 404);
      assert.equal((await get('/v2/nope')).status, 404);
      const write = await get('/v2/batch', { method: 'POST', body: { name: 'x' } });
      assert.equal(write.status, 405);
    });

    it('pages with opaque base64url tokens bound to the filters', async () => {
      const first = (await get(`/v2/tasks?batch_id=${F.batches.batch250.id}&limit=100`)).json();
      const token = String(first.next_token);
      assert.match(token, /^[A-Za-z0-9_-]+$/);
      assert.equal((await get(`/v2/tasks?batch_id=${F.batches.batch250.id}&limit=100&next_token=${token}`)).status, 200);
      assert.equal((await get(`/v2/tasks?batch_id=${F.batches.pagingA.id}&next_token=${token}`)).status, 400);
      assert.equal((await get(`/v2/tasks?batch_id=${F.batches.batch250.id}&next_token=garbage!`)).status, 400);
      const last = (await get(`/v2/tasks?batch_id=${F.batches.batch250.id}&limit=50&next_token=${token}&opts=submissions`)).json();
      assert.equal((last.tasks as unknown[]).length, 50);
    });

    it('returns bare annotations without opts=annotation_details, full ones with it', async () => {
      const bare = (await get(`/v2/task?task_id=${F.tasks.kitchenSink}`)).json() as unknown as Task;
      const first = bare.threads?.[0]?.annotations[0];
      assert.deepEqual(Object.keys(first ?? {}), ['key', 'value']);
      assert.equal(bare.threads?.[0]?.turns[0]?.messages[2]?.model_parameters, undefined);
      assert.equal(bare.threads?.[0]?.submissions, undefined);
      assert.equal(bare.threads?.[0]?.turns[0]?.messages[1]?.content.attachments?.[0]?.name, undefined);
      const full = (await get(`/v2/task?task_id=${F.tasks.kitchenSink}&${ALL_OPTS}&expand=project&expand=batch`)).json() as unknown as Task;
      const annotation = full.threads?.[0]?.annotations[0];
      assert.ok(annotation?.id && annotation.type, 'full annotations have id and type');
      assert.equal(typeof full.project, 'object');
      assert.equal(typeof full.batch, 'object');
      assert.deepEqual(emulator.stats.lastQueryValues('/v2/task', 'expand'), ['project', 'batch']);
    });

    it('serves dataset attachment URLs as 302 redirects', async () => {
      const answer = await get(`/v2/datasets/task/${objectId('datasetTask', 0, 3)}/response_url/att_3_0`);
      assert.equal(answer.status, 302);
      assert.match(answer.headers.get('location') ?? '', /att_3_0/);
    });
  });

  describe('seeded data', () => {
    it('is deterministic, and the seed changes content but not ids', async () => {
      const path = `/v2/task?task_id=${F.tasks.firstOfBatch250}&${ALL_OPTS}`;
      assert.equal((await get(path)).text, (await get(path)).text);
      const other = await startEmulator({ seed: 7 });
      try {
        const mine = (await get(path)).json() as unknown as Task;
        const theirs = (await client(other)(path)).json() as unknown as Task;
        assert.equal(theirs.task_id, mine.task_id);
        assert.notEqual(JSON.stringify(theirs.threads), JSON.stringify(mine.threads));
      } finally {
        await other.close();
      }
    });

    it('has batches and tasks in every status, unknown ones included, and a hostile project name', async () => {
      const projects = (await get('/v2/projects')).json().projects as Array<{ name: string }>;
      assert.ok(
        projects.some((p) => p.name.startsWith('../') && p.name.includes(':')),
        'hostile project name',
      );
      const batches = (await get(`/v2/batches?project_id=${F.projects.main.id}`)).json().batches as Array<{ status: string }>;
      assert.deepEqual(
        new Set(batches.map((b) => b.status)),
        new Set(['completed', 'staging', 'in_progress', 'paused', 'cancelled', 'archived']),
      );
      const statuses = new Set<string>();
      let token = '';
      do {
        const page = (
          await get(`/v2/tasks?project_id=${F.projects.main.id}&opts=submissions${token ? `&next_token=${token}` : ''}`)
        ).json();
        for (const task of page.tasks as Task[]) statuses.add(task.status);
        token = String(page.next_token ?? '');
      } while (token);
      assert.deepEqual(statuses, new Set(['completed', 'pending', 'canceled', 'error', 'deleted', 'quality_review']));
    });

    it('generates delivery tasks of about 4 KB each', async () => {
      const page = await get(`/v2/delivery?delivery_id=${F.deliveries.delivery2500.id}&limit=100&${ALL_OPTS}`);
      const perTask = page.text.length / 100;
      assert.ok(perTask > 3_000 && perTask < 6_000, `${perTask} bytes per task`);
    });

    it('serves a 100,000-task delivery without holding it in memory', async () => {
      const big = await startEmulator({ deliverySize: 100_000 });
      try {
        const call = client(big);
        const deliveries = (await call(`/v2/deliveries?project_id=${F.projects.bulk.id}`)).json().deliveries as Array<{
          id: string;
          task_count: number;
        }>;
        assert.equal(deliveries.find((d) => d.id === F.deliveries.sized.id)?.task_count, 100_000);
        const lastId = objectId('task', 11, 99_999);
        assert.equal(((await call(`/v2/task?task_id=${lastId}`)).json() as unknown as Task).task_id, lastId);
        assert.equal((await call(`/v2/task?task_id=${objectId('task', 11, 100_000)}`)).status, 404);
        const heapBefore = process.memoryUsage().heapUsed;
        for (let page = 0; page < 5; page++)
          assert.equal((await call(`/v2/delivery?delivery_id=${F.deliveries.sized.id}&limit=100`)).status, 200);
        assert.ok(process.memoryUsage().heapUsed - heapBefore < 200_000_000, 'no whole-delivery allocation');
      } finally {
        await big.close();
      }
    });

    it('serves the big task: 2,000 turns, about 5 MB', async () => {
      const answer = await get(`/v2/task?task_id=${F.tasks.big}&${ALL_OPTS}`);
      assert.ok(answer.text.length > 4_000_000 && answer.text.length < 7_000_000, `${answer.text.length} bytes`);
      assert.equal((answer.json() as unknown as Task).threads?.[0]?.turns.length, BIG_TASK_TURNS);
    });

    it('carries a workspace token to test masking', async () => {
      assert.match((await get(`/v2/task?task_id=${F.tasks.kitchenSink}&${ALL_OPTS}`)).text, /"workspace_token":"wst_SECRET_\d+"/);
    });

    it('accepts extra fixed tasks, listed after their batch', async () => {
      const own = await startEmulator();
      try {
        const extra: Task = {
          task_id: 'hostile-0001',
          project: F.projects.main.id,
          batch: F.batches.batch250.id,
          status: 'completed',
          created_at: '2025-06-01T00:00:00Z',
          threads: [],
        };
        own.scale.registerExtraTask(extra);
        const call = client(own);
        assert.equal(((await call('/v2/task?task_id=hostile-0001')).json() as unknown as Task).task_id, 'hostile-0001');
        const first = (await call(`/v2/tasks?batch_id=${F.batches.batch250.id}&limit=100`)).json();
        const second = (await call(`/v2/tasks?batch_id=${F.batches.batch250.id}&limit=100&next_token=${String(first.next_token)}`)).json();
        const third = (await call(`/v2/tasks?batch_id=${F.batches.batch250.id}&limit=100&next_token=${String(second.next_token)}`)).json();
        const last = third.tasks as Task[];
        assert.equal(last.length, 51);
        assert.equal(last.at(-1)?.task_id, 'hostile-0001');
        const posted = await call('/__emulator/scale/tasks', { method: 'POST', auth: false, body: { ...extra, task_id: 'hostile-0002' } });
        assert.equal(posted.status, 201);
        assert.equal((await call('/v2/task?task_id=hostile-0002')).status, 200);
      } finally {
        await own.close();
      }
    });
  });

  describe('faults and counters', () => {
    it('switches faults over HTTP, scoped to a path prefix', async () => {
      const set = await get('/__emulator/faults', {
        method: 'POST',
        auth: false,
        body: { pathPrefix: '/v2/tasks', rateLimit: { count: 1, retryAfter: 2 } },
      });
      assert.equal(set.status, 200);
      assert.equal((await get('/v2/projects')).status, 200);
      const limited = await get(`/v2/tasks?project_id=${F.projects.main.id}&limit=1`);
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('retry-after'), '2');
      assert.equal((await get(`/v2/tasks?project_id=${F.projects.main.id}&limit=1`)).status, 200);
      assert.equal((await get('/__emulator/faults', { method: 'DELETE', auth: false })).status, 200);
      const stats = (await get('/__emulator/stats', { auth: false })).json() as { hits: Record<string, number> };
      assert.deepEqual(stats.hits, { '/v2/projects': 1, '/v2/tasks': 2 });
    });

    it('sends bursts of 5xx, then recovers', async () => {
      emulator.faults.set({ serverErrors: { count: 2, status: 500 } });
      assert.deepEqual(
        [(await get('/v2/projects')).status, (await get('/v2/projects')).status, (await get('/v2/projects')).status],
        [500, 500, 200],
      );
    });

    it('truncates or replaces bodies on request', async () => {
      emulator.faults.set({ truncateBody: { count: 1 } });
      const truncated = (await get('/v2/projects')).text;
      assert.throws(() => JSON.parse(truncated));
      emulator.faults.set({ invalidJson: { count: 1 } });
      assert.match((await get('/v2/projects')).text, /^<!DOCTYPE html>/);
    });

    it('resets the connection halfway through the body', async () => {
      emulator.faults.set({ resetMidBody: { count: 1 } });
      const outcome = await new Promise<{ promised: number; received: number; aborted: boolean }>((resolve) => {
        const req = httpRequest(`${emulator.url}/v2/projects`, { headers: { Authorization: `Bearer ${emulator.apiKey}` } }, (res) => {
          let received = 0;
          res.on('data', (chunk: Buffer) => (received += chunk.length));
          const done = (aborted: boolean) => resolve({ promised: Number(res.headers['content-length']), received, aborted });
          res.on('aborted', () => done(true));
          res.on('error', () => done(true));
          res.on('end', () => done(false));
        });
        req.on('error', () => resolve({ promised: 1, received: 0, aborted: true }));
        req.end();
      });
      assert.ok(outcome.aborted, 'connection aborted');
      assert.ok(outcome.received < outcome.promised, `${outcome.received} of ${outcome.promised} bytes`);
    });

    it('adds latency', async () => {
      emulator.faults.set({ latencyMs: 150 });
      const started = Date.now();
      await get('/v2/projects');
      assert.ok(Date.now() - started >= 140, 'latency applied');
    });

    it('expires tokens older than a given age', async () => {
      const first = (await get(`/v2/tasks?batch_id=${F.batches.batch250.id}`)).json();
      emulator.faults.set({ expireTokens: { olderThanMs: 60_000 } });
      assert.equal((await get(`/v2/tasks?batch_id=${F.batches.batch250.id}&next_token=${String(first.next_token)}`)).status, 200);
      emulator.faults.set({ expireTokens: { olderThanMs: -1 } });
      const expired = await get(`/v2/tasks?batch_id=${F.batches.batch250.id}&next_token=${String(first.next_token)}`);
      assert.equal(expired.status, 400);
      assert.match(String(expired.json().error), /next_token expired/);
    });

    it('records queries with repeated keys, and never counts control calls', async () => {
      await get(`/v2/tasks?batch_id=${F.batches.batch250.id}&limit=1&expand=project&expand=batch&opts=submissions`);
      await get('/__emulator/health', { auth: false });
      assert.deepEqual(emulator.stats.lastQueryValues('/v2/tasks', 'expand'), ['project', 'batch']);
      assert.equal(emulator.stats.totalRequests, 1);
      assert.equal(emulator.stats.hits('/__emulator/health'), 0);
      assert.equal(emulator.stats.hitsUnder('/v2/'), 1);
    });
  });
});
