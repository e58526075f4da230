/** The sticky toolbar: Open JSON, Copy ID, Copy Link, Refresh, Reveal in Tree, Pin. Buttons post `command`. */
import { h, icon } from './dom';
import type { PageCommand, RenderContext } from '../../shared/protocol';
import { t, type StringKey } from './strings';

/** A task read from a file has no tree to reveal it in. */
const API_ONLY: ReadonlySet<PageCommand> = new Set(['revealInTree']);

const BUTTONS: Array<[PageCommand, string, StringKey]> = [
  ['openJson', 'json', 'openJson'],
  ['copyId', 'copy', 'copyId'],
  ['copyLink', 'link', 'copyLink'],
  ['refresh', 'refresh', 'refresh'],
  ['revealInTree', 'list-tree', 'revealInTree'],
];

/** The bar sits in a `header` landmark (banner), so nothing on the page is outside a landmark. */
export function renderToolbar(context: RenderContext | undefined, search: HTMLElement | null = null): HTMLElement {
  const pinned = context?.pinned === true;
  const fromFile = typeof context?.file === 'string';
  const navigation = context?.navigation ?? null;
  const button = (cmd: PageCommand, ico: string, label: string, pressed?: boolean, disabled?: boolean) =>
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
        disabled,
      },
      icon(ico),
      h('span', { class: 'tool-label' }, label),
    );
  return h(
    'header',
    { class: 'toolbar-bar' },
    h(
      'div',
      { class: 'toolbar', role: 'toolbar', 'aria-label': t('toolbar') },
      navigation
        ? [
            button('previous', 'arrow-up', t('previous'), undefined, navigation.position <= 1),
            h('span', { class: 'nav-position muted', role: 'status' }, t('positionOf', navigation.position, navigation.count)),
            button('next', 'arrow-down', t('next'), undefined, navigation.position >= navigation.count),
          ]
        : null,
      BUTTONS.filter(([cmd]) => !(fromFile && API_ONLY.has(cmd))).map(([cmd, ico, key]) => button(cmd, ico, t(key))),
      button('pin', pinned ? 'pinned' : 'pin', t(pinned ? 'pinned' : 'pin'), pinned),
      context?.actions?.includes('retryTask') ? button('retryTask', 'debug-restart', t('retryTask')) : null,
      context?.actions?.includes('downloadOutput') ? button('downloadOutput', 'cloud-download', t('downloadOutput')) : null,
    ),
    search,
    h('span', { class: 'spacer' }),
    fromFile
      ? h('span', { class: 'connection muted', title: t('taskFile') }, icon('file'), ' ', context?.file ?? '')
      : context
        ? h('span', { class: 'connection muted', title: t('connection') }, icon('plug'), ' ', context.connectionName)
        : null,
  );
}
