// `npm run icon`: renders the marketplace icon (media/icon.png, 128 × 128) from the activity-bar
// glyph media/task-lens.svg with Debian's chromium (the one the integration tests drive), so the
// PNG is made from the one drawing rather than kept by hand. Run it when task-lens.svg changes and
// commit the PNG; a unit test checks its size and that package.json names it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../test/runner/codeServer.mjs';

const root = path.resolve(import.meta.dirname, '..');
const SIZE = 128;
// The galleryBanner colour in package.json, so the icon sits on the banner it is shown with.
const BACKGROUND = '#1E3A5F';
const glyph = readFileSync(path.join(root, 'media', 'task-lens.svg'), 'utf8')
  .replace(/width="24"/, 'width="88"')
  .replace(/height="24"/, 'height="88"')
  .replace(/stroke="currentColor"/, 'stroke="#FFFFFF"');
const html = `<!doctype html><html><body style="margin:0;background:transparent">
<div style="width:${SIZE}px;height:${SIZE}px;border-radius:24px;background:${BACKGROUND};display:flex;align-items:center;justify-content:center">${glyph}</div>
</body></html>`;

const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
  await page.setContent(html);
  const out = path.join(root, 'media', 'icon.png');
  await page.screenshot({ path: out, omitBackground: true, clip: { x: 0, y: 0, width: SIZE, height: SIZE } });
  console.log(`wrote ${path.relative(root, out)} (${SIZE} × ${SIZE})`);
} finally {
  await browser.close();
}
