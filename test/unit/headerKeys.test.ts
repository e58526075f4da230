/** Keys a header cannot carry: refused where they are read, never retried, never a silent exit 0. */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { apiKeyProblem } from '../../src/core/http/apiKey';
import { HttpClient } from '../../src/core/http/client';
import { BadRequestError, CancelledError, TaskLensError, TimeoutError } from '../../src/core/http/errors';
import type { HttpTransport } from '../../src/core/http/transport';
import { startEmulator, type Emulator } from '../emulator/server';
import { buildCli, runCli } from './support/cliProcess';

const KEY = 'hdr-KEY-0b7e44c1';

async function failure(promise: Promise<unknown>): Promise<TaskLensError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof TaskLensError, `expected a TaskLensError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

/** A transport whose every request throws `error` (what undici or fetch do with a bad header). */
function throwingTransport(error: () => Error): HttpTransport & { calls: number } {
  const transport = {
    name: 'throwing',
    calls: 0,
    async request() {
      transport.calls++;
      throw error();
    },
    async close() {},
  };
  return transport;
}

/** A transport that never settles and ignores its signal. */
const hangingTransport: HttpTransport = {
  name: 'hanging',
  request: () => new Promise(() => undefined),
  async close() {},
};

function client(transport: HttpTransport, timeoutMs = 10_000): HttpClient {
  return new HttpClient({ baseUrl: 'http://127.0.0.1:9', apiKey: KEY, transport, timeoutMs, retry: { baseDelayMs: 1, maxDelayMs: 2 } });
}

describe('API keys a header cannot carry', function () {
  this.timeout(30_000);

  it('names the position of the first bad character, never the key', () => {
    const message = apiKeyProblem('“abc”', 'SCALE_API_KEY');
    assert.ok(message);
    assert.match(message, /SCALE_API_KEY/);
    assert.match(message, /U\+201C/);
    assert.match(message, /position 1 of 5/);
    assert.match(apiKeyProblem('abc\u00a0def') ?? '', /non-breaking space \(U\+00A0\) at position 4/);
    assert.equal(apiKeyProblem('sk_live-ABC.123~x'), undefined);
  });

  it('HttpClient refuses such a key when it is built', () => {
    assert.throws(
      () => new HttpClient({ baseUrl: 'http://127.0.0.1:9', apiKey: 'ab\ncd', transport: hangingTransport }),
      (error: unknown) => error instanceof BadRequestError && /line break \(U\+000A\) at position 3/.test(error.message),
    );
  });

  it('does not retry a request undici refused locally, and keeps no raw header in the cause', async () => {
    const transport = throwingTransport(() =>
      Object.assign(new Error(`invalid Authorization header Bearer ${KEY}`), { name: 'InvalidArgumentError', code: 'UND_ERR_INVALID_ARG' }),
    );
    const error = await failure(client(transport).getJson('/v2/projects'));
    assert.equal(transport.calls, 1, 'retried a local error');
    assert.ok(error instanceof BadRequestError, error.message);
    assert.match(error.message, /refused before it left this machine/);
    assert.ok(!JSON.stringify(error, Object.getOwnPropertyNames(error)).includes(KEY));
    assert.ok(!String(error.cause ?? '').includes(KEY));
  });

  it('does not retry a request fetch refused locally (TypeError quoting the header)', async () => {
    const transport = throwingTransport(() => new TypeError(`Headers.append: "Bearer ${KEY}" is an invalid header value.`));
    const error = await failure(client(transport).getJson('/v2/projects'));
    assert.equal(transport.calls, 1);
    assert.ok(error instanceof BadRequestError);
    assert.ok(!error.message.includes(KEY) && !String(error.cause ?? '').includes(KEY));
  });

  it('keeps no key in the cause of a network failure', async () => {
    const transport = throwingTransport(() =>
      Object.assign(new TypeError('fetch failed'), {
        cause: Object.assign(new Error(`socket hang up, sent Bearer ${KEY}`), { code: 'ECONNRESET' }),
      }),
    );
    const error = await failure(client(transport).getJson('/v2/projects'));
    assert.equal(error.kind, 'network');
    let cause: unknown = error.cause;
    for (let depth = 0; cause instanceof Error; depth++, cause = cause.cause) {
      assert.ok(!cause.message.includes(KEY) && !(cause.stack ?? '').includes(KEY), `cause ${depth} keeps the key`);
    }
  });

  it('settles an attempt on its timeout even when the transport never does', async () => {
    const started = Date.now();
    const error = await failure(client(hangingTransport, 100).getJson('/v2/projects'));
    assert.ok(error instanceof TimeoutError, error.message);
    assert.ok(Date.now() - started < 5_000);
  });

  it('settles an attempt on cancellation even when the transport never does', async () => {
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 50);
    const error = await failure(client(hangingTransport).getJson('/v2/projects', {}, { signal: abort.signal }));
    assert.ok(error instanceof CancelledError, error.message);
  });

  describe('the CLI', () => {
    let emulator: Emulator;
    let cliPath: string;
    before(async () => {
      cliPath = await buildCli('out/test-cli-keys');
      emulator = await startEmulator({ apiKey: KEY });
    });
    after(() => emulator?.close());

    for (const args of [['projects'], ['download', 'batch', '--batch', 'Batch 250', '--out', 'out/test-cli-keys/data']]) {
      it(`exits 1 at once with the position for a smart-quoted key: ${args[0]}`, async () => {
        emulator.stats.reset();
        const started = Date.now();
        const run = await runCli(cliPath, args, { SCALE_API_KEY: '“abc”', SCALE_BASE_URL: emulator.url });
        assert.equal(run.code, 1, run.stderr);
        assert.match(run.stderr, /SCALE_API_KEY has a curly quote “ \(U\+201C\) at position 1 of 5/);
        assert.ok(Date.now() - started < 10_000);
        assert.equal(emulator.stats.hitsUnder('/v2'), 0);
      });
    }

    it('exits non-zero with a message when main never finishes', async () => {
      const script = `import guard from './src/cli/exitGuard.ts'; guard.guardUnfinished(new Promise(() => {}));`;
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      assert.equal(code, 1, stderr);
      assert.match(stderr, /stopped before it finished/);
    });
  });
});
