/** Server strings the CLI prints to a terminal: escapes shown, never acted on. */
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { displayText, escapeJsonText } from '../../src/shared/displayText';
import { buildCli, runCli } from './support/cliProcess';

const EVIL = 'Evil\u001b]0;OWNED\u0007\u001b[2J\r\nFAKE: Saved 0 tasks\u009b31m\u202eexe.txt\u200b';
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200b-\u200f]/;

describe('displayText', function () {
  this.timeout(30_000);

  it('shows C0, DEL, C1, bidi and zero-width characters escaped', () => {
    const shown = displayText(EVIL);
    assert.equal(shown, 'Evil\\e]0;OWNED\\x07\\e[2J\\r\\nFAKE: Saved 0 tasks\\x9b31m\\u202eexe.txt\\u200b');
    assert.equal(displayText('Evals – Safety (multilingual) 🌍'), 'Evals – Safety (multilingual) 🌍');
    assert.doesNotMatch(shown, UNSAFE);
  });

  it('escapes JSON text without changing its value', () => {
    const json = JSON.stringify({ name: EVIL });
    const safe = escapeJsonText(json);
    assert.doesNotMatch(safe, UNSAFE);
    assert.deepEqual(JSON.parse(safe), { name: EVIL });
  });

  describe('in the CLI', () => {
    let server: Server;
    let url: string;
    let cliPath: string;
    before(async () => {
      cliPath = await buildCli('out/test-cli-display');
      server = createServer((req, res) => {
        res.setHeader('content-type', 'application/json');
        const path = (req.url ?? '').split('?')[0];
        if (path === '/v2/project') res.end(JSON.stringify({ id: 'p1', name: EVIL }));
        else if (path === '/v2/projects') res.end(JSON.stringify({ projects: [{ id: 'p1', name: EVIL }] }));
        else if (path === '/v2/batches') res.end(JSON.stringify({ batches: [], next_token: null }));
        else res.writeHead(404).end('{}');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => new Promise((resolve) => server.close(resolve)));

    it('prints a hostile project name in an error escaped', async () => {
      const run = await runCli(cliPath, ['tasks', '--project', 'p1', '--batch', 'nope'], {
        SCALE_API_KEY: 'k-123456',
        SCALE_BASE_URL: url,
      });
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stderr, /Evil\\e\]0;OWNED\\x07\\e\[2J\\r\\nFAKE/);
      assert.doesNotMatch(run.stderr.trimEnd(), UNSAFE);
      assert.equal(run.stderr.trimEnd().split('\n').length, 1, 'forged a line');
    });

    it('prints JSON with no raw terminal controls', async () => {
      const run = await runCli(cliPath, ['projects'], { SCALE_API_KEY: 'k-123456', SCALE_BASE_URL: url });
      assert.equal(run.code, 0, run.stderr);
      assert.doesNotMatch(run.stdout, UNSAFE);
      assert.equal((JSON.parse(run.stdout) as { name: string }).name, EVIL);
    });
  });
});
