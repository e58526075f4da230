import { strict as assert } from 'node:assert';
import { decodeUriName, encodeUriName } from '../../src/vscode/documents/taskUriNames';

describe('tasklens: URI names', () => {
  it('carry ids reversibly: slashes, percent signs, control characters, long ids, dots', () => {
    for (const id of [
      '6650f0c2a1b2c3d4e5f60001',
      'a/b',
      'a%2Fb',
      'back\\slash',
      'x\u0000y\n',
      'x'.repeat(200),
      '..',
      '.',
      '',
      'Evals – Safety 🌍',
    ]) {
      const segment = encodeUriName(id);
      assert.ok(!segment.includes('/') && !segment.includes('\\'), segment);
      assert.ok(segment !== '' && !/^\.+$/.test(segment), segment);
      assert.equal(decodeUriName(segment), id);
    }
    assert.equal(encodeUriName('6650f0c2a1b2c3d4e5f60001'), '6650f0c2a1b2c3d4e5f60001', 'plain ids stay readable');
  });
});
