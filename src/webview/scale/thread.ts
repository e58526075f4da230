/**
 * Thread sections: thread-level annotations (often the overall preference) on top, the
 * submissions line, then a container the turns are appended to progressively.
 * Several threads get a tab bar.
 */
import { renderAnnotations } from './annotations';
import { h } from '../shell/dom';
import { timeEl } from '../shell/format';
import type { Ctx } from '../shell/plan';
import type { ThreadV } from './model';
import { t } from '../shell/strings';

export interface ThreadShell {
  section: HTMLElement;
  turns: HTMLElement;
}

function submissions(thread: ThreadV): HTMLElement | null {
  if (thread.submissions.length === 0) return null;
  return h(
    'ul',
    { class: 'submissions' },
    thread.submissions.map((s) =>
      h('li', null, t('submittedBy', s.contributor ?? '?'), s.at !== undefined ? [' ', t('submittedAt'), ' ', timeEl(s.at)] : null),
    ),
  );
}

export function threadShell(thread: ThreadV, index: number, count: number, ctx: Ctx): ThreadShell {
  const turns = h('div', { class: 'turns' });
  const title = thread.id ?? String(index + 1);
  const section = h(
    'section',
    count > 1
      ? { class: 'thread', id: `thread-panel-${index}`, role: 'tabpanel', 'aria-labelledby': `thread-tab-${index}`, hidden: index !== 0 }
      : { class: 'thread', 'aria-label': t('thread', title) },
    h('h2', { class: 'thread-title' }, t('thread', title)),
    submissions(thread),
    renderAnnotations(thread.annotations, ctx, 'thread-annotations'),
    turns,
  );
  return { section, turns };
}

export function threadTabs(threads: ThreadV[]): HTMLElement | null {
  if (threads.length < 2) return null;
  return h(
    'div',
    { class: 'tabs', role: 'tablist', 'aria-label': t('threadTabs') },
    threads.map((th, i) =>
      h(
        'button',
        {
          type: 'button',
          role: 'tab',
          class: 'tab',
          id: `thread-tab-${i}`,
          'aria-controls': `thread-panel-${i}`,
          'aria-selected': i === 0 ? 'true' : 'false',
          tabindex: i === 0 ? 0 : -1,
          'data-action': 'tab',
          'data-tab-index': i,
        },
        th.id ?? String(i + 1),
        h('span', { class: 'tab-count' }, ` (${th.turnCount})`),
      ),
    ),
  );
}
