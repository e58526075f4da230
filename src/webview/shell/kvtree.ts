/**
 * A readable key/value view of arbitrary JSON: metadata, unknown annotation types, fields of
 * platforms without a dedicated renderer. Values are text; http(s) strings become links;
 * values under secret-looking keys are masked unless secrets are revealed.
 */
import { h, type Child } from './dom';
import { isRec, prettyJson } from './model';
import { isAllowedLinkUrl } from '../../shared/links';
import { t } from './strings';

export interface KvOptions {
  revealSecrets: boolean;
  maxDepth?: number;
  maxEntries?: number;
}

const SECRET_KEY = /(^|[_\-.])(token|secret|password|passwd|api_?key|apikey|access_?key|private_?key|authorization|credentials?)$/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

export function maskedSecret(): HTMLElement {
  return h(
    'span',
    { class: 'secret' },
    h('span', { class: 'masked', 'aria-label': t('hiddenSecret') }, t('masked')),
    h('button', { type: 'button', class: 'link-button', 'data-action': 'reveal-secrets', title: t('revealSecrets') }, t('reveal')),
  );
}

export function kvView(value: unknown, opts: KvOptions): HTMLElement {
  return renderValue(value, opts, 0, new Set());
}

function scalar(v: unknown): HTMLElement {
  if (typeof v === 'string') {
    if (v === '') return h('span', { class: 'kv-empty' }, t('emptyValue'));
    const multiline = v.includes('\n');
    if (isAllowedLinkUrl(v)) return h('a', { href: v, class: 'link', title: v }, v);
    return h('span', { class: multiline ? 'kv-string multiline' : 'kv-string' }, v);
  }
  if (v === null || v === undefined) return h('span', { class: 'kv-null' }, String(v));
  return h('span', { class: `kv-${typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'other'}` }, String(v));
}

function renderValue(v: unknown, opts: KvOptions, depth: number, seen: Set<unknown>): HTMLElement {
  if (typeof v !== 'object' || v === null) return scalar(v);
  if (seen.has(v)) return h('span', { class: 'kv-other' }, '[circular]');
  if (depth >= (opts.maxDepth ?? 6)) return h('pre', { class: 'kv-json' }, prettyJson(v));
  const entries: Array<[string, unknown]> = Array.isArray(v)
    ? v.map((x, i): [string, unknown] => [String(i), x])
    : isRec(v)
      ? Object.keys(v).map((k): [string, unknown] => [k, v[k]])
      : [];
  if (entries.length === 0) return h('span', { class: 'kv-empty' }, Array.isArray(v) ? '[ ]' : '{ }');
  seen.add(v);
  const max = opts.maxEntries ?? 200;
  const rows: Child[] = entries
    .slice(0, max)
    .map(([k, x]) =>
      h(
        'tr',
        null,
        h('th', { scope: 'row', class: Array.isArray(v) ? 'kv-index' : 'kv-key' }, k),
        h(
          'td',
          null,
          !opts.revealSecrets && isSecretKey(k) && typeof x === 'string' && x !== ''
            ? maskedSecret()
            : renderValue(x, opts, depth + 1, seen),
        ),
      ),
    );
  seen.delete(v);
  if (entries.length > max) {
    rows.push(h('tr', null, h('td', { colspan: 2, class: 'more' }, t('moreItems', entries.length - max))));
  }
  return h('table', { class: Array.isArray(v) ? 'kv kv-array' : 'kv' }, h('tbody', null, rows));
}
