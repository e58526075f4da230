/** The sticky toolbar: Open JSON, Copy ID, Copy Link, Refresh, Reveal in Tree, Pin. Buttons post `command`. */
import { h, icon } from './dom';
import type { PageCommand, RenderContext } from '../../shared/protocol';
import { t, type StringKey } from './strings';

const BUTTONS: Array<[PageCommand, string, StringKey]> = [
  ['openJson', 'json', 'openJson'],
  ['copyId', 'copy', 'copyId'],
  ['copyLink', 'link', 'copyLink'],
  ['refresh', 'refresh', 'refresh'],
  ['revealInTree', 'list-tree', 'revealInTree'],
];

export function renderToolbar(context: RenderContext | undefined): HTMLElement {
  const pinned = context?.pinned === true;
  const button = (cmd: PageCommand, ico: string, label: string, pressed?: boolean) =>
    h(
      'button',
      {
        type: 'button',
        class: 'tool',
        'data-action': 'command',
        'data-command': cmd,
        title: label,
        'aria-label': label,
        'aria-pressed': pressed === undefined ? undefined : String(pressed),
      },
      icon(ico),
      h('span', { class: 'tool-label' }, label),
    );
  return h(
    'div',
    { class: 'toolbar', role: 'toolbar', 'aria-label': t('toolbar') },
    BUTTONS.map(([cmd, ico, key]) => button(cmd, ico, t(key))),
    button('pin', pinned ? 'pinned' : 'pin', t(pinned ? 'pinned' : 'pin'), pinned),
    h('span', { class: 'spacer' }),
    context ? h('span', { class: 'connection muted', title: t('connection') }, icon('plug'), ' ', context.connectionName) : null,
  );
}
