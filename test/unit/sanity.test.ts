import { strict as assert } from 'node:assert';

describe('test harness', () => {
  it('runs TypeScript unit tests in plain Node', () => {
    assert.equal(typeof process.versions.node, 'string');
  });
});
