/**
 * The Scale v2 task view: header, summary and thread shells synchronously; turn cards as
 * progressive steps (one turn per step) so a 2,000-turn task shows its top at once.
 */
import { h } from '../shell/dom';
import { renderHeader } from './header';
import type { Ctx, PlatformRenderer } from '../shell/plan';
import { readTask, type TaskV } from './model';
import { t } from '../shell/strings';
import { renderSummary } from './summary';
import { threadShell, threadTabs } from './thread';
import { renderTurn } from './turn';
import { callout } from '../shell/widgets';

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
  const head: Node[] = [renderHeader(task, ctx), renderSummary(task, ctx)];
  if (task.threads.length === 0) {
    head.push(emptyState(task));
    return { taskId: task.id, head };
  }
  const shells = task.threads.map((th, i) => threadShell(th, i, task.threads.length, ctx));
  head.push(
    h(
      'div',
      { class: 'threads' },
      threadTabs(task.threads),
      shells.map((s) => s.section),
    ),
  );
  const total = task.threads.reduce((n, th) => n + th.turns.length, 0);
  function* steps(): Generator<void> {
    for (let i = 0; i < task.threads.length; i++) {
      const thread = task.threads[i];
      for (let j = 0; j < thread.turns.length; j++) {
        let card: HTMLElement;
        try {
          card = renderTurn(thread.turns[j], j, thread.annotations, ctx);
        } catch (e) {
          // A renderer bug must cost one turn, not the page.
          card = h('section', { class: 'turn-card', tabindex: 0, 'data-turn-index': j }, callout('error', t('turn', j + 1), String(e)));
        }
        shells[i].turns.append(card);
        yield;
      }
    }
  }
  return { taskId: task.id, head, steps: steps(), total };
};
