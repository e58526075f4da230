import { strict as assert } from 'node:assert';
import { redactSecret } from '../../src/core/http/errors';
import { extractServerMessage } from '../../src/core/http/responseErrors';
import { backoffDelayMs, DEFAULT_RETRY_POLICY, isRetryableStatus, parseRetryAfter } from '../../src/core/http/retry';

const SECRET_KEY = 'live_SUPER-secret-KEY-7f3a9c';

describe('core/http policy (pure functions)', () => {
  describe('errors', () => {
    it('extracts server messages from common error bodies', () => {
      assert.equal(extractServerMessage('{"status_code":400,"error":"bad limit"}'), 'bad limit');
      assert.equal(extractServerMessage('{"errors":["one","two"]}'), 'one; two');
      assert.equal(extractServerMessage('{"message":"nope"}'), 'nope');
      assert.equal(extractServerMessage('<html>gateway</html>'), undefined);
      assert.equal(extractServerMessage('plain\ntext\u0007'), 'plain text');
      assert.equal(extractServerMessage(''), undefined);
      assert.equal(extractServerMessage(JSON.stringify({ error: 'x'.repeat(1000) }))?.length, 301);
    });

    it('redacts secrets from any string', () => {
      assert.equal(redactSecret(`a ${SECRET_KEY} b ${SECRET_KEY}`, SECRET_KEY), 'a *** b ***');
      assert.equal(redactSecret('abc', ''), 'abc');
      assert.equal(redactSecret('key xy here', 'xy'), 'key *** here', 'short secrets are redacted too');
      assert.equal(redactSecret('text', undefined), 'text');
    });
  });

  describe('retry policy', () => {
    it('parses Retry-After seconds and HTTP-dates', () => {
      const now = Date.parse('2025-01-01T00:00:00Z');
      assert.equal(parseRetryAfter('120', now), 120_000);
      assert.equal(parseRetryAfter('0.5', now), 500);
      assert.equal(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', now), 10_000);
      assert.equal(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now), 0);
      assert.equal(parseRetryAfter('soon', now), undefined);
      assert.equal(parseRetryAfter(null, now), undefined);
    });

    it('backs off exponentially, capped, with jitter', () => {
      const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 500, maxDelayMs: 8_000 };
      assert.equal(
        backoffDelayMs(policy, 1, () => 0),
        250,
      );
      assert.equal(
        backoffDelayMs(policy, 1, () => 1),
        500,
      );
      assert.equal(
        backoffDelayMs(policy, 3, () => 1),
        2_000,
      );
      assert.equal(
        backoffDelayMs(policy, 10, () => 1),
        8_000,
      );
      assert.equal(
        backoffDelayMs(policy, 10, () => 0),
        4_000,
      );
    });

    it('retries only transient statuses', () => {
      assert.deepEqual([408, 429, 500, 502, 503, 504].map(isRetryableStatus), [true, true, true, true, true, true]);
      assert.deepEqual([400, 401, 403, 404, 501].map(isRetryableStatus), [false, false, false, false, false]);
    });
  });
});
