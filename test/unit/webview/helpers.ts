/** jsdom harness for the task view: a page with #root, a view with a recording `post`. */
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JSDOM } from 'jsdom';
import { isAllowedLinkUrl } from '../../../src/shared/links';
import type { PageToHost, RenderContext } from '../../../src/shared/protocol';
import { virtualListOf } from '../../../src/webview/shell/virtualList';
import { createTaskView, type RenderHandle, type TaskView, type ViewOptions } from '../../../src/webview/shell/view';

export interface Page {
  dom: JSDOM;
  window: JSDOM['window'];
  document: Document;
  root: HTMLElement;
  posted: PageToHost[];
  view: TaskView;
  render(task: unknown, context?: Partial<RenderContext>): RenderHandle;
  /** Renders and waits for every slice. */
  renderAll(task: unknown, context?: Partial<RenderContext>): Promise<RenderHandle>;
  text(): string;
  close(): void;
}

export function scaleContext(overrides: Partial<RenderContext> = {}): RenderContext {
  return { connectionName: 'test', platform: 'scale', pinned: false, revealSecrets: false, ...overrides };
}

export function openPage(options: { runScripts?: boolean; view?: Partial<ViewOptions> } = {}): Page {
  const dom = new JSDOM('<!doctype html><html><head></head><body class="vscode-dark"><div id="root"></div></body></html>', {
    url: 'https://webview.test/index.html',
    runScripts: options.runScripts ? 'dangerously' : undefined,
  });
  const document = dom.window.document;
  const root = document.getElementById('root') as HTMLElement;
  const posted: PageToHost[] = [];
  const view = createTaskView(root, { post: (m) => posted.push(m), ...options.view });
  const render = (task: unknown, context: Partial<RenderContext> = {}) => view.render(task, scaleContext(context));
  return {
    dom,
    window: dom.window,
    document,
    root,
    posted,
    view,
    render,
    async renderAll(task, context) {
      const handle = render(task, context);
      await handle.done;
      return handle;
    },
    text: () => root.textContent ?? '',
    close: () => {
      view.dispose();
      dom.window.close();
    },
  };
}

/** Clicks an element the way a user would (bubbling, cancelable). */
export function click(el: Element): MouseEvent {
  const win = el.ownerDocument.defaultView as unknown as typeof globalThis & Window;
  const ev = new win.MouseEvent('click', { bubbles: true, cancelable: true, button: 0 });
  el.dispatchEvent(ev);
  return ev;
}

export function key(target: Element | Document, k: string): KeyboardEvent {
  const doc = 'defaultView' in target && target.defaultView ? target : (target as Element).ownerDocument;
  const win = (doc as Document).defaultView as unknown as typeof globalThis & Window;
  const ev = new win.KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true });
  target.dispatchEvent(ev);
  return ev;
}

export function all(root: ParentNode, selector: string): Element[] {
  return Array.from(root.querySelectorAll(selector));
}

/**
 * A loopback server that records every request: a hostile payload that managed to load or fetch
 * anything would show up in `hits`. Started before the suite's tests, closed after.
 */
export function useHitServer(): { readonly hits: string[]; readonly baseUrl: string } {
  const state = { hits: [] as string[], baseUrl: '' };
  let server: Server | undefined;
  before(async () => {
    server = createServer((req, res) => {
      state.hits.push(req.url ?? '');
      res.end('hit');
    });
    await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
    state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));
  return state;
}

/**
 * Clicks one link of each distinct href: the page must never navigate, and every link it asks the
 * host to open must pass the scheme check. Returns the `openLink` messages it posted.
 */
export function clickEveryLink(page: Page): Extract<PageToHost, { type: 'openLink' }>[] {
  const before = page.window.location.href;
  const seen = new Set<string | null>();
  for (const a of all(page.root, 'a')) {
    if (seen.has(a.getAttribute('href'))) continue;
    seen.add(a.getAttribute('href'));
    click(a);
  }
  assert.equal(page.window.location.href, before, 'the page navigated');
  const opened = page.posted.filter((m): m is Extract<PageToHost, { type: 'openLink' }> => m.type === 'openLink');
  for (const m of opened) assert.ok(isAllowedLinkUrl(m.url), m.url);
  return opened;
}

/**
 * Every card of every virtual list on the page, rendered one after the other (placeholders stand
 * for most of a long task): the text of the whole task as a reader scrolling through it sees it.
 */
export function everyCardText(page: Page, eachCard?: (card: HTMLElement) => void): string {
  const parts: string[] = [];
  for (const el of all(page.root, '.turns')) {
    const list = virtualListOf(el);
    if (!list) continue;
    for (let i = 0; i < list.count; i++) {
      const card = list.reveal(i, false);
      assert.ok(card, `card ${i} of ${list.count} can be shown`);
      eachCard?.(card);
      parts.push(card.textContent ?? '');
    }
  }
  return parts.join('\n');
}
