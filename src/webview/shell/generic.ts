/**
 * The platform-neutral view: id, status and the task as a readable key/value tree.
 * Used for platforms without a dedicated renderer (and as the fallback if one fails).
 */
import { h } from './dom';
import { kvView } from './kvtree';
import { own, sget } from './model';
import type { Ctx, PlatformRenderer } from './plan';
import { statusLookIn } from '../../shared/statusLooks';
import { statusChip, taskIdButton } from './chips';
import { t } from './strings';

export const renderGeneric: PlatformRenderer = (raw: unknown, ctx: Ctx) => {
  const id = sget(raw, 'task_id') ?? sget(raw, 'id');
  const statusField = own(raw, 'status');
  const status = sget(raw, 'status') ?? sget(statusField, 'phase') ?? sget(raw, 'phase');
  const head = [
    h(
      'header',
      { class: 'task-header' },
      h(
        'div',
        { class: 'title-row' },
        h('h1', null, taskIdButton(id)),
        status !== undefined ? statusChip(status, statusLookIn({}, status)) : null,
      ),
      h('p', { class: 'muted' }, t('genericNotice', ctx.context.platform)),
    ),
    h('div', { class: 'generic-fields' }, kvView(raw, { revealSecrets: ctx.revealSecrets })),
  ];
  return { taskId: id, head };
};
