import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import {
  AuthError,
  BadRequestError,
  CancelledError,
  InvalidResponseError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  TaskLensError,
  TimeoutError,
} from '../../src/core/http/errors';
import { createFetchTransport } from '../../src/core/http/fetchTransport';
import { HttpClient } from '../../src/core/http/client';
import type { HttpTransport } from '../../src/core/http/transport';
import { createUndiciTransport } from '../../src/core/http/undiciTransport';
import { TASK_LENS_VERSION } from '../../src/core/version';
import { startEmulator, type Emulator } from '../emulator/server';
import { cannedTransport, recordingSleep, testHttp } from './support/clients';

const SECRET_KEY = 'live_SUPER-secret-KEY-7f3a9c';

/** Rejects with the error the promise rejects with (assert.rejects cannot hand it back). */
async function failure(promise: Promise<unknown>): Promise<TaskLensError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof TaskLensError, `expected a TaskLensError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

function assertNoSecret(error: Error, secret: string): void {
  assert.ok(!error.message.includes(secret), 'message leaks the key');
  assert.ok(!String(error).includes(secret), 'String(error) leaks the key');
  assert.ok(!(error.stack ?? '').includes(secret), 'stack leaks the key');
}

describe('core/http', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator({ apiKey: SECRET_KEY });
  });
  after(() => emulator.close());
  beforeEach(() => {
    emulator.faults.clear();
    emulator.stats.reset();
  });

  describe('requests', () => {
    it('builds URLs with repeated array keys, encodes values and keeps a base path', () => {
      const http = new HttpClient({ baseUrl: 'https://example.test/proxy/', apiKey: 'k-12345', transport: createFetchTransport() });
      const url = http.buildUrl('/v2/tasks', {
        project_name: 'A & B/C',
        expand: ['project', 'batch'],
        opts: [],
        limit: 5,
        status: undefined,
        next_token: null,
      });
      assert.equal(url.pathname, '/proxy/v2/tasks');
      assert.deepEqual(
        [...url.searchParams],
        [
          ['project_name', 'A & B/C'],
          ['expand', 'project'],
          ['expand', 'batch'],
          ['limit', '5'],
        ],
      );
      assert.match(url.search, /expand=project&expand=batch/);
    });

    it('sends Bearer auth, Accept and a task-lens User-Agent', async () => {
      const transport = cannedTransport(200, '{"ok":true}');
      const http = new HttpClient({ baseUrl: 'https://example.test', apiKey: SECRET_KEY, transport });
      assert.deepEqual(await http.getJson('/v2/projects'), { ok: true });
      const headers = transport.requests[0]?.headers ?? {};
      assert.equal(headers.Authorization, `Bearer ${SECRET_KEY}`);
      assert.equal(headers.Accept, 'application/json');
      assert.equal(headers['User-Agent'], `task-lens/${TASK_LENS_VERSION}`);
    });

    it('keeps the version constant in step with package.json', () => {
      const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
      assert.equal(TASK_LENS_VERSION, manifest.version);
    });

    it('rejects a base URL that is not http(s)', () => {
      assert.throws(() => new HttpClient({ baseUrl: 'ftp://x', apiKey: 'k', transport: createFetchTransport() }), BadRequestError);
      assert.throws(() => new HttpClient({ baseUrl: 'not a url', apiKey: 'k', transport: createFetchTransport() }), BadRequestError);
    });
  });

  for (const [name, makeTransport] of [
    ['fetch', () => createFetchTransport()],
    ['undici', () => createUndiciTransport({ env: {} })],
  ] as const) {
    describe(`over the ${name} transport`, () => {
      let transport: HttpTransport;
      before(() => {
        transport = makeTransport();
      });
      after(() => transport.close());

      it('gets JSON', async () => {
        const body = (await testHttp(emulator, { transport }).getJson('/v2/projects')) as { projects: unknown[] };
        assert.ok(body.projects.length >= 5, 'body.projects.length >= 5');
      });

      it('recovers from a reset mid-body', async () => {
        emulator.faults.set({ resetMidBody: { count: 2 } });
        const body = (await testHttp(emulator, { transport }).getJson('/v2/projects')) as { projects: unknown[] };
        assert.ok(body.projects.length >= 5, 'body.projects.length >= 5');
        assert.equal(emulator.stats.hits('/v2/projects'), 3);
      });

      it('reports a network error when resets outlast the retries', async () => {
        emulator.faults.set({ resetMidBody: { count: 10 } });
        const error = await failure(testHttp(emulator, { transport, retry: { maxAttempts: 3 } }).getJson('/v2/projects'));
        assert.ok(error instanceof NetworkError, 'error instanceof NetworkError');
        assert.equal(error.attempts, 3);
        assert.equal(emulator.stats.hits('/v2/projects'), 3);
      });

      it('reads a redirect Location without following it', async () => {
        const location = await testHttp(emulator, { transport }).getRedirectLocation(
          '/v2/datasets/task/6682d4090000000000000000/response_url/att_0_0',
        );
        assert.match(location, /^https:\/\/files\.emulator\.invalid\//);
      });

      it('times out a request that never answers, without retrying it', async () => {
        emulator.faults.set({ hang: { count: 5 } });
        const started = Date.now();
        const error = await failure(testHttp(emulator, { transport, timeoutMs: 150 }).getJson('/v2/projects'));
        assert.ok(error instanceof TimeoutError, String(error));
        assert.ok(Date.now() - started < 2_000, 'Date.now() - started < 2_000');
        assert.equal(emulator.stats.hits('/v2/projects'), 1);
        assert.match(error.message, /timed out after 150 ms/);
      });

      it('cancels promptly when the caller aborts, without retrying', async () => {
        emulator.faults.set({ hang: { count: 5 } });
        const controller = new AbortController();
        const started = Date.now();
        setTimeout(() => controller.abort(), 50);
        const error = await failure(testHttp(emulator, { transport }).getJson('/v2/projects', {}, { signal: controller.signal }));
        assert.ok(error instanceof CancelledError, String(error));
        assert.equal(error.kind, 'cancelled');
        assert.ok(Date.now() - started < 1_000, 'abort took too long');
        assert.equal(emulator.stats.hits('/v2/projects'), 1);
      });
    });
  }

  describe('retries', () => {
    it('honours Retry-After in seconds on 429', async () => {
      emulator.faults.set({ rateLimit: { count: 2, retryAfter: 3 } });
      const { sleep, waits } = recordingSleep();
      await testHttp(emulator, { sleep }).getJson('/v2/projects');
      assert.deepEqual(waits, [3_000, 3_000]);
      assert.equal(emulator.stats.hits('/v2/projects'), 3);
    });

    it('honours Retry-After as an HTTP-date', async () => {
      const at = new Date(Date.now() + 5_000).toUTCString();
      emulator.faults.set({ rateLimit: { count: 1, retryAfter: at } });
      const { sleep, waits } = recordingSleep();
      await testHttp(emulator, { sleep }).getJson('/v2/projects');
      assert.equal(waits.length, 1);
      assert.ok((waits[0] ?? 0) > 3_000 && (waits[0] ?? 0) <= 5_000, `waited ${waits[0]}`);
    });

    it('really waits for Retry-After', async () => {
      emulator.faults.set({ rateLimit: { count: 1, retryAfter: 1 } });
      const started = Date.now();
      await testHttp(emulator).getJson('/v2/projects');
      assert.ok(Date.now() - started >= 950, `only waited ${Date.now() - started} ms`);
    });

    it('reports rate limiting once the attempts are used up', async () => {
      emulator.faults.set({ rateLimit: { count: 10, retryAfter: 0 } });
      const error = await failure(testHttp(emulator, { retry: { maxAttempts: 4 } }).getJson('/v2/projects'));
      assert.ok(error instanceof RateLimitedError, 'error instanceof RateLimitedError');
      assert.equal(error.attempts, 4);
      assert.match(error.message, /^Rate limited \(429\) by GET \/v2\/projects at http:\/\/127\.0\.0\.1:\d+ after 4 attempts/);
    });

    it('does not sleep through a Retry-After longer than the cap', async () => {
      emulator.faults.set({ rateLimit: { count: 1, retryAfter: 3_600 } });
      const { sleep, waits } = recordingSleep();
      const error = await failure(testHttp(emulator, { sleep }).getJson('/v2/projects'));
      assert.ok(error instanceof RateLimitedError, 'error instanceof RateLimitedError');
      assert.equal(error.retryAfterMs, 3_600_000);
      assert.deepEqual(waits, []);
      assert.match(error.message, /wait 3600 s/);
    });

    it('retries a burst of 5xx with backoff', async () => {
      emulator.faults.set({ serverErrors: { count: 3, status: 502 } });
      const { sleep, waits } = recordingSleep();
      const retries: string[] = [];
      await testHttp(emulator, {
        sleep,
        retry: { baseDelayMs: 100, maxDelayMs: 150 },
        random: () => 1,
        onRetry: (e) => retries.push(e.reason),
      }).getJson('/v2/projects');
      assert.deepEqual(waits, [100, 150, 150]);
      assert.deepEqual(retries, ['502', '502', '502']);
    });

    it('reports a server error after the retries, with the server text', async () => {
      emulator.faults.set({ serverErrors: { count: 10 } });
      const error = await failure(testHttp(emulator, { retry: { maxAttempts: 2 } }).getJson('/v2/projects'));
      assert.ok(error instanceof ServerError, 'error instanceof ServerError');
      assert.equal(error.status, 503);
      assert.equal(error.serverMessage, 'Service temporarily unavailable (injected fault)');
      assert.equal(emulator.stats.hits('/v2/projects'), 2);
    });

    it('retries a truncated JSON body', async () => {
      emulator.faults.set({ truncateBody: { count: 1 } });
      const body = (await testHttp(emulator).getJson('/v2/projects')) as { projects: unknown[] };
      assert.ok(Array.isArray(body.projects), 'Array.isArray(body.projects)');
      assert.equal(emulator.stats.hits('/v2/projects'), 2);
    });

    it('gives up on unreadable bodies after a bounded number of retries', async () => {
      emulator.faults.set({ invalidJson: { count: 10 } });
      const error = await failure(testHttp(emulator, { retry: { maxAttempts: 10, maxInvalidBodyRetries: 2 } }).getJson('/v2/projects'));
      assert.ok(error instanceof InvalidResponseError, 'error instanceof InvalidResponseError');
      assert.equal(emulator.stats.hits('/v2/projects'), 3);
      assert.match(error.message, /not valid JSON/);
    });

    it('does not retry 4xx other than 408 and 429', async () => {
      const error = await failure(testHttp(emulator).getJson('/v2/tasks', { project_name: 'Chat RLHF - Coding', limit: 500 }));
      assert.ok(error instanceof BadRequestError, 'error instanceof BadRequestError');
      assert.equal(error.status, 400);
      assert.match(error.message, /limit must be an integer between 1 and 100/);
      assert.ok(!error.message.includes('Chat RLHF'), 'query values stay out of messages');
      assert.equal(emulator.stats.hits('/v2/tasks'), 1);
    });

    it('cancels during a backoff wait', async () => {
      emulator.faults.set({ rateLimit: { count: 1, retryAfter: 30 } });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const started = Date.now();
      const error = await failure(testHttp(emulator).getJson('/v2/projects', {}, { signal: controller.signal }));
      assert.ok(error instanceof CancelledError, 'error instanceof CancelledError');
      assert.ok(Date.now() - started < 1_000, 'Date.now() - started < 1_000');
    });

    it('makes no request when already cancelled', async () => {
      const error = await failure(testHttp(emulator).getJson('/v2/projects', {}, { signal: AbortSignal.abort() }));
      assert.ok(error instanceof CancelledError, 'error instanceof CancelledError');
      assert.equal(emulator.stats.totalRequests, 0);
    });

    it('reports an unreachable server as a network error', async () => {
      const closed = await startEmulator();
      const url = closed.url;
      await closed.close();
      const error = await failure(testHttp(emulator, { baseUrl: url, retry: { maxAttempts: 2 } }).getJson('/v2/projects'));
      assert.ok(error instanceof NetworkError, 'error instanceof NetworkError');
      assert.match(error.message, /^Could not reach http:\/\/127\.0\.0\.1:\d+ \(GET \/v2\/projects\) after 2 attempts: ECONNREFUSED/);
    });
  });

  describe('errors', () => {
    it('maps 401 to an actionable auth error that never shows the key', async () => {
      const wrongKey = `${SECRET_KEY}-WRONG`;
      const error = await failure(testHttp(emulator, { apiKey: wrongKey }).getJson('/v2/projects', { project_name: 'x' }));
      assert.ok(error instanceof AuthError, 'error instanceof AuthError');
      assert.equal(error.kind, 'auth');
      assert.equal(error.status, 401);
      assert.match(
        error.message,
        /^API key rejected \(401\) by GET \/v2\/projects at http:\/\/127\.0\.0\.1:\d+ — set a new key with “Task Lens: Set API Key”\./,
      );
      assert.match(error.message, /Server said: “Unauthorized/);
      assertNoSecret(error, wrongKey);
      assertNoSecret(error, SECRET_KEY);
      assert.equal(emulator.stats.hits('/v2/projects'), 1, '401 is not retried');
    });

    it('maps 404 to a not-found error quoting the server', async () => {
      const error = await failure(testHttp(emulator).getJson('/v2/task', { task_id: 'nope' }));
      assert.ok(error instanceof NotFoundError, 'error instanceof NotFoundError');
      assert.equal(error.serverMessage, 'Task not found: nope');
      assert.deepEqual(error.endpoint, { method: 'GET', path: '/v2/task', origin: emulator.url });
    });

    it('redacts a key the server echoes back', async () => {
      const transport = cannedTransport(403, JSON.stringify({ status_code: 403, error: `key ${SECRET_KEY} lacks access` }));
      const error = await failure(
        new HttpClient({ baseUrl: 'https://example.test', apiKey: SECRET_KEY, transport }).getJson('/v2/project'),
      );
      assert.ok(error instanceof AuthError, 'error instanceof AuthError');
      assert.match(error.message, /key \*\*\* lacks access/);
      assertNoSecret(error, SECRET_KEY);
    });

    it('uses a custom auth hint', async () => {
      const error = await failure(testHttp(emulator, { apiKey: 'wrong-key', authHint: 'check SCALE_API_KEY' }).getJson('/v2/projects'));
      assert.match(error.message, /— check SCALE_API_KEY\./);
    });
  });
});
