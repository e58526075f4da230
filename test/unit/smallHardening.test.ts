/** Small hardening: timeouts that overflow, keys sent in clear, short keys in messages. */
import { strict as assert } from 'node:assert';
import { PassThrough } from 'node:stream';
import { cleartextWarning } from '../../src/core/http/cleartext';
import { HttpClient } from '../../src/core/http/client';
import { redactSecret } from '../../src/core/http/errors';
import type { HttpTransport } from '../../src/core/http/transport';
import { main } from '../../src/cli/run';
import { buildCli, runCli } from './support/cliProcess';

/** Answers every request after `ms` with an empty project list. */
function slowTransport(ms: number): HttpTransport {
  return {
    name: 'slow',
    request: () =>
      new Promise((resolve) =>
        setTimeout(
          () => resolve({ status: 200, header: () => null, text: async () => '{"projects":[]}', discard: async () => undefined }),
          ms,
        ),
      ),
    async close() {},
  };
}

async function inProcess(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let err = '';
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  stdout.resume();
  const code = await main(['node', 'task-lens', ...args], { stdout, stderr, env, signal: new AbortController().signal });
  return { code, stderr: err };
}

describe('small hardening', function () {
  this.timeout(30_000);

  it('a timeout above 2,147,483,647 ms does not overflow to 1 ms', async () => {
    const client = new HttpClient({
      baseUrl: 'http://127.0.0.1:9',
      apiKey: 'k-12345',
      transport: slowTransport(50),
      timeoutMs: 3_000_000_000,
    });
    assert.deepEqual(await client.getJson('/v2/projects'), { projects: [] });
    const perCall = new HttpClient({ baseUrl: 'http://127.0.0.1:9', apiKey: 'k-12345', transport: slowTransport(50) });
    assert.deepEqual(await perCall.getJson('/v2/projects', {}, { timeoutMs: 2 ** 32 + 10 }), { projects: [] });
  });

  it('the CLI refuses --timeout above 2,147,483,647 as a usage error', async () => {
    const run = await inProcess(['--timeout', '3000000000', 'projects']);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /at most 2147483647 ms/);
  });

  it('redacts keys shorter than 4 characters in messages', () => {
    assert.equal(redactSecret('Server said: key abc is not valid', 'abc'), 'Server said: key *** is not valid');
  });

  it('warns about http:// base URLs that are not this machine, and only those', () => {
    assert.match(cleartextWarning('http://api.example.com:8080/v2') ?? '', /http:\/\/api\.example\.com:8080 is plain http/);
    for (const url of ['http://127.0.0.1:4010', 'http://localhost:1', 'http://[::1]:8080', 'https://api.scale.com']) {
      assert.equal(cleartextWarning(url), undefined, url);
    }
  });

  it('the CLI warns once about an http:// base URL for another host', async () => {
    const cliPath = await buildCli('out/test-cli-hardening');
    const run = await runCli(cliPath, ['--timeout', '300', 'projects'], {
      SCALE_API_KEY: 'k-12345',
      SCALE_BASE_URL: 'http://10.255.255.1:81',
    });
    assert.notEqual(run.code, 0);
    assert.equal(run.stderr.match(/warning: http:\/\/10\.255\.255\.1:81 is plain http:\/\//g)?.length, 1, run.stderr);
  });
});
