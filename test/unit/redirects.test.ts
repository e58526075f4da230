/** The editor's transport refuses redirects, as the CLI's does: an API that redirects is an error naming the target. */
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpClient } from '../../src/core/http/client';
import { InvalidResponseError } from '../../src/core/http/errors';
import { createFetchTransport } from '../../src/core/http/fetchTransport';
import { createUndiciTransport } from '../../src/core/http/undiciTransport';

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('redirects', () => {
  let other: { server: Server; url: string };
  let api: { server: Server; url: string };
  let otherHits = 0;
  let authSeen: string | undefined;
  before(async () => {
    other = await listen((req, res) => {
      otherHits++;
      authSeen = req.headers.authorization;
      res.setHeader('content-type', 'application/json');
      res.end('{"projects":[{"id":"evil"}]}');
    });
    api = await listen((_req, res) => res.writeHead(302, { location: `${other.url}/v2/projects?stolen=1` }).end());
  });
  after(() => Promise.all([api, other].map(({ server }) => new Promise((resolve) => server.close(resolve)))));

  for (const [name, transport] of [
    ['fetch (editor)', createFetchTransport()],
    ['undici (CLI)', createUndiciTransport({ env: {} })],
  ] as const) {
    it(`${name}: does not follow a redirect to another origin, and names the target`, async () => {
      otherHits = 0;
      authSeen = undefined;
      const client = new HttpClient({ baseUrl: api.url, apiKey: 'redir-KEY-1234', transport, retry: { maxAttempts: 1 } });
      await assert.rejects(client.getJson('/v2/projects'), (error: unknown) => {
        assert.ok(error instanceof InvalidResponseError, String(error));
        assert.match(error.message, /redirect \(302\)/);
        assert.ok(error.message.includes(`to ${other.url}/v2/projects`), error.message);
        assert.ok(!error.message.includes('stolen'), 'the query is shown');
        return true;
      });
      assert.equal(otherHits, 0, 'the request went to the other origin');
      assert.equal(authSeen, undefined);
    });
  }
});
