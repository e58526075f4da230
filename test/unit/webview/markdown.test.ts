import { strict as assert } from 'node:assert';
import { all, click, openPage, type Page } from './helpers';
import { taskWithTurn } from './fixtures';

async function renderText(page: Page, text: string): Promise<Element> {
  await page.renderAll(taskWithTurn([{ role: 'assistant', source_id: 'm', content: { text } }]));
  const el = page.root.querySelector('.message-text');
  assert.ok(el);
  return el;
}

describe('webview markdown', () => {
  let page: Page;
  beforeEach(() => (page = openPage()));
  afterEach(() => page.close());

  it('renders markdown: emphasis, lists, code blocks with their language', async () => {
    const el = await renderText(
      page,
      '# Title\n\n**bold** _it_\n\n- a\n- b\n\n```python\nprint(1)\n```\n\n| a | b |\n|--:|:-:|\n| 1 | 2 |',
    );
    assert.ok(el.querySelector('h1'));
    assert.ok(el.querySelector('strong'));
    assert.equal(all(el, 'li').length, 2);
    const pre = el.querySelector('pre');
    assert.equal(pre?.getAttribute('data-lang'), 'python');
    assert.equal(pre?.textContent, 'print(1)\n');
    assert.equal(el.querySelector('th')?.getAttribute('class'), 'align-right');
    assert.equal(el.querySelector('[style]'), null, 'no inline styles (CSP)');
  });

  it('raw HTML shows as text, not elements', async () => {
    const el = await renderText(page, 'Hi <b>there</b> <script>top.__pwned=1</script> <img src=x onerror=alert(1)>');
    assert.equal(el.querySelector('b, script, img'), null);
    assert.match(el.textContent ?? '', /<b>there<\/b> <script>top\.__pwned=1<\/script> <img src=x onerror=alert\(1\)>/);
  });

  it('javascript: links are not turned into anchors', async () => {
    const el = await renderText(
      page,
      '[x](javascript:alert(1)) <javascript:alert(2)> [y][r]\n\n[r]: javascript:alert(3)\n\n[z](&#106;avascript:alert(4))',
    );
    assert.equal(all(el, 'a').length, 0);
    assert.match(el.textContent ?? '', /\[x\]\(javascript:alert\(1\)\)/);
  });

  it('http links are intercepted and posted as openLink; the page never navigates', async () => {
    const el = await renderText(page, 'See [docs](https://example.com/docs) and www.example.org and mailto:a@b.c');
    const links = all(el, 'a');
    assert.deepEqual(
      links.map((a) => a.getAttribute('href')),
      ['https://example.com/docs', 'http://www.example.org', 'mailto:a@b.c'],
    );
    assert.equal(links[0].getAttribute('title'), 'https://example.com/docs');
    const ev = click(links[0]);
    assert.ok(ev.defaultPrevented, 'navigation prevented');
    assert.deepEqual(
      page.posted.filter((m) => m.type === 'openLink'),
      [{ type: 'openLink', url: 'https://example.com/docs' }],
    );
    assert.equal(page.window.location.href, 'https://webview.test/index.html');
  });

  it('images only from inline raster data, never remote or svg', async () => {
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
    const el = await renderText(
      page,
      `![ok](data:image/png;base64,${png}) ![remote](https://example.com/a.png) ![svg](data:image/svg+xml;base64,PHN2Zy8+)`,
    );
    const imgs = all(el, 'img');
    assert.equal(imgs.length, 1);
    assert.equal(imgs[0].getAttribute('src'), `data:image/png;base64,${png}`);
    assert.match(el.textContent ?? '', /Image not loaded: remote/);
  });
});
