import { strict as assert } from 'node:assert';
import { hostileMarker, hostilePayloads, withBaseUrl } from '../../fixtures/hostile';
import { hostileLivepeerTask as hostileTask } from '../../fixtures/hostileLivepeer';
import { all, clickEveryLink, openPage, useHitServer, type Page } from './helpers';
import { fixtureTask, relatedFor, renderLivepeer, text } from './livepeerHelpers';
import { LIVEPEER_FIXTURES } from '../../emulator/livepeer/data';

const FORBIDDEN =
  'script, iframe, object, embed, svg, math, form, meta, base, style, link, template, frame, frameset, applet, noscript, input, textarea, select, video, audio, source, img';
const SAFE_URL = /^(https?:|mailto:|#)/;

describe('webview Livepeer view with hostile strings', function () {
  this.timeout(60_000);
  const hitServer = useHitServer();

  for (const revealSecrets of [false, true]) {
    it(`keeps every payload as inert, visible text (revealSecrets: ${revealSecrets})`, async () => {
      const page: Page = openPage({ runScripts: true });
      try {
        const payloads = withBaseUrl(hostilePayloads, hitServer.baseUrl);
        const { task, related } = hostileTask(payloads);
        await renderLivepeer(page, task, related, { revealSecrets }).done;
        await new Promise((r) => setTimeout(r, 50));
        const win = page.window as unknown as Record<string, unknown>;
        assert.equal(win.__pwned, undefined, 'no payload executed');
        assert.ok(page.root.querySelector('.lp-view'), 'the Livepeer renderer, not the generic fallback');
        assert.equal(
          all(page.root, '.lp-view .callout-error').filter((c) => /Could not show this part/.test(c.textContent ?? '')).length,
          0,
          'no section crashed',
        );

        assert.deepEqual(
          all(page.document, FORBIDDEN).map((e) => e.tagName),
          [],
          'no dangerous elements',
        );
        const bad: string[] = [];
        for (const el of all(page.document, '*')) {
          for (const attr of Array.from(el.attributes)) {
            if (/^on/i.test(attr.name)) bad.push(`${el.tagName} ${attr.name}`);
            if (['style', 'srcset', 'ping', 'action', 'formaction', 'src'].includes(attr.name)) bad.push(`${el.tagName} ${attr.name}`);
            if (attr.name === 'href' && !SAFE_URL.test(attr.value)) bad.push(`${el.tagName} href=${attr.value}`);
          }
        }
        assert.deepEqual(bad, [], 'no event handlers, inline styles or unsafe URLs');
        // The view's own links are http(s) only (mailto stays text there; only the raw kv tree may link it).
        for (const a of all(page.root, 'a.lp-link')) assert.match(a.getAttribute('href') ?? '', /^https?:\/\//);

        const body = text(page.root);
        const missing = payloads.filter((p) => !body.includes(hostileMarker(p)));
        assert.deepEqual(missing, [], 'every payload still visible as text');
        // Hostile type and phase are shown as themselves, neutral.
        assert.equal(page.root.querySelector('.lp-header h1')?.textContent, payloads[1]);
        assert.equal(page.root.querySelector('.lp-header .status-chip')?.textContent, payloads[6]);
        assert.ok(page.root.querySelector('.lp-header .status-chip.status-unknown'));

        clickEveryLink(page);
        await new Promise((r) => setTimeout(r, 50));
        assert.deepEqual(hitServer.hits, [], 'the page made no network request');
        assert.equal(win.__pwned, undefined);
      } finally {
        page.close();
      }
    });
  }

  it("the emulator's hostile asset name stays text in the output and on its card", () => {
    const page = openPage();
    try {
      const task = fixtureTask('hostileAsset');
      renderLivepeer(page, task, relatedFor(task));
      const name = LIVEPEER_FIXTURES.hostileName;
      assert.equal(page.root.querySelector('.lp-asset-card .lp-asset-name')?.textContent, name);
      assert.ok(text(page.root.querySelector('.lp-output')).includes(name));
      assert.equal(page.root.querySelector('img, a[href^="javascript"]'), null);
      assert.equal(page.root.querySelector('.lp-asset-name')?.children.length, 0, 'no markup parsed from the name');
    } finally {
      page.close();
    }
  });
});
