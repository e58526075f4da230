import { strict as assert } from 'node:assert';
import { markdownName, markdownText } from '../../src/core/platform/markdown';
import { hostilePayloads } from '../fixtures/hostile';
import { renderTooltip } from './support/tooltip';

describe('markdownText: names in tooltips', () => {
  const names = [
    `<img src=x onerror=alert(1)> **bold** _it_ [link](http://127.0.0.1:9/x-name') http://127.0.0.1:9/raw-name www.example.com a@b.example \`tick & co`,
    '../../etc: Hostile "Project" <Name>|?*',
    '  spaced  ',
    '# heading? no',
    '1. not a list',
    '> not a quote',
    '---',
    'a\\b\\\\c &amp; &#60; $(alert)',
    ...hostilePayloads.filter((p) => !/[\n\t\u200b\u202e\u2066\u2067\u202c]/.test(p)),
  ];

  for (const name of names) {
    it(`shows ${JSON.stringify(name.slice(0, 40))} exactly as written, with no link, markup or backslash`, () => {
      const { text, links, html } = renderTooltip(`**${markdownText(name)}** — project`);
      assert.equal(text.trim(), `${name} — project`.trim(), html);
      assert.equal(links, 0, html);
      assert.match(html, /^<p><strong>/, 'the name is bold, as the template says');
      assert.ok(!/<(?!\/?(p|strong)>)/.test(html), `only the template's own elements: ${html}`);
    });
  }

  it('escapes no letters or digits, and writes < > & as references', () => {
    assert.equal(markdownText('Abc 123'), 'Abc 123');
    assert.equal(markdownText('<&>'), '&#60;&#38;&#62;');
    assert.ok(!markdownText('a.b-c(d)').includes('\\'));
  });

  it('shows bidi, zero-width and control characters escaped, as the CLI does', () => {
    assert.equal(renderTooltip(markdownText('\u202etxt.exe pay\u200bpal\n')).text.trim(), '\\u202etxt.exe pay\\u200bpal\\n');
  });

  it('shows an empty name as “(no name)” in italics', () => {
    assert.match(renderTooltip(`**${markdownName('')}**`).html, /<strong><em>\(no name\)<\/em><\/strong>/);
    assert.match(renderTooltip(`**${markdownName('   ')}**`).html, /<em>\(no name\)<\/em>/);
    assert.equal(renderTooltip(markdownName('x')).text.trim(), 'x');
  });
});
