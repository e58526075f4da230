/**
 * workspace_container annotations: config, stdout/stderr blocks, output files.
 * The workspace token is a credential: it is not put in the DOM unless secrets are revealed.
 */
import { h } from '../../shell/dom';
import { timeEl } from '../../shell/format';
import { kvView, maskedSecret } from '../../shell/kvtree';
import { isRec, own, sget, type Rec } from '../../shell/model';
import { isAllowedLinkUrl } from '../../../shared/links';
import { t, type StringKey } from '../../shell/strings';
import { foldIfLong } from '../../shell/widgets';
import type { Ctx } from '../../shell/plan';
import type { ValueRenderer } from './types';

const STREAMS: Array<[string, StringKey]> = [
  ['stdout_output', 'stdout'],
  ['stderr_output', 'stderr'],
  ['test_stdout_output', 'testStdout'],
  ['test_stderr_output', 'testStderr'],
];

const KNOWN = ['workspace_id', 'workspace_config', 'last_code_run_event', 'output_files', ...STREAMS.map(([k]) => k)];

function linkOrText(url: string | undefined): HTMLElement | null {
  if (url === undefined) return null;
  return isAllowedLinkUrl(url) ? h('a', { href: url, class: 'link', title: url }, url) : h('span', { class: 'url-text' }, url);
}

function stream(v: unknown, key: StringKey): HTMLElement | null {
  if (!isRec(v)) return null;
  const content = sget(v, 'content');
  const url = sget(v, 'url') ?? sget(v, 'scale_url');
  const stderr = key === 'stderr' || key === 'testStderr';
  return h(
    'div',
    { class: `stream${stderr ? ' stderr' : ''}` },
    h('div', { class: 'stream-head' }, h('span', { class: 'stream-name' }, t(key)), ' ', linkOrText(url)),
    content !== undefined ? foldIfLong(content, h('pre', { class: 'stream-body' }, content)) : null,
  );
}

function config(v: unknown, ctx: Ctx): HTMLElement | null {
  if (!isRec(v)) return null;
  const token = sget(v, 'workspace_token');
  const known = ['workspace_id', 'workspace_url', 'workspace_token', 'expires_at'];
  const rest: Rec = {};
  for (const k of Object.keys(v)) if (!known.includes(k)) rest[k] = v[k];
  const row = (label: string, value: Node | string | null) => h('tr', null, h('th', { scope: 'row' }, label), h('td', null, value));
  return h(
    'table',
    { class: 'kv workspace-config' },
    h(
      'tbody',
      null,
      own(v, 'workspace_url') !== undefined ? row(t('workspaceUrl'), linkOrText(sget(v, 'workspace_url'))) : null,
      token !== undefined
        ? row(t('workspaceToken'), ctx.revealSecrets ? h('code', { class: 'secret revealed' }, token) : maskedSecret())
        : null,
      own(v, 'expires_at') !== undefined ? row(t('expires'), timeEl(sget(v, 'expires_at')) ?? null) : null,
      Object.keys(rest).length > 0 ? row(t('otherFields'), kvView(rest, { revealSecrets: ctx.revealSecrets })) : null,
    ),
  );
}

function outputFile(f: unknown): HTMLElement {
  const name = sget(f, 'file_name') ?? sget(f, 'url') ?? sget(f, 'scale_url') ?? t('unnamed');
  const url = sget(f, 'url') ?? sget(f, 'scale_url');
  const lang = sget(f, 'file_language');
  const content = sget(f, 'file_content');
  return h(
    'li',
    { class: 'output-file' },
    url !== undefined && isAllowedLinkUrl(url)
      ? h('a', { href: url, class: 'link file-name', title: url }, name)
      : h('span', { class: 'file-name' }, name),
    lang !== undefined ? h('small', { class: 'file-meta' }, ` ${lang}`) : null,
    content !== undefined
      ? h('details', null, h('summary', null, name), h('pre', { class: 'stream-body', 'data-lang': lang }, content))
      : null,
  );
}

export const renderWorkspace: ValueRenderer = (a, ctx) => {
  if (!isRec(a.value)) return undefined;
  const v = a.value;
  const files = own(v, 'output_files');
  const lastRun = own(v, 'last_code_run_event');
  const cfg = own(v, 'workspace_config');
  const id = sget(v, 'workspace_id') ?? sget(cfg, 'workspace_id');
  const rest: Rec = {};
  for (const k of Object.keys(v)) if (!KNOWN.includes(k)) rest[k] = v[k];
  return {
    node: h(
      'div',
      { class: 'workspace' },
      id !== undefined ? h('div', { class: 'workspace-id' }, t('workspace', id)) : null,
      config(cfg, ctx),
      STREAMS.map(([k, label]) => stream(own(v, k), label)),
      Array.isArray(files) && files.length > 0
        ? h('div', { class: 'output-files' }, h('div', { class: 'sub-title' }, t('outputFiles')), h('ul', null, files.map(outputFile)))
        : null,
      lastRun !== undefined && lastRun !== null
        ? h('details', { class: 'last-run' }, h('summary', null, t('lastRun')), kvView(lastRun, { revealSecrets: ctx.revealSecrets }))
        : null,
      Object.keys(rest).length > 0
        ? h('details', { class: 'other-fields' }, h('summary', null, t('otherFields')), kvView(rest, { revealSecrets: ctx.revealSecrets }))
        : null,
    ),
  };
};
