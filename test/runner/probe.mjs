// A loopback HTTP endpoint through which the integration suite (running in the extension host)
// asks the runner to look at what the user sees: the workbench DOM, webview frames, screenshots.
import http from 'node:http';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const screenshotsDir = path.resolve(import.meta.dirname, '..', '..', 'screenshots');

export async function startProbe(getPage) {
  // Key sequences run here, in the runner, so that their timing does not depend on the extension
  // host (which the suite shares with the extension under test, busy or not).
  let sequence = { done: true, log: [] };
  async function runSequence(page, steps) {
    const started = Date.now();
    const log = [];
    sequence = { done: false, log };
    try {
      for (const step of steps) {
        if (step.wait) await new Promise((r) => setTimeout(r, step.wait));
        if (step.press) await page.keyboard.press(step.press);
        if (step.type) await page.keyboard.type(step.type, { delay: 10 });
        if (step.until) {
          const deadline = Date.now() + (step.timeout ?? 60_000);
          while (!(await page.evaluate(step.until)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        }
        log.push({ step: step.label ?? Object.keys(step).join('+'), at: Date.now() - started });
      }
    } catch (err) {
      log.push({ step: 'error', error: String(err) });
    }
    sequence.done = true;
  }
  const routes = {
    // Starts a list of steps ({ wait: ms } | { press: key } | { type: text } | { until: expression })
    // and answers at once; '/sequence/result' tells how far it got and when each step ended.
    '/sequence': async (page, body) => {
      void runSequence(page, body.steps);
      return true;
    },
    '/sequence/result': async () => sequence,
    // Evaluates a JS expression in the workbench page and returns its JSON-serialisable value.
    '/eval': async (page, body) => page.evaluate(body.expression),
    // Evaluates an expression inside every webview content frame (the inner iframe holding the
    // extension's HTML); returns one result per frame.
    '/webview': async (page, body) => {
      const results = [];
      for (const frame of page.frames()) {
        if (!frame.url().includes('fake.html') && !(await isContentFrame(frame))) continue;
        try {
          results.push({ url: frame.url(), value: await frame.evaluate(body.expression) });
        } catch (err) {
          results.push({ url: frame.url(), error: String(err) });
        }
      }
      return results;
    },
    '/screenshot': async (page, body) => {
      mkdirSync(screenshotsDir, { recursive: true });
      const file = path.join(screenshotsDir, `${String(body.name).replace(/[^\w.-]/g, '_')}.png`);
      await page.screenshot({ path: file });
      return { file };
    },
    '/press': async (page, body) => {
      await page.keyboard.press(body.key);
      return true;
    },
    '/type': async (page, body) => {
      await page.keyboard.type(body.text, { delay: 10 });
      return true;
    },
    '/hover': async (page, body) => {
      await page.mouse.move(0, 0);
      await page.hover(body.selector, { timeout: body.timeout ?? 5000 });
      return true;
    },
    '/click': async (page, body) => {
      await page.click(body.selector, { timeout: body.timeout ?? 5000 });
      return true;
    },
  };
  const server = http.createServer(async (req, res) => {
    const route = routes[req.url ?? ''];
    if (req.method !== 'POST' || !route) {
      res.writeHead(404).end();
      return;
    }
    let raw = '';
    for await (const chunk of req) raw += chunk;
    try {
      const value = await route(getPage(), raw ? JSON.parse(raw) : {});
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ value: value ?? null }));
    } catch (err) {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: String(err?.stack ?? err) }));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

async function isContentFrame(frame) {
  // Webview content lives in an iframe nested in the webview host frame (index.html?id=…).
  const parent = frame.parentFrame();
  return Boolean(parent && parent.url().includes('/webview/') && parent.url().includes('index.html'));
}
