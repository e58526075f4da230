/** Livepeer tasks for the view tests: the emulator's well-known tasks with their assets as `related`. */
import type { Asset, Task } from '../../../src/core/livepeer/types';
import type { RelatedDoc, RenderContext } from '../../../src/shared/protocol';
import type { RenderHandle } from '../../../src/webview/shell/view';
import { createLivepeerData, LIVEPEER_FIXTURES, type LivepeerData } from '../../emulator/livepeer/data';
import type { Page } from './helpers';

export type FixtureName = keyof typeof LIVEPEER_FIXTURES.tasks;

let shared: LivepeerData | undefined;

export function livepeerData(): LivepeerData {
  shared ??= createLivepeerData();
  return shared;
}

/** A deep copy of a well-known task (tests may change it). */
export function fixtureTask(name: FixtureName): Task {
  const task = livepeerData().findTask(LIVEPEER_FIXTURES.tasks[name]);
  if (!task) throw new Error(`no fixture ${name}`);
  return JSON.parse(JSON.stringify(task)) as Task;
}

/** The task's input/output assets as the host sends them: a 404 problem when the asset is gone. */
export function relatedFor(task: Task): RelatedDoc[] {
  const out: RelatedDoc[] = [];
  for (const [label, key] of [
    ['Input asset', 'inputAssetId'],
    ['Output asset', 'outputAssetId'],
  ] as const) {
    const id = task[key];
    if (typeof id !== 'string') continue;
    const asset: Asset | undefined = livepeerData().findAsset(id);
    out.push(
      asset
        ? { label, type: 'asset', id, raw: JSON.parse(JSON.stringify(asset)) as unknown }
        : {
            label,
            type: 'asset',
            id,
            raw: null,
            problem: 'Not found (404) — the asset may have been deleted, or it belongs to another project.',
          },
    );
  }
  return out;
}

export function livepeerContext(overrides: Partial<RenderContext> = {}): RenderContext {
  return { connectionName: 'studio', platform: 'livepeer', pinned: false, revealSecrets: false, ...overrides };
}

export function renderLivepeer(page: Page, task: unknown, related?: RelatedDoc[], context: Partial<RenderContext> = {}): RenderHandle {
  return page.view.render(task, livepeerContext(context), undefined, related);
}

/** The element's text with its text nodes joined by spaces (a dt and its dd read "Label value"). */
export function text(el: Element | null | undefined): string {
  if (!el) return '';
  const parts: string[] = [];
  const walker = el.ownerDocument.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) parts.push(n.textContent ?? '');
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}
