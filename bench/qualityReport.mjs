// `node bench/qualityReport.mjs [tasks]`: bundles bench/qualityReport.ts the way the extension is
// bundled (esbuild, so imports are plain bindings, not tsx's getters) and runs it; then draws the
// report it computed in Debian's chromium with the real page bundle (dist/report.js) and its sheets,
// and prints the page's own draw time. Run `npm run build` first.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { CHROMIUM_ARGS, findChromium } from '../test/runner/codeServer.mjs';

const root = path.join(import.meta.dirname, '..');
const dir = mkdtempSync(path.join(tmpdir(), 'task-lens-bench-'));
const outfile = path.join(dir, 'qualityReport.cjs');
const reportJson = path.join(dir, 'report.json');

async function drawInChromium() {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const css = ['media/css/shell.css', 'media/css/report.css'].map((f) => readFileSync(path.join(root, f), 'utf8')).join('\n');
    await page.setContent(
      `<!doctype html><html><head><style>${css}</style></head><body class="vscode-dark"><div id="root"></div></body></html>`,
    );
    await page.evaluate(() => {
      globalThis.posted = [];
      globalThis.acquireVsCodeApi = () => ({ postMessage: (m) => globalThis.posted.push(m) });
    });
    await page.addScriptTag({ content: readFileSync(path.join(root, 'dist', 'report.js'), 'utf8') });
    const report = JSON.parse(readFileSync(reportJson, 'utf8'));
    const samples = [];
    for (let i = 0; i < 5; i++) {
      const ms = await page.evaluate(async (report) => {
        const before = globalThis.posted.length;
        globalThis.postMessage({ type: 'report', report, scope: { fileName: 'tasks.jsonl', total: report.tasks }, ms: 0 }, '*');
        for (;;) {
          const done = globalThis.posted.slice(before).find((m) => m.type === 'rendered');
          if (done) return done.ms;
          await new Promise((r) => setTimeout(r, 10));
        }
      }, report);
      samples.push(ms);
    }
    samples.sort((a, b) => a - b);
    const elements = await page.evaluate(() => globalThis.document.querySelectorAll('#root *').length);
    console.log(
      `| Draw the page in chromium (dist/report.js, ${elements.toLocaleString('en-US')} elements) | ${samples[2].toFixed(0)} ms |`,
    );
  } finally {
    await browser.close();
  }
}

try {
  await esbuild.build({
    entryPoints: [path.join(import.meta.dirname, 'qualityReport.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    external: ['jsdom'],
    logLevel: 'warning',
  });
  execFileSync(process.execPath, [outfile, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, NODE_PATH: path.join(root, 'node_modules'), TASKLENS_REPORT_JSON: reportJson },
  });
  await drawInChromium();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
