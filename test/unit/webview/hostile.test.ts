import { strict as assert } from 'node:assert';
import { buildHostileTask, hostileMarker, hostilePayloads } from '../../fixtures/hostile';
import { all, clickEveryLink, everyCardText, openPage, useHitServer, type Page } from './helpers';

const FORBIDDEN =
  'script, iframe, object, embed, svg, math, form, meta, base, style, link, template, frame, frameset, applet, noscript, input, textarea, select, video, audio, source';
const SAFE_URL = /^(https?:|mailto:|data:image\/(png|jpeg|gif|webp);base64,|#)/;

function checkInert(root: ParentNode): void {
  // The page's own controls (the search box, the compare pickers) are the only form elements;
  // nothing in the task's content may add another.
  assert.deepEqual(
    all(root, FORBIDDEN)
      .filter((e) => !e.matches('.toolbar-bar input.page-search-input[type="search"], .compare-controls > select'))
      .map((e) => e.tagName),
    [],
    'no dangerous elements',
  );
  const bad: string[] = [];
  for (const el of all(root, '*')) {
    for (const attr of Array.from(el.attributes)) {
      if (/^on/i.test(attr.name)) bad.push(`${el.tagName} ${attr.name}`);
      // Placeholders of the virtual list carry their height through the CSSOM, nothing else.
      const placeholderHeight =
        attr.name === 'style' && el.matches('.turns > .vblock.placeholder') && /^height: \d+(\.\d+)?px;$/.test(attr.value);
      if (
        (attr.name === 'style' && !placeholderHeight) ||
        attr.name === 'srcset' ||
        attr.name === 'ping' ||
        attr.name === 'action' ||
        attr.name === 'formaction'
      )
        bad.push(`${el.tagName} ${attr.name}`);
      if ((attr.name === 'href' || attr.name === 'src') && !SAFE_URL.test(attr.value)) bad.push(`${el.tagName} ${attr.name}=${attr.value}`);
    }
  }
  assert.deepEqual(bad, [], 'no event handlers, inline styles or unsafe URLs');
}

describe('webview hostile corpus', function () {
  this.timeout(120_000);
  const hitServer = useHitServer();

  it('has at least 40 payloads, each detectable and each with a marker', () => {
    assert.ok(hostilePayloads.length >= 40);
    for (const p of hostilePayloads) {
      const decoded = p.replace(/base64,([A-Za-z0-9+/=]+)/g, (_, b64: string) => Buffer.from(b64, 'base64').toString('latin1'));
      assert.ok(/__pwned|__hostile\/hit/.test(decoded), p);
      hostileMarker(p);
    }
    assert.equal(new Set(hostilePayloads.map(hostileMarker)).size, hostilePayloads.length, 'markers unique');
  });

  for (const revealSecrets of [false, true]) {
    it(`renders every payload inert and visible (revealSecrets: ${revealSecrets})`, async () => {
      const page: Page = openPage({ runScripts: true });
      try {
        await page.renderAll(buildHostileTask(hostilePayloads, hitServer.baseUrl), { revealSecrets });
        // Give anything that might have been scheduled by injected code a chance to run.
        await new Promise((r) => setTimeout(r, 50));
        const win = page.window as unknown as Record<string, unknown>;
        assert.equal(win.__pwned, undefined, 'no payload executed');

        // Every card is checked while it is in the DOM (the virtual list shows a few at a time).
        const cardText = everyCardText(page, (card) => checkInert(card));
        checkInert(page.document);
        for (const img of all(page.document, 'img'))
          assert.match(img.getAttribute('src') ?? '', /^data:image\/(png|jpeg|gif|webp);base64,/);

        const text = page.text() + cardText;
        const missing = hostilePayloads.filter((p) => !text.includes(hostileMarker(p)));
        assert.deepEqual(missing, [], 'every payload still visible as text');

        // Clicking links posts only allowed URLs and never navigates (one link of each href).
        assert.ok(clickEveryLink(page).length > 0, 'some links were offered to the host');

        await new Promise((r) => setTimeout(r, 50));
        assert.deepEqual(hitServer.hits, [], 'the page made no network request');
        assert.equal(win.__pwned, undefined);
      } finally {
        page.close();
      }
    });
  }

  it('masks workspace tokens unless secrets are revealed', async () => {
    const page = openPage();
    try {
      await page.renderAll(buildHostileTask(hostilePayloads.slice(0, 2), hitServer.baseUrl));
      assert.ok(!page.text().includes('TOKEN '), 'token hidden');
      await page.renderAll(buildHostileTask(hostilePayloads.slice(0, 2), hitServer.baseUrl), { revealSecrets: true });
      assert.ok(page.text().includes('TOKEN '), 'token revealed');
    } finally {
      page.close();
    }
  });
});
