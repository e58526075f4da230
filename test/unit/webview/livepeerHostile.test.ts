import { strict as assert } from 'node:assert';
import { hostileMarker, hostilePayloads, withBaseUrl } from '../../fixtures/hostile';
import { type RelatedDoc } from '../../../src/shared/protocol';
import { all, clickEveryLink, openPage, useHitServer, type Page } from './helpers';
import { fixtureTask, relatedFor, renderLivepeer, text } from './livepeerHelpers';
import { LIVEPEER_FIXTURES } from '../../emulator/livepeer/data';

const FORBIDDEN =
  'script, iframe, object, embed, svg, math, form, meta, base, style, link, template, frame, frameset, applet, noscript, input, textarea, select, video, audio, source, img';
const SAFE_URL = /^(https?:|mailto:|#)/;

/** A Livepeer task with the payloads in every field the view lays out, and assets carrying them. */
function hostileTask(p: string[]): { task: Record<string, unknown>; related: RelatedDoc[] } {
  const at = (i: number) => p[i % p.length];
  const task = {
    id: at(0),
    type: at(1),
    createdAt: at(2),
    scheduledAt: 1_717_200_000_000,
    projectId: at(3),
    requesterId: at(4),
    inputAssetId: at(5),
    status: { phase: at(6), updatedAt: at(7), errorMessage: at(8), retries: at(9), progress: 0.5, [at(10)]: at(10) },
    params: {
      upload: {
        url: at(11),
        encryption: { [at(12)]: at(12) },
        c2pa: at(13),
        profiles: p.map((name, i) => ({ name, bitrate: i, [`x${i}`]: name })),
        catalystPipelineStrategy: at(14),
      },
      export: {
        custom: { url: at(15), method: at(16), headers: { [at(17)]: at(18) } },
        ipfs: { nftMetadataTemplate: at(19), nftMetadata: { [at(20)]: at(20) } },
      },
      'transcode-file': {
        input: { url: at(21) },
        storage: { url: at(22) },
        outputs: { hls: { path: at(23) } },
        creatorId: { type: at(24), value: at(25) },
      },
      clip: { url: at(26), clipStrategy: { playbackId: at(27), startTime: at(28), endTime: 1 }, sessionId: at(29) },
      [at(30)]: { [at(31)]: at(31) },
    },
    output: {
      upload: {
        assetSpec: {
          name: at(32),
          size: at(33),
          hash: [{ hash: at(34), algorithm: at(35) }],
          videoSpec: { format: at(36), duration: at(37), tracks: [{ type: at(38), codec: at(39) }] },
        },
        videoFilePath: at(40),
      },
      export: { ipfs: { videoFileCid: at(41), videoFileUrl: at(42), videoFileGatewayUrl: at(43) } },
      transcodeFile: {
        baseUrl: 'https://gateway.example/base/',
        hls: { path: at(44) },
        mp4: p.map((path) => ({ path })),
        request_id: at(45),
      },
      exportData: { ipfs: { cid: at(46) } },
      [at(47)]: at(47),
    },
    [at(48)]: at(49),
  };
  // Every payload on an asset card (in its URL fields too), half of them on a missing card, some on another type.
  const related: RelatedDoc[] = p.flatMap((s, i): RelatedDoc[] => [
    {
      label: s,
      type: 'asset',
      id: s,
      raw: {
        id: s,
        name: s,
        playbackId: s,
        playbackUrl: s,
        downloadUrl: s,
        source: { type: s, url: s },
        status: { phase: s, errorMessage: s },
        videoSpec: { format: s },
      },
    },
    ...(i % 2 === 0 ? [{ label: s, type: 'asset', id: s, raw: null, problem: s }] : []),
    ...(i % 5 === 0 ? [{ label: s, type: s, id: s, raw: { [s]: s } }] : []),
  ]);
  return { task, related };
}

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
