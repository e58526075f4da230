/**
 * The Scale v2 task view: header, summary and thread shells synchronously; each thread's turns as
 * a virtual list (only the cards near the viewport are in the DOM, placeholders hold the place
 * of the rest), so a 10,000-turn task shows its top at once and stays light while scrolled.
 */
import { h } from '../shell/dom';
import { selectTab } from '../shell/interactions';
import { renderHeader } from './header';
import type { Ctx, PlatformRenderer, Searchable } from '../shell/plan';
import { readTask, type TaskV } from './model';
import { t } from '../shell/strings';
import { renderSummary } from './summary';
import { threadShell, threadTabs } from './thread';
import { renderTurn } from './turn';
import { estimateTurnHeight, searchText } from './turnList';
import { VirtualList } from '../shell/virtualList';
import { isBlind } from '../shell/review';
import { turnKey } from '../../shared/review';
import { reviewBar } from './reviewBar';
import type { TurnV } from './model';
import { callout } from '../shell/widgets';

function messageTexts(turn: TurnV): string[] {
  return turn.messages.map((m) => m.text ?? '');
}

function emptyState(task: TaskV): HTMLElement {
  const key = task.reports.length > 0 ? 'emptyReported' : task.status === 'pending' ? 'emptyPending' : 'emptyOther';
  return h(
    'div',
    { class: `empty-state empty-${key === 'emptyReported' ? 'reported' : key === 'emptyPending' ? 'pending' : 'other'}` },
    t(key),
  );
}

export const renderScale: PlatformRenderer = (raw: unknown, ctx: Ctx) => {
  const task = readTask(raw);
  // The summary reads every turn: in a later slice when there are many (first content first).
  const summary =
    task.threads.reduce((n, th) => n + th.turnCount, 0) > 200 && ctx.defer ? h('ul', { class: 'summary' }) : renderSummary(task, ctx);
  const blind = isBlind(ctx);
  const bar = reviewBar(task, ctx);
  const head: Node[] = [renderHeader(task, ctx), summary, ...(bar ? [bar] : [])];
  if (task.threads.length === 0) {
    head.push(emptyState(task));
    return { taskId: task.id, head };
  }
  const shells = task.threads.map((th, i) => threadShell(th, i, task.threads.length, ctx));
  const tabs = threadTabs(task.threads);
  head.push(
    h(
      'div',
      { class: 'threads' },
      tabs,
      shells.map((s) => s.section),
    ),
  );

  const units: Array<[thread: number, turn: number]> = [];
  task.threads.forEach((th, i) => {
    for (let j = 0; j < th.turnCount; j++) units.push([i, j]);
  });
  const texts: Array<string | undefined> = [];
  const lists: VirtualList[] = [];

  const card = (i: number, j: number): HTMLElement => {
    const thread = task.threads[i];
    try {
      const turn = thread.turnAt(j);
      return renderTurn(turn, j, thread.annotations, ctx, { taskId: task.id ?? '', key: turnKey(thread.id, i, turn.id, j) });
    } catch (e) {
      // A renderer bug must cost one turn, not the page.
      return h('section', { class: 'turn-card', tabindex: 0, 'data-turn-index': j }, callout('error', t('turn', j + 1), String(e)));
    }
  };

  const search: Searchable = {
    count: units.length,
    // Blind review searches the messages' text only: a hit on a hidden name would give it away.
    textOf: (u) =>
      (texts[u] ??= searchText(
        blind ? messageTexts(task.threads[units[u][0]].turnAt(units[u][1])) : task.threads[units[u][0]].rawTurns[units[u][1]],
      )),
    reveal: (u) => {
      const [i, j] = units[u];
      const tab = tabs?.querySelector(`#thread-tab-${i}`);
      if (tab && tab.getAttribute('aria-selected') !== 'true') selectTab(tab, false);
      return lists[i]?.reveal(j);
    },
  };

  function* steps(): Generator<void> {
    for (let i = 0; i < task.threads.length; i++) {
      // Yield between threads, not after the last: the step that renders the last thread then
      // ends the render, and a one-thread task completes in the first slice (no second slice,
      // which would wait for the browser to style and lay out the whole page first).
      if (i > 0) yield;
      const thread = task.threads[i];
      const list = new VirtualList({
        container: shells[i].turns,
        count: thread.turnCount,
        estimate: (j) => estimateTurnHeight(thread.rawTurns[j]),
        render: (j) => card(i, j),
      });
      lists.push(list);
      // The top of the page from estimates first (no layout asked for before the first paint);
      // the blocks truly near the viewport, and the margins around it, in a later slice.
      const all = list.prime(shells[i].turns.ownerDocument.defaultView?.innerHeight || 800);
      // A list shown whole needs no correction before it is complete: its ResizeObserver's first
      // report (after the browser's own layout) trims it, without a forced layout in a slice.
      if (!(all && list.watchesLayout)) {
        if (ctx.defer) ctx.defer(() => list.update());
        else list.update();
      }
    }
    if (summary.childElementCount === 0) ctx.defer?.(() => summary.replaceWith(renderSummary(task, ctx)));
  }
  return {
    taskId: task.id,
    head,
    steps: steps(),
    search,
    dispose: () => lists.forEach((l) => l.dispose()),
  };
};
