/**
 * The task view: owns the root element, dispatches by platform, renders progressively and
 * reports timing. A new render cancels one in progress. Testable without VS Code: the
 * caller injects `post` (and optionally the clock and the scheduler).
 */
import { captureAnchor, restoreScroll, restoreTab } from './anchor';
import { h, setDocument } from './dom';
import { renderGeneric } from './generic';
import { installInteractions, type Post } from './interactions';
import type { Ctx, RenderPlan } from './plan';
import { rendererFor } from '../platforms';
import type { RelatedDoc, RenderContext } from '../../shared/protocol';
import { defaultSchedule, type Schedule } from './scheduler';
import { formatNumber } from '../../shared/format';
import { t } from './strings';
import { renderToolbar } from './toolbar';
import { callout } from './widgets';

export interface ViewOptions {
  post: Post;
  now?: () => number;
  schedule?: Schedule;
  /** Steps (turns) rendered before the first paint, at most. */
  firstSliceSteps?: number;
  /** Time budget of the first slice and of each later slice, in ms. */
  firstSliceMs?: number;
  sliceMs?: number;
}

export type RenderOutcome = 'complete' | 'cancelled';

export interface RenderHandle {
  taskId?: string;
  /** Resolves when every step has rendered, or when a newer render cancelled this one. */
  done: Promise<RenderOutcome>;
  cancel(): void;
}

export interface TaskView {
  render(task: unknown, context: RenderContext, receivedAt?: number, related?: readonly RelatedDoc[]): RenderHandle;
  /**
   * The shown task changed on the server (a live task): redraw it with the same context and
   * related objects, keeping the reader's place. Ignored when another task (or none) is shown.
   */
  live(task: unknown, patch: Pick<RenderContext, 'stuck' | 'actions'>): RenderHandle | undefined;
  loading(): void;
  error(message: string): void;
  dispose(): void;
}

function plan(task: unknown, ctx: Ctx): RenderPlan {
  try {
    return rendererFor(ctx.context.platform)(task, ctx);
  } catch {
    try {
      return renderGeneric(task, ctx);
    } catch (e) {
      return { head: [callout('error', t('errorTitle'), String(e))] };
    }
  }
}

export function createTaskView(root: HTMLElement, options: ViewOptions): TaskView {
  const doc = root.ownerDocument;
  setDocument(doc);
  const now = options.now ?? (() => performance.now());
  const schedule = options.schedule ?? defaultSchedule(doc.defaultView as (Window & typeof globalThis) | null);
  const firstSteps = options.firstSliceSteps ?? 20;
  const firstMs = options.firstSliceMs ?? 30;
  // Under 50 ms per slice keeps input responsive; longer slices cut the style and layout work
  // between slices, which dominated the time to render a 2,000-turn task (npm run bench).
  const sliceMs = options.sliceMs ?? 40;
  const uninstall = installInteractions(root, options.post);
  let current: { cancelled: boolean; resolve: (o: RenderOutcome) => void } | undefined;
  let lastContext: RenderContext | undefined;
  let lastTaskId: string | undefined;
  let lastRelated: readonly RelatedDoc[] | undefined;
  root.classList.add('task-lens');
  // The page runs its own small live regions (progress, loading); a live root would read the
  // whole task aloud on every render.
  root.removeAttribute('aria-live');
  const contentTag = root.getAttribute('role') === 'main' ? 'div' : 'main';

  function cancelCurrent(): void {
    if (current && !current.cancelled) {
      current.cancelled = true;
      current.resolve('cancelled');
    }
    current = undefined;
  }

  function show(...content: Node[]): void {
    root.removeAttribute('aria-busy');
    root.replaceChildren(renderToolbar(lastContext), h(contentTag, { class: 'content' }, content));
  }

  function render(task: unknown, context: RenderContext, receivedAt: number = now(), related?: readonly RelatedDoc[]): RenderHandle {
    cancelCurrent();
    setDocument(doc);
    lastContext = context;
    lastRelated = related;
    let resolve!: (o: RenderOutcome) => void;
    const done = new Promise<RenderOutcome>((r) => (resolve = r));
    const job = { cancelled: false, resolve };
    current = job;
    const ctx: Ctx = { context, revealSecrets: context.revealSecrets, ...(related ? { related } : {}) };
    const p = plan(task, ctx);
    // Re-rendering the same task (Refresh, Reveal secrets) keeps the reader's place.
    const anchor = p.taskId !== undefined && p.taskId === lastTaskId ? captureAnchor(root) : undefined;
    lastTaskId = p.taskId;
    show(...p.head);
    restoreTab(root, anchor);
    let anchored = !anchor;
    const steps = p.steps;
    const total = p.total ?? 0;
    let rendered = 0;
    const progress = total > 0 ? h('div', { class: 'render-progress', role: 'status', 'aria-live': 'polite' }) : null;
    if (progress) root.append(progress);

    /** Runs steps until the budget is spent; true when no steps remain. */
    const slice = (budgetMs: number, maxSteps: number): boolean => {
      if (!steps) return true;
      const start = now();
      let n = 0;
      while (n < maxSteps) {
        let r: IteratorResult<unknown>;
        try {
          r = steps.next();
        } catch {
          return true;
        }
        if (r.done) return true;
        n++;
        rendered++;
        if (now() - start >= budgetMs) break;
      }
      if (progress) progress.textContent = t('renderingProgress', formatNumber(rendered), formatNumber(total));
      if (!anchored) anchored = restoreScroll(root, anchor);
      return false;
    };

    const finish = () => {
      progress?.remove();
      // Once more at the end: cards above may have changed size while the rest rendered.
      if (anchor) anchored = restoreScroll(root, anchor);
      job.cancelled = true; // no more slices
      if (current === job) current = undefined;
      options.post({ type: 'rendered', ms: Math.max(0, now() - receivedAt), phase: 'complete' });
      resolve('complete');
    };

    const finished = slice(firstMs, firstSteps);
    options.post({ type: 'rendered', ms: Math.max(0, now() - receivedAt), phase: 'first' });
    if (finished) {
      finish();
    } else {
      const next = () => {
        if (job.cancelled) return;
        if (slice(sliceMs, Number.POSITIVE_INFINITY)) finish();
        else schedule(next);
      };
      schedule(next);
    }
    return { taskId: p.taskId, done, cancel: () => (current === job ? cancelCurrent() : undefined) };
  }

  return {
    render,
    live(task, patch) {
      const id = typeof task === 'object' && task !== null ? (task as { id?: unknown }).id : undefined;
      if (!lastContext || lastTaskId === undefined || id !== lastTaskId) return undefined;
      return render(task, { ...lastContext, ...patch }, now(), lastRelated);
    },
    loading() {
      if (root.querySelector('.content')) {
        root.setAttribute('aria-busy', 'true');
        if (!root.querySelector('.loading-bar'))
          root.prepend(h('div', { class: 'loading-bar', role: 'progressbar', 'aria-label': t('loading') }));
        return;
      }
      show(h('p', { class: 'loading', role: 'status' }, t('loading')));
      root.prepend(h('div', { class: 'loading-bar', role: 'progressbar', 'aria-label': t('loading') }));
      root.setAttribute('aria-busy', 'true');
    },
    error(message: string) {
      cancelCurrent();
      show(callout('error', t('errorTitle'), h('span', { class: 'pre-wrap' }, message)));
    },
    dispose() {
      cancelCurrent();
      uninstall();
    },
  };
}
