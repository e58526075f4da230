import { strict as assert } from 'node:assert';
import { all, click, openPage } from './helpers';
import { taskWithTurn } from './fixtures';
import { compileGrammars, highlightCode, HIGHLIGHT_MAX_CHARS } from '../../../src/webview/shell/highlight';
import { setDocument } from '../../../src/webview/shell/dom';
import { JSDOM } from 'jsdom';

describe('code highlighting', () => {
  it('turns highlight.js tokens into spans whose text is the code exactly', () => {
    setDocument(new JSDOM('').window.document);
    const code = 'def f(x):\n    return "<b>" + str(x)  # note\n';
    const nodes = highlightCode(code, 'python');
    assert.ok(nodes);
    const box = new JSDOM('').window.document.createElement('div');
    box.append(...nodes);
    assert.equal(box.textContent, code);
    assert.deepEqual(
      [...box.querySelectorAll('.hl-keyword')].map((e) => e.textContent),
      ['def', 'return'],
    );
    assert.equal(box.querySelector('.hl-string')?.textContent, '"<b>"');
    assert.equal(box.querySelector('.hl-comment')?.textContent, '# note');
    assert.equal(box.querySelectorAll('b').length, 0, 'markup in code stays text');
    assert.equal(highlightCode(code, 'no-such-language'), undefined);
    assert.equal(highlightCode('x'.repeat(HIGHLIGHT_MAX_CHARS + 1), 'python'), undefined);
  });

  it('a fenced block in a message: language label, tokens, copy button posting the code', async () => {
    const code = 'const x = 1; // one';
    const page = openPage();
    try {
      await page.renderAll(
        taskWithTurn([{ role: 'assistant', source_id: 'm', content: { text: `Here:\n\n\`\`\`js\n${code}\n\`\`\`\n` }, annotations: [] }]),
      );
      const block = page.root.querySelector('.code-block')!;
      assert.equal(block.querySelector('.code-lang')?.textContent, 'js');
      assert.equal(block.querySelector('code')?.textContent, code + '\n');
      assert.ok(all(block, 'code .hl-keyword').some((e) => e.textContent === 'const'));
      click(block.querySelector('[data-action="copy"]')!);
      assert.deepEqual(
        page.posted.filter((m) => m.type === 'copy'),
        [{ type: 'copy', text: code + '\n' }],
      );
    } finally {
      page.close();
    }
  });
});

describe('grammars compiled ahead of use', () => {
  it('one step per registered language, and highlighting works after them', () => {
    setDocument(new JSDOM('').window.document);
    let steps = 0;
    for (const _ of compileGrammars()) steps++;
    assert.equal(steps, 14, 'highlight.js core + 14 languages');
    assert.ok(highlightCode('SELECT 1;', 'sql')?.length);
  });
});
