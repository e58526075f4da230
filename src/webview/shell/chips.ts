/** The two chips every platform's header shows: the task id (click to copy) and its status. */
import type { StatusLook } from '../../shared/statusLooks';
import { h } from './dom';
import { copyTexts } from './widgets';
import { t } from './strings';

/** A status chip coloured by the shared look's tone; the value itself is the text, whatever it is. */
export function statusChip(value: string | undefined, look: StatusLook, title: string = t('status')): HTMLElement {
  return h('span', { class: `status-chip status-${look.tone}${look.gone ? ' status-gone' : ''}`, title }, value ?? '?');
}

export function taskIdButton(id: string | undefined): HTMLElement {
  const b = h('button', { type: 'button', class: 'task-id', 'data-action': 'copy', title: t('clickToCopy') }, id ?? t('unknownTask'));
  if (id !== undefined) copyTexts.set(b, id);
  return b;
}
