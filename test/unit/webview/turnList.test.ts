import { strict as assert } from 'node:assert';
import { hasCandidates } from '../../../src/webview/scale/turnList';
import { candidatesOf } from '../../../src/webview/scale/turn';
import { readTurn } from '../../../src/webview/scale/model';

describe('turn list: candidates from the raw turn', () => {
  const a = (source_id: string) => ({ role: 'assistant', source_id, content: { text: source_id } });
  const turns: Array<[string, Record<string, unknown>, boolean]> = [
    ['two assistants', { messages: [{ role: 'user' }, a('m1'), a('m2')] }, true],
    ['one assistant', { messages: [{ role: 'user' }, a('m1')] }, false],
    ['a non-record among them', { messages: [a('m1'), 'junk', null, 7] }, false],
    ['role of another case', { messages: [a('m1'), { role: 'Assistant' }] }, false],
    ['no messages', {}, false],
    ['messages not a list', { messages: { 0: a('m1'), 1: a('m2') } }, false],
  ];
  for (const [name, raw, expected] of turns)
    it(`${name}: ${expected ? 'candidates' : 'none'}, as reading the turn decides`, () => {
      assert.equal(hasCandidates(raw), expected);
      assert.equal(candidatesOf(readTurn(raw)).length > 0, expected);
    });
});
