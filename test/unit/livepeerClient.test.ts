import { strict as assert } from 'node:assert';
import { AuthError, BadRequestError, InvalidResponseError, NotFoundError } from '../../src/core/http/errors';
import { HttpClient } from '../../src/core/http/client';
import { LivepeerClient } from '../../src/core/livepeer/client';
import { filtersParam, nextCursorFromLink, taskListParams, totalCountOf } from '../../src/core/livepeer/queries';
import { isKnownValue, TASK_PHASES, TASK_TYPES, type Task } from '../../src/core/livepeer/types';
import { LIVEPEER_FIXTURES as F } from '../emulator/livepeer/data';
import { startEmulator, type Emulator } from '../emulator/server';
import { cannedTransport } from './support/clients';
import { collect, livepeerBaseUrl, TASK_PATH, testLivepeer } from './support/livepeer';

describe('core/livepeer client', () => {
  let emulator: Emulator;
  let client: LivepeerClient;
  const newestFirst = (tasks: readonly Task[]) => [...tasks].sort((a, b) => Number(b.createdAt) - Number(a.createdAt));
  const withPhase = (phase: string) => emulator.livepeer.tasks.filter((t) => t.status?.phase === phase);

  before(async () => {
    emulator = await startEmulator();
    client = testLivepeer(emulator);
  });
  after(() => emulator.close());
  beforeEach(() => {
    emulator.faults.clear();
    emulator.stats.reset();
    emulator.livepeer.linkOrigin = undefined;
  });

  describe('paging through the Link header', () => {
    it('walks every task newest first, stopping at cursor=undefined on a short last page', async () => {
      const tasks = await collect(client.iterateTasks());
      assert.equal(tasks.length, F.totalTasks);
      assert.deepEqual(
        tasks.map((t) => t.id),
        newestFirst(emulator.livepeer.tasks).map((t) => t.id),
      );
      // 100 + 100 + 40: the short last page carries `cursor=undefined`, which is not followed.
      assert.equal(emulator.stats.hits(TASK_PATH), 3);
      assert.deepEqual(emulator.stats.lastQueryValues(TASK_PATH, 'cursor'), ['skip200']);
      assert.deepEqual(emulator.stats.lastQueryValues(TASK_PATH, 'order'), ['createdAt-true']);
    });

    it('sees the server put cursor=undefined on the last page and treats it as the end', async () => {
      const response = await fetch(`${livepeerBaseUrl(emulator)}/task?limit=50&cursor=skip200`, {
        headers: { Authorization: `Bearer ${emulator.apiKey}` },
      });
      assert.match(response.headers.get('link') ?? '', /[?&]cursor=undefined>; rel="next"$/);
      const page = await client.listTasks({ limit: 50, cursor: 'skip200' });
      assert.equal(page.items.length, 40);
      assert.equal(page.nextCursor, null);
    });

    it('follows the cursor after an exactly-full last page and stops on the empty page', async () => {
      const pages = await collect(client.iterateTaskPages({ limit: 20 }));
      assert.deepEqual(
        pages.map((p) => p.items.length),
        [...Array(12).fill(20), 0],
      );
      assert.equal(emulator.stats.hits(TASK_PATH), 13);
      assert.equal(pages.at(-2)?.nextCursor, 'skip240');
      assert.equal(pages.at(-1)?.nextCursor, null);
    });

    it('takes only the cursor from a Link that names another host', async () => {
      emulator.livepeer.linkOrigin = 'http://10.255.255.1:3004';
      const response = await fetch(`${livepeerBaseUrl(emulator)}/task?limit=100`, {
        headers: { Authorization: `Bearer ${emulator.apiKey}` },
      });
      assert.match(response.headers.get('link') ?? '', /^<http:\/\/10\.255\.255\.1:3004\/livepeer\/api\/task\?/);
      emulator.stats.reset();
      const tasks = await collect(client.iterateTasks({ limit: 100 }));
      assert.equal(tasks.length, F.totalTasks);
      assert.equal(emulator.stats.hits(TASK_PATH), 3);
    });

    it('dedupes tasks that shift into the next page while paging', async () => {
      const pages = [
        { body: [{ id: 'a' }, { id: 'b' }], link: '<https://x.invalid/api/task?cursor=skip2>; rel="next"' },
        { body: [{ id: 'b' }, { id: 'c' }], link: '<https://x.invalid/api/task?cursor=undefined>; rel="next"' },
      ];
      let call = 0;
      const transport = {
        ...cannedTransport(200, '[]'),
        request: async () => {
          const page = pages[call++] ?? { body: [], link: '' };
          return {
            status: 200,
            header: (name: string) => (name === 'link' ? page.link : null),
            text: async () => JSON.stringify(page.body),
            discard: async () => undefined,
          };
        },
      };
      const shifting = new LivepeerClient(new HttpClient({ baseUrl: 'https://livepeer.example/api', apiKey: 'k', transport }));
      assert.deepEqual(
        (await collect(shifting.iterateTasks({ limit: 2 }))).map((t) => t.id),
        ['a', 'b', 'c'],
      );
      assert.equal(call, 2);
    });

    it('refuses a server that hands out the same cursor twice', async () => {
      const body = JSON.stringify([{ id: 'a' }]);
      const stuck = new LivepeerClient(
        new HttpClient({
          baseUrl: 'https://livepeer.example/api',
          apiKey: 'k',
          transport: cannedTransport(200, body, { link: '<https://livepeer.example/api/task?cursor=skip1>; rel="next"' }),
        }),
      );
      await assert.rejects(collect(stuck.iterateTaskPages({ cursor: 'skip1' })), InvalidResponseError);
    });
  });

  describe('counts, filters and order', () => {
    it('reads X-Total-Count when asked, and sends no count key otherwise', async () => {
      assert.equal((await client.listTasks({ limit: 1, count: true })).totalCount, F.totalTasks);
      assert.deepEqual(emulator.stats.lastQueryValues(TASK_PATH, 'count'), ['1']);
      const clips = emulator.livepeer.tasks.filter((t) => t.type === 'clip').length;
      assert.equal((await client.listTasks({ limit: 1, count: true, filters: { type: 'clip' } })).totalCount, clips);
      assert.equal((await client.listTasks({ limit: 1 })).totalCount, null);
      assert.deepEqual(emulator.stats.lastQueryValues(TASK_PATH, 'count'), []);
    });

    it('sends filters as URL-encoded JSON that the server applies', async () => {
      const since = F.totalTasks > 0 ? Number(emulator.livepeer.tasks[200]?.createdAt) : 0;
      const page = await client.listTasks({ limit: 100, filters: { type: 'upload', createdAt: { gte: since } } });
      const sent = emulator.stats.lastQueryValues(TASK_PATH, 'filters');
      assert.deepEqual(JSON.parse(sent[0] ?? ''), [
        { id: 'type', value: 'upload' },
        { id: 'createdAt', value: { gte: since } },
      ]);
      const expected = emulator.livepeer.tasks.filter((t) => t.type === 'upload' && Number(t.createdAt) >= since);
      assert.deepEqual(
        page.items.map((t) => t.id),
        newestFirst(expected).map((t) => t.id),
      );
    });

    it('finds the task behind an asset by outputAssetId, and survives a % in a value', async () => {
      const upload = emulator.livepeer.findTask(F.tasks.completedUpload);
      const page = await client.listTasks({ filters: { outputAssetId: String(upload?.outputAssetId) } });
      assert.deepEqual(
        page.items.map((t) => t.id),
        [F.tasks.completedUpload],
      );
      // The server URI-decodes filters twice: an unescaped `%` would be rejected as malformed.
      assert.deepEqual((await client.listTasks({ filters: { id: '100%' } })).items, []);
      assert.ok(filtersParam({ id: '100%' })?.includes('%25'));
    });

    it('maps a filter the server refuses to a bad-request error quoting it', async () => {
      const http = (client as LivepeerClient).http;
      const error = await http.getJson('/task', { filters: '[{"id":"phase","value":"failed"}]' }).catch((e: unknown) => e);
      assert.ok(error instanceof BadRequestError);
      assert.match(error.serverMessage ?? '', /^error parsing filters: /);
    });

    it('builds query parameters: capped limit, order, filters, no eq', () => {
      const params = taskListParams({
        limit: 5000,
        order: [{ field: 'updatedAt', descending: false }],
        filters: { updatedAt: { lt: 5, gt: undefined }, type: '' },
      });
      assert.equal(params.limit, 1000);
      assert.equal(params.order, 'updatedAt-false');
      assert.equal(params.filters, '[{"id":"updatedAt","value":{"lt":5}}]');
      assert.equal(taskListParams({}).limit, 20);
      assert.equal(taskListParams({}).count, undefined);
    });
  });

  describe('client-side phase filter', () => {
    it('pages until enough tasks match, and continues from the returned cursor', async () => {
      const failed = withPhase('failed');
      const seen: Task[] = [];
      let cursor: string | undefined;
      let calls = 0;
      do {
        const page = await client.listMatchingTasks({ cursor }, { phases: ['failed'], want: 10 });
        assert.ok(page.items.every((t) => t.status?.phase === 'failed'));
        assert.ok(page.items.length >= 10 || page.nextCursor === null, 'a page short of matches only at the end');
        seen.push(...page.items);
        cursor = page.nextCursor ?? undefined;
        calls++;
      } while (cursor);
      assert.deepEqual(
        seen.map((t) => t.id),
        newestFirst(failed).map((t) => t.id),
      );
      assert.ok(calls > 1);
    });

    it('stops after maxPages with a cursor, so a rare phase answers quickly', async () => {
      const page = await client.listMatchingTasks({}, { phases: [F.unknownPhase, 'pending'], want: 50, maxPages: 1 });
      assert.equal(emulator.stats.hits(TASK_PATH), 1);
      assert.equal(page.scanned, 100);
      assert.equal(page.nextCursor, 'skip100');
      assert.ok(page.items.every((t) => t.status?.phase === F.unknownPhase || t.status?.phase === 'pending'));
    });

    it('iterates every task of a phase', async () => {
      const running = await collect(client.iterateTasks({}, { phases: ['running'] }));
      assert.deepEqual(
        running.map((t) => t.id).sort(),
        withPhase('running')
          .map((t) => t.id)
          .sort(),
      );
    });
  });

  describe('tolerant types', () => {
    it('keeps legacy and unknown types and phases, and every byte of the JSON', async () => {
      const all = await collect(client.iterateTasks({ limit: 1000 }));
      const types = new Set(all.map((t) => t.type));
      const phases = new Set(all.map((t) => t.status?.phase));
      for (const type of TASK_TYPES) assert.ok(types.has(type), `no ${type} task`);
      for (const phase of TASK_PHASES) assert.ok(phases.has(phase), `no ${phase} task`);
      assert.ok(types.has(F.unknownType) && !isKnownValue(TASK_TYPES, F.unknownType));
      assert.ok(phases.has(F.unknownPhase) && !isKnownValue(TASK_PHASES, F.unknownPhase));
      for (const name of ['legacyImport', 'legacyTranscode', 'unknownType', 'completedTranscode'] as const) {
        const task = await client.getTask(F.tasks[name]);
        assert.equal(JSON.stringify(task), JSON.stringify(emulator.livepeer.findTask(F.tasks[name])));
      }
      const transcode = await client.getTask(F.tasks.completedTranscode);
      assert.equal(transcode.params?.['transcode-file']?.storage?.url, 's3+https://***:***@storage.example.com/my-bucket');
      assert.equal(transcode.output?.transcodeFile?.request_id?.length, 20);
      assert.equal((await client.getTask(F.tasks.legacyImport)).params?.import?.url, 'https://media.example.com/raw/old-import.mp4');
    });

    it('gets assets with tracks only on request, and 404s as not found', async () => {
      const task = await client.getTask(F.tasks.completedUpload);
      const id = String(task.outputAssetId);
      assert.equal((await client.getAsset(id)).videoSpec?.tracks, undefined);
      assert.equal((await client.getAsset(id, { details: true })).videoSpec?.tracks?.length, 2);
      assert.deepEqual(emulator.stats.lastQueryValues(`${livepeerBaseUrl(emulator).replace(emulator.url, '')}/asset/${id}`, 'details'), [
        '1',
      ]);
      const missing = await client.getTask(F.tasks.missingOutputAsset);
      await assert.rejects(
        client.getAsset(String(missing.outputAssetId)),
        (e: unknown) => e instanceof NotFoundError && /Asset not found/.test(e.message),
      );
      await assert.rejects(client.getTask(F.absentId), NotFoundError);
    });

    it('rejects a body that is not a task list', async () => {
      const wrong = new LivepeerClient(
        new HttpClient({ baseUrl: 'https://livepeer.example/api', apiKey: 'k', transport: cannedTransport(200, '{"tasks":[]}') }),
      );
      await assert.rejects(wrong.listTasks(), (e: unknown) => e instanceof InvalidResponseError && /Livepeer Studio API/.test(e.message));
    });
  });

  describe('faults and errors', () => {
    it('recovers from 429, 5xx, resets and truncated bodies while paging', async () => {
      emulator.faults.set({
        pathPrefix: '/livepeer',
        rateLimit: { count: 1, retryAfter: 0 },
        serverErrors: { count: 2, status: 502 },
        resetMidBody: { count: 1 },
        truncateBody: { count: 1 },
      });
      // Five faults in a row all land on the first request: allow it enough attempts.
      const patient = testLivepeer(emulator, { retry: { maxAttempts: 8 } });
      const tasks = await collect(patient.iterateTasks());
      assert.equal(tasks.length, F.totalTasks);
      const faults = emulator.stats
        .requests(TASK_PATH)
        .map((r) => r.fault)
        .filter(Boolean);
      assert.deepEqual(faults.sort(), ['rateLimit', 'resetMidBody', 'serverError', 'serverError', 'truncateBody']);
    });

    it('scopes faults by path prefix: Livepeer faults leave Scale alone', async () => {
      emulator.faults.set({ pathPrefix: '/livepeer', serverErrors: { count: 1 } });
      const scale = await fetch(`${emulator.url}/v2/projects`, { headers: { Authorization: `Bearer ${emulator.apiKey}` } });
      assert.equal(scale.status, 200);
      const livepeer = await fetch(`${livepeerBaseUrl(emulator)}/task`, { headers: { Authorization: `Bearer ${emulator.apiKey}` } });
      assert.equal(livepeer.status, 503);
      assert.deepEqual(await livepeer.json(), { errors: ['Service temporarily unavailable (injected fault)'] });
    });

    it('reports a rejected key as a typed auth error that never shows the key', async () => {
      const secret = 'lp-secret-key-0123456789';
      const error = await testLivepeer(emulator, { apiKey: secret })
        .listTasks()
        .catch((e: unknown) => e);
      assert.ok(error instanceof AuthError);
      assert.equal(error.status, 401);
      assert.ok(!error.message.includes(secret) && !String(error.stack).includes(secret));
      assert.equal(error.serverMessage, 'no token *** found');
      const missing = await fetch(`${livepeerBaseUrl(emulator)}/task`);
      assert.deepEqual(await missing.json(), { errors: ['request is not authenticated'] });
    });
  });

  describe('Link and count parsing', () => {
    it('extracts only the cursor, and ends on undefined, empty or absent cursors', () => {
      assert.equal(nextCursorFromLink('<https://livepeer.studio/api/task?limit=2&cursor=skip2>; rel="next"'), 'skip2');
      assert.equal(nextCursorFromLink('<http://10.0.0.1:3004/api/task?cursor=skip40&limit=20>; rel=next'), 'skip40');
      assert.equal(nextCursorFromLink('<https://a/x?cursor=skip9>; rel="prev", <https://a/x?b=1,2&cursor=skip10>; rel="next"'), 'skip10');
      assert.equal(nextCursorFromLink('</api/task?cursor=skip5>; rel="next"'), 'skip5');
      assert.equal(nextCursorFromLink('<https://livepeer.studio/api/task?limit=2&cursor=undefined>; rel="next"'), null);
      assert.equal(nextCursorFromLink('<https://livepeer.studio/api/task?cursor=>; rel="next"'), null);
      assert.equal(nextCursorFromLink('<https://livepeer.studio/api/task?limit=2>; rel="next"'), null);
      assert.equal(nextCursorFromLink('<https://a/x?cursor=skip3>; rel="prev"'), null);
      assert.equal(nextCursorFromLink(null), null);
      assert.equal(nextCursorFromLink('garbage'), null);
    });

    it('parses X-Total-Count strictly', () => {
      assert.equal(totalCountOf('37'), 37);
      assert.equal(totalCountOf(' 0 '), 0);
      assert.equal(totalCountOf(null), null);
      assert.equal(totalCountOf('many'), null);
      assert.equal(totalCountOf('-1'), null);
    });

    it('exposes response headers from HttpClient.getJsonWithHeaders, after retries', async () => {
      emulator.faults.set({ pathPrefix: '/livepeer', serverErrors: { count: 1 } });
      const response = await client.http.getJsonWithHeaders('/task', { limit: 1, count: 1 });
      assert.ok(Array.isArray(response.body));
      assert.equal(response.header('X-TOTAL-COUNT'), String(F.totalTasks));
      assert.match(response.header('link') ?? '', /cursor=skip1/);
      assert.equal(response.header('x-absent'), null);
    });
  });
});
