/** The small text rules behind the CLI's conventions, with hand-made inputs and answers. */
import { strict as assert } from 'node:assert';
import { Writable } from 'node:stream';
import { colorEnabled } from '../../src/cli/color';
import { closestValue } from '../../src/cli/enumFlags';
import { TableWriter, type Column } from '../../src/cli/table';
import { retryText, waitText } from '../../src/core/http/retryText';
import { missingApiPathHint } from '../../src/core/platform/baseUrlHint';
import { loggingTransport } from '../../src/cli/requestLog';
import { JsonOutput } from '../../src/cli/output';
import type { HttpTransport, TransportRequest } from '../../src/core/http/transport';

describe('CLI text rules', () => {
  it('announces a retry as the issue asks: status, wait and next attempt', () => {
    assert.equal(
      retryText('429', 'from GET /v2/tasks', 4_500, 1),
      '429 Too Many Requests from GET /v2/tasks; retrying in 4.5 s (attempt 2)…',
    );
    assert.equal(retryText('ECONNRESET', 'on page 3', 12_400, 4), 'ECONNRESET on page 3; retrying in 12 s (attempt 5)…');
    assert.equal(
      retryText('UND_ERR_SOCKET', 'on page 3', 1_000, 1),
      'connection lost (UND_ERR_SOCKET) on page 3; retrying in 1.0 s (attempt 2)…',
    );
    assert.deepEqual([waitText(0), waitText(250), waitText(9_949), waitText(10_000)], ['0.0 s', '0.3 s', '9.9 s', '10 s']);
  });

  it('suggests the known value a typo was meant to be, and nothing for nonsense', () => {
    const statuses = ['pending', 'completed', 'canceled', 'error', 'deleted'];
    assert.equal(closestValue('complete', statuses), 'completed');
    assert.equal(closestValue('Pending', statuses), 'pending');
    assert.equal(closestValue('cancelled', statuses), 'canceled');
    assert.equal(closestValue('nonsense', statuses), undefined);
  });

  it('colours only a terminal; NO_COLOR wins over FORCE_COLOR', () => {
    const pipe = new Writable();
    const tty = Object.assign(new Writable(), { isTTY: true });
    assert.equal(colorEnabled(pipe, {}), false);
    assert.equal(colorEnabled(tty, {}), true);
    assert.equal(colorEnabled(tty, { TERM: 'dumb' }), false);
    assert.equal(colorEnabled(tty, { NO_COLOR: '1' }), false);
    assert.equal(colorEnabled(tty, { NO_COLOR: '' }), true, 'an empty NO_COLOR does not count');
    assert.equal(colorEnabled(pipe, { FORCE_COLOR: '1' }), true);
    assert.equal(colorEnabled(tty, { FORCE_COLOR: '0' }), false);
    assert.equal(colorEnabled(pipe, { FORCE_COLOR: '1', NO_COLOR: 'yes' }), false);
  });

  it('fits a table to a narrow terminal by cutting names, never ids', () => {
    type Row = { name: string; id: string };
    const columns: Column<Row>[] = [
      { header: 'NAME', value: (r) => r.name, flexible: true },
      { header: 'ID', value: (r) => r.id },
    ];
    const rows: Row[] = [
      { name: 'A rather long batch name that will not fit', id: '6650e0020000000000000000' },
      { name: 'Short', id: '6650e0020000000000000001' },
    ];
    const writer = new TableWriter(columns, { width: 40 });
    const lines = writer.start(rows).trimEnd().split('\n');
    assert.deepEqual(lines, ['NAME            ID', 'A rather long…  6650e0020000000000000000', 'Short           6650e0020000000000000001']);
    for (const line of lines) assert.ok(line.length <= 40, line);
    // A later, wider row keeps the widths; control characters from the server are escaped.
    assert.equal(writer.row({ name: 'Evil\u001b[2Jname that is long', id: 'x' }), 'Evil\\e[2Jname…  x');
    // A name column that shows an id in some row (a batch known only by its id) keeps it whole.
    const mixed = new TableWriter(columns, { width: 40 });
    const withId = mixed
      .start([{ name: '6650e002000000000000ab12', id: '6650e0020000000000000000' }, rows[0]!])
      .trimEnd()
      .split('\n');
    assert.ok(withId[1]?.startsWith('6650e002000000000000ab12  '), withId[1]);
  });

  it('says "did you mean …/api?" only for a Livepeer URL without its API path', () => {
    const livepeer = { apiPath: '/api' };
    assert.equal(
      missingApiPathHint(livepeer, 'https://livepeer.studio'),
      'the base URL https://livepeer.studio does not end in /api: did you mean https://livepeer.studio/api?',
    );
    assert.equal(missingApiPathHint(livepeer, 'https://livepeer.studio/api/'), undefined);
    assert.equal(missingApiPathHint({}, 'https://api.scale.com'), undefined);
  });

  it('logs requests without the key, even where a server echoed it into the URL', async () => {
    const key = 'sk-LOG-7f2e/+=';
    const lines: string[] = [];
    let clock = 1_000;
    const inner: HttpTransport = {
      name: 'fake',
      close: () => Promise.resolve(),
      request: (request: TransportRequest) => {
        clock += 42;
        if (request.url.includes('fail')) return Promise.reject(Object.assign(new Error(`refused ${key}`), { code: 'ECONNREFUSED' }));
        return Promise.resolve({
          status: 429,
          header: (name: string) => (name === 'retry-after' ? '2' : null),
          text: () => Promise.resolve(''),
          discard: () => Promise.resolve(),
        });
      },
    };
    const logged = loggingTransport(
      inner,
      (line) => lines.push(line),
      () => clock,
    );
    const headers = { Authorization: `Bearer ${key}`, Accept: 'application/json' };
    const signal = new AbortController().signal;
    await logged.request({
      method: 'GET',
      url: `https://h.test/v2/tasks?next_token=${encodeURIComponent(key)}&raw=${key}`,
      headers,
      signal,
      redirect: 'follow',
    });
    await assert.rejects(logged.request({ method: 'GET', url: 'https://h.test/fail', headers, signal, redirect: 'follow' }));
    assert.deepEqual(lines, [
      '#1 GET https://h.test/v2/tasks?next_token=***&raw=***',
      '#1 429 in 42 ms, retry-after: 2',
      '#2 GET https://h.test/fail',
      '#2 failed after 42 ms: ECONNREFUSED',
    ]);
    assert.ok(!lines.join('\n').includes('sk-LOG'), 'the key was logged');
  });

  it('shows the rows a table already has when a later page fails', async () => {
    let text = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        text += chunk.toString();
        callback();
      },
    });
    const out = new JsonOutput(sink);
    out.useTable({});
    async function* pages(): AsyncIterable<{ id: string }> {
      yield { id: 'a' };
      yield { id: 'b' };
      throw new Error('page 2 failed');
    }
    await assert.rejects(out.lines(pages()), /page 2 failed/);
    assert.equal(text, 'ID\na\nb\n');
  });
});
