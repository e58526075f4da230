/**
 * Top of a Livepeer task: type and phase, id (click to copy), a few facts; the error (failed) or
 * last error (waiting for a retry) as a callout; a progress bar while running; the timeline
 * created → scheduled → updated.
 */
import { h, type Child } from '../shell/dom';
import { taskIdButton } from '../shell/chips';
import { formatNumber } from '../../shared/format';
import { isRec, num, own, rec, sget, str, type Rec } from '../shell/model';
import type { Ctx } from '../shell/plan';
import { lt, type LivepeerStringKey } from './strings';
import { percent } from '../../shared/format';
import { codeVal, facts, formatElapsed, msTime, phaseChip, progressBar } from './widgets';
import { callout, chip } from '../shell/widgets';
import type { KnownTaskType } from '../../core/livepeer/types';

export interface LpTask {
  raw: Rec;
  id?: string;
  type?: string;
  status: Rec;
  phase?: string;
}

export function readLpTask(raw: unknown): LpTask {
  const r = rec(raw);
  const status = rec(own(r, 'status'));
  return { raw: r, id: sget(r, 'id'), type: str(own(r, 'type')), status, phase: str(own(status, 'phase')) };
}

const TYPE_LABEL = {
  upload: 'typeUpload',
  import: 'typeImport',
  export: 'typeExport',
  'export-data': 'typeExportData',
  transcode: 'typeTranscode',
  'transcode-file': 'typeTranscodeFile',
  clip: 'typeClip',
} satisfies Record<KnownTaskType, LivepeerStringKey>;

const LEGACY_TYPES = new Set<string>(['import', 'transcode'] satisfies KnownTaskType[]);

export function isKnownType(type: string | undefined): type is KnownTaskType {
  return type !== undefined && Object.prototype.hasOwnProperty.call(TYPE_LABEL, type);
}

/** The readable name of a task type; an unknown type is shown as itself. */
export function typeLabel(type: string | undefined): string {
  if (type === undefined) return lt('noType');
  return isKnownType(type) ? lt(TYPE_LABEL[type]) : type;
}

function typeBadges(type: string | undefined): Child[] {
  const label = typeLabel(type);
  const out: Child[] = [];
  if (type !== undefined && label.toLowerCase() !== type)
    out.push(h('code', { class: 'lp-type-wire muted', title: lt('taskType', type) }, type));
  if (type !== undefined && LEGACY_TYPES.has(type)) out.push(chip(lt('legacy'), 'lp-legacy', lt('legacyHint')));
  if (type !== undefined && !isKnownType(type)) out.push(chip(lt('unknownType'), 'lp-unknown-type', lt('unknownTypeHint')));
  return out;
}

/** Asset ids the `related` cards already show, so the facts list does not repeat them. */
function shownAssetIds(ctx: Ctx): Set<string> {
  return new Set((ctx.related ?? []).map((r) => r.id));
}

/** Retries so far, when no callout shows them (a running or waiting task that retried). */
function retriesFact(task: LpTask): [string, Child | undefined] | null {
  const retries = num(own(task.status, 'retries'));
  const message = own(task.status, 'errorMessage');
  if (retries === undefined || retries <= 0 || task.phase === 'failed' || (message !== undefined && message !== null)) return null;
  return [lt('retriesFact'), h('span', { class: 'kv-number lp-retries-fact' }, formatNumber(retries))];
}

export function renderLivepeerHeader(task: LpTask, ctx: Ctx): HTMLElement {
  const r = task.raw;
  const shown = shownAssetIds(ctx);
  const idFact = (key: string, label: string): [string, Child | undefined] | null => {
    const id = sget(r, key);
    return id !== undefined && !shown.has(id) ? [label, codeVal(id, label)] : null;
  };
  return h(
    'header',
    { class: 'task-header lp-header' },
    h(
      'div',
      { class: 'title-row' },
      h('h1', { class: 'lp-type', title: task.type !== undefined ? lt('taskType', task.type) : undefined }, typeLabel(task.type)),
      typeBadges(task.type),
      phaseChip(task.phase),
      taskIdButton(task.id),
    ),
    facts([
      idFact('inputAssetId', lt('inputAsset')),
      idFact('outputAssetId', lt('outputAsset')),
      idFact('projectId', lt('project')),
      idFact('requesterId', lt('requester')),
      retriesFact(task),
    ]),
  );
}

/** The failure (or the last error while a retry waits) right under the header. */
export function renderStatusCallout(task: LpTask): HTMLElement | null {
  const message = own(task.status, 'errorMessage');
  const retries = num(own(task.status, 'retries'));
  const failed = task.phase === 'failed';
  if (!failed && (message === undefined || message === null)) return null;
  const text = str(message);
  const body: Child[] = [
    h('span', { class: 'pre-wrap lp-error-message' }, text !== undefined && text !== '' ? text : lt('noErrorMessage')),
    retries !== undefined ? h('div', { class: 'lp-retries' }, lt('retries', formatNumber(retries))) : null,
  ];
  if (failed) return callout('error', lt('failed'), body);
  return callout('warning', task.phase === 'waiting' ? lt('retrying') : lt('lastError'), body);
}

/** A progress bar while running (indeterminate when no progress was reported yet). */
export function renderProgress(task: LpTask): HTMLElement | null {
  const progress = num(own(task.status, 'progress'));
  const terminal = task.phase === 'completed' || task.phase === 'failed' || task.phase === 'cancelled';
  if (task.phase !== 'running' && (progress === undefined || terminal)) return null;
  return h(
    'div',
    { class: 'lp-progress' },
    h('span', { class: 'lp-progress-label muted' }, lt('progress')),
    progressBar(progress, lt('progressLabel')),
    h('span', { class: 'lp-progress-value', role: 'status' }, progress !== undefined ? percent(progress) : lt('progressUnknown')),
  );
}

function step(cls: string, label: string, value: Child, note?: string): HTMLElement {
  return h(
    'li',
    { class: `lp-step ${cls}` },
    h('span', { class: 'lp-step-label' }, label),
    ' ',
    value,
    note ? h('small', { class: 'lp-step-note muted' }, ` ${note}`) : null,
  );
}

function gap(from: number | undefined, to: number | undefined): string | undefined {
  return from !== undefined && to !== undefined && to >= from ? lt('after', formatElapsed(to - from)) : undefined;
}

/** created → scheduled → updated, relative times with the exact UTC time on hover. */
export function renderTimeline(task: LpTask): HTMLElement | null {
  const r = task.raw;
  const createdRaw = own(r, 'createdAt');
  const scheduledRaw = own(r, 'scheduledAt');
  const updatedRaw = own(task.status, 'updatedAt');
  if (createdRaw === undefined && scheduledRaw === undefined && updatedRaw === undefined) return null;
  const created = num(createdRaw);
  const scheduled = num(scheduledRaw);
  const updated = num(updatedRaw);
  return h(
    'section',
    { class: 'lp-timeline-section', 'aria-label': lt('timeline') },
    h(
      'ol',
      { class: 'lp-timeline' },
      step('lp-step-created', lt('created'), msTime(createdRaw) ?? h('span', { class: 'muted' }, '—')),
      step(
        `lp-step-scheduled${scheduledRaw === undefined ? ' lp-step-future' : ''}`,
        lt('scheduled'),
        msTime(scheduledRaw) ?? h('span', { class: 'muted' }, lt('notScheduled')),
        gap(created, scheduled),
      ),
      updatedRaw !== undefined
        ? step('lp-step-updated', lt('updated'), [msTime(updatedRaw), ' ', phaseChip(task.phase)], gap(scheduled ?? created, updated))
        : null,
    ),
  );
}

/** Top-level fields (and status fields) no section shows, under their wire names. */
export const KNOWN_TOP = new Set([
  'id',
  'type',
  'createdAt',
  'scheduledAt',
  'inputAssetId',
  'outputAssetId',
  'projectId',
  'requesterId',
  'params',
  'status',
  'output',
  'clip',
]);
export const KNOWN_STATUS = new Set(['phase', 'updatedAt', 'progress', 'errorMessage', 'retries']);

export function otherFields(task: LpTask): Rec | undefined {
  const out: Rec = {};
  for (const k of Object.keys(task.raw)) if (!KNOWN_TOP.has(k) && task.raw[k] !== undefined) out[k] = task.raw[k];
  const statusRaw = own(task.raw, 'status');
  if (statusRaw !== undefined && !isRec(statusRaw)) out.status = statusRaw;
  for (const k of Object.keys(task.status)) if (!KNOWN_STATUS.has(k) && task.status[k] !== undefined) out[`status.${k}`] = task.status[k];
  return Object.keys(out).length > 0 ? out : undefined;
}
