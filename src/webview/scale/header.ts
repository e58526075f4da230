/**
 * Task header: id (click to copy), status chip, project and batch (reveal in tree), times;
 * then errors and sensitive-content reports as callouts, and metadata folded.
 */
import { SCALE_TASK_STATUS, statusLookIn } from '../../shared/statusLooks';
import { statusChip, taskIdButton } from '../shell/chips';
import { h } from '../shell/dom';
import { timeEl } from '../shell/format';
import { kvView } from '../shell/kvtree';
import type { Ctx } from '../shell/plan';
import type { PageCommand } from '../../shared/protocol';
import type { NoteV, Ref, TaskV } from './model';
import { t, type StringKey } from '../shell/strings';
import { callout } from '../shell/widgets';

function refItem(labelKey: StringKey, ref: Ref, fallbackName: string | null | undefined, cmd: PageCommand): HTMLElement[] | null {
  const name = ref.name ?? fallbackName ?? ref.id;
  if (name === undefined || name === null) return null;
  return [
    h('dt', null, t(labelKey)),
    h(
      'dd',
      null,
      h(
        'button',
        { type: 'button', class: 'link-button', 'data-action': 'command', 'data-command': cmd, title: t('revealItem', name) },
        name,
      ),
      ref.id !== undefined && ref.id !== name ? h('code', { class: 'ref-id muted' }, ` ${ref.id}`) : null,
    ),
  ];
}

function timeItem(labelKey: StringKey, iso: string | undefined): HTMLElement[] | null {
  const el = timeEl(iso);
  return el ? [h('dt', null, t(labelKey)), h('dd', null, el)] : null;
}

function notes(list: NoteV[], kind: 'error' | 'warning', title: string): HTMLElement[] {
  return list.map((n) =>
    callout(kind, n.type !== undefined ? `${title}: ${n.type}` : title, h('span', { class: 'pre-wrap' }, n.message ?? '')),
  );
}

export function renderHeader(task: TaskV, ctx: Ctx): HTMLElement {
  const c = ctx.context;
  const mdKeys = task.metadata ? Object.keys(task.metadata).length : 0;
  return h(
    'header',
    { class: 'task-header' },
    h(
      'div',
      { class: 'title-row' },
      h('h1', null, taskIdButton(task.id)),
      statusChip(task.status, statusLookIn(SCALE_TASK_STATUS, task.status)),
    ),
    h(
      'dl',
      { class: 'facts' },
      refItem('project', task.project, c.projectName, 'revealProject'),
      refItem('batch', task.batch, c.batchName, 'revealBatch'),
      timeItem('created', task.createdAt),
      timeItem('completed', task.completedAt),
    ),
    notes(task.errors, 'error', t('taskError')),
    notes(task.reports, 'warning', t('sensitiveReport')),
    task.metadata && mdKeys > 0
      ? h(
          'details',
          { class: 'metadata' },
          h('summary', null, t('metadata', mdKeys)),
          kvView(task.metadata, { revealSecrets: ctx.revealSecrets }),
        )
      : null,
  );
}
