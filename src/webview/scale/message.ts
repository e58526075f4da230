/**
 * One message: role badge, source_id, text as markdown (folded when long), then model
 * parameters, reasoning, reference texts, attachments, chunks, rubric evaluations, annotations.
 * System messages fold to one line.
 */
import { renderAnnotations } from './annotations';
import { h, icon } from '../shell/dom';
import { fileChips } from './files';
import { renderMarkdown } from '../shell/markdown';
import { chunks, modelParameters, reasoning, referenceTexts } from './messageParts';
import type { Ctx } from '../shell/plan';
import { rubricEvaluation } from './rubrics';
import type { CriterionDefV, MessageV } from './model';
import { t } from '../shell/strings';
import { chip, copyButton, foldIfLong } from '../shell/widgets';

const KNOWN_ROLES = new Set(['system', 'user', 'assistant', 'function']);

export interface MessageOptions {
  ctx: Ctx;
  defs: Map<string, CriterionDefV>;
  maxScore?: number;
  preferred?: 'yes' | 'tie';
  /** Blind review: no source_id, model parameters, rubric scores or annotations. */
  blind?: boolean;
}

export function roleClass(role: string | undefined): string {
  return role !== undefined && KNOWN_ROLES.has(role) ? `role-${role}` : 'role-other';
}

export function roleBadge(role: string | undefined): HTMLElement {
  return h('span', { class: `role-badge ${roleClass(role)}` }, role ?? t('noRole'));
}

function body(m: MessageV, o: MessageOptions): HTMLElement {
  const hasExtras =
    m.referenceTexts.length +
      m.attachments.length +
      m.chunks.length +
      m.reasoning.length +
      m.annotations.length +
      m.rubricEvaluations.length >
    0;
  return h(
    'div',
    { class: 'message-body' },
    m.text !== undefined && m.text !== ''
      ? foldIfLong(m.text, renderMarkdown(m.text, 'message-text'))
      : hasExtras
        ? null
        : h('p', { class: 'muted' }, t('noText')),
    o.blind ? null : modelParameters(m.modelParameters),
    reasoning(m.reasoning),
    referenceTexts(m.referenceTexts),
    m.attachments.length > 0
      ? h('div', { class: 'attachments' }, h('div', { class: 'sub-title' }, t('attachments')), fileChips(m.attachments))
      : null,
    chunks(m.chunks, o.ctx),
    o.blind ? null : m.rubricEvaluations.map((e) => rubricEvaluation(e, o.defs, o.maxScore, o.ctx)),
    renderAnnotations(m.annotations, o.ctx),
  );
}

function head(m: MessageV, o: MessageOptions): HTMLElement {
  return h(
    'div',
    { class: 'message-head' },
    roleBadge(m.role),
    m.sourceId !== undefined && !o.blind ? h('code', { class: 'source-id', title: m.sourceId }, m.sourceId) : null,
    o.preferred && !o.blind
      ? chip([icon('star-full'), ' ', t(o.preferred === 'tie' ? 'preferredTie' : 'preferred')], 'preferred-badge')
      : null,
    h('span', { class: 'spacer' }),
    m.text !== undefined && m.text !== '' ? copyButton(m.text, t('copyText')) : null,
  );
}

export function renderMessage(m: MessageV, o: MessageOptions): HTMLElement {
  const cls = `message ${roleClass(m.role)}${o.preferred ? ' preferred' : ''}`;
  if (m.role === 'system') {
    const firstLine = (m.text ?? '').split('\n', 1)[0].slice(0, 160);
    return h(
      'details',
      { class: cls },
      h(
        'summary',
        { class: 'message-head' },
        roleBadge(m.role),
        m.sourceId !== undefined && m.sourceId !== 'system' && !o.blind ? h('code', { class: 'source-id' }, m.sourceId) : null,
        h('span', { class: 'first-line' }, firstLine),
      ),
      body(m, o),
    );
  }
  return h('article', { class: cls }, head(m, o), body(m, o));
}
