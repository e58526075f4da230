import { strict as assert } from 'node:assert';
import { sideText, wordDiff, WORD_DIFF_MAX_CHARS } from '../../../src/webview/scale/diff';
import { defaultPair } from '../../../src/webview/scale/compare';
import type { MessageV } from '../../../src/webview/scale/model';
import { all, click, openPage } from './helpers';
import { taskWithTurn } from './fixtures';

const candidate = (sourceId: string, text: string) => ({ role: 'assistant', source_id: sourceId, content: { text }, annotations: [] });

function three(): Record<string, unknown> {
  return taskWithTurn(
    [
      { role: 'user', source_id: 'user', content: { text: 'Say hi' }, annotations: [] },
      candidate('model_a', 'The quick brown fox jumps'),
      candidate('model_b', 'The quick red fox leaps'),
      candidate('model_c', 'Nothing alike <b>here</b>'),
    ],
    [{ id: 'r', key: 'rank', type: 'ranked_choices', value: ['model_c', 'model_b', 'model_a'] }],
  );
}

describe('compare two candidates', () => {
  it('wordDiff: removed and added words, the rest shared, each side rebuilt exactly', () => {
    const a = 'The quick brown fox jumps';
    const b = 'The quick red fox leaps';
    const d = wordDiff(a, b);
    assert.equal(d.byLines, false);
    assert.deepEqual(
      d.segments.filter((s) => s.kind !== 'same').map((s) => `${s.kind}:${s.text}`),
      ['del:brown', 'add:red', 'del:jumps', 'add:leaps'],
    );
    assert.equal(sideText(d, 'a'), a);
    assert.equal(sideText(d, 'b'), b);
    assert.deepEqual(
      wordDiff('same text', 'same text').segments.map((s) => s.kind),
      ['same'],
    );
  });

  it('wordDiff: texts past the word limit are compared by lines', () => {
    const big = 'line\n'.repeat(WORD_DIFF_MAX_CHARS / 5 + 1);
    const d = wordDiff(big, big + 'extra\n');
    assert.equal(d.byLines, true);
    assert.deepEqual(
      d.segments.filter((s) => s.kind !== 'same').map((s) => s.text),
      ['extra\n'],
    );
  });

  it('defaultPair: the preferred candidate and the runner-up; unranked ones after, in order', () => {
    const m = (id?: string) => ({ sourceId: id }) as MessageV;
    assert.deepEqual(defaultPair([m('a'), m('b'), m('c')], ['c', 'b', 'a']), [2, 1]);
    assert.deepEqual(defaultPair([m('a'), m('b'), m('c')], []), [0, 1]);
    assert.deepEqual(defaultPair([m('a'), m(undefined), m('c')], ['c']), [2, 0]);
  });

  it('the page: opens on the preferred vs the runner-up, shows ins/del as text, switches layout and pair, posts compare', async () => {
    const page = openPage();
    try {
      await page.renderAll(three());
      const box = page.root.querySelector('details.compare') as HTMLDetailsElement;
      assert.ok(box, 'a turn with candidates offers the comparison');
      const [selA, selB] = all(box, 'select') as HTMLSelectElement[];
      assert.equal(selA.selectedOptions[0].textContent, 'model_c', 'preferred');
      assert.equal(selB.selectedOptions[0].textContent, 'model_b', 'runner-up');
      box.open = true;
      box.dispatchEvent(new page.window.Event('toggle'));
      assert.ok(all(box, 'ins').length > 0 && all(box, 'del').length > 0);
      assert.equal(all(box, 'b').length, 0, 'a tag in a candidate stays text');
      assert.match(box.querySelector('.diff-inline')?.textContent ?? '', /<b>here<\/b>/);

      selA.value = '0';
      selA.dispatchEvent(new page.window.Event('change'));
      assert.deepEqual(
        all(box, 'del').map((e) => e.textContent),
        ['brown', 'jumps'],
      );
      assert.deepEqual(
        all(box, 'ins').map((e) => e.textContent),
        ['red', 'leaps'],
      );
      click(box.querySelector('[data-mode="side"]')!);
      const sides = all(box, '.diff-side');
      assert.equal(sides.length, 2);
      assert.equal(sides[0].textContent, 'model_aThe quick brown fox jumps');
      assert.equal(sides[1].textContent, 'model_bThe quick red fox leaps');

      click(box.querySelector('.compare-editor')!);
      const posted = page.posted.filter((m) => m.type === 'compare');
      assert.deepEqual(posted, [
        {
          type: 'compare',
          left: { label: 'model_a', text: 'The quick brown fox jumps' },
          right: { label: 'model_b', text: 'The quick red fox leaps' },
        },
      ]);
    } finally {
      page.close();
    }
  });
});
