/**
 * "Compare two candidates" under a turn's candidate columns: pick any two (default: the preferred
 * one and the runner-up), see a word-level diff inline or side by side, or open VS Code's own diff
 * editor on the two texts. Built with the DOM helper only: diff segments become text nodes in
 * `ins`/`del` elements, never markup.
 */
import { COMPARE_MAX_CHARS } from '../../shared/protocol';
import { h, icon } from '../shell/dom';
import { t } from '../shell/strings';
import { postMessages } from '../shell/widgets';
import { wordDiff, type Segment, type WordDiff } from './diff';
import type { MessageV } from './model';

let nextId = 0;

/** Candidate indexes in ranking order (`order` lists source ids best first); unranked ones follow. */
export function defaultPair(candidates: MessageV[], order: readonly string[]): [number, number] {
  const rank = (m: MessageV) => {
    const i = m.sourceId !== undefined ? order.indexOf(m.sourceId) : -1;
    return i === -1 ? Number.MAX_SAFE_INTEGER : i;
  };
  const byRank = candidates.map((_, i) => i).sort((x, y) => rank(candidates[x]) - rank(candidates[y]) || x - y);
  return [byRank[0] ?? 0, byRank[1] ?? 1];
}

function segmentNode(s: Segment): Node {
  if (s.kind === 'add') return h('ins', { class: 'diff-add' }, s.text);
  if (s.kind === 'del') return h('del', { class: 'diff-del' }, s.text);
  return h('span', null, s.text);
}

function inline(d: WordDiff): HTMLElement {
  return h('div', { class: 'diff-inline pre-wrap' }, d.segments.map(segmentNode));
}

function sideBySide(d: WordDiff, labels: [string, string]): HTMLElement {
  const column = (side: 'a' | 'b') =>
    h(
      'div',
      { class: 'diff-side pre-wrap', role: 'group', 'aria-label': labels[side === 'a' ? 0 : 1] },
      h('div', { class: 'diff-side-label' }, labels[side === 'a' ? 0 : 1]),
      d.segments.filter((s) => s.kind === 'same' || s.kind === (side === 'a' ? 'del' : 'add')).map(segmentNode),
    );
  return h('div', { class: 'diff-columns' }, column('a'), column('b'));
}

export function renderCompare(
  candidates: MessageV[],
  order: readonly string[],
  nameOf: (m: MessageV) => string = (m) => m.sourceId ?? '',
): HTMLElement {
  const id = `cmp-${nextId++}`;
  const labelOf = (m: MessageV, i: number) => nameOf(m) || t('candidateN', i + 1);
  const [a0, b0] = defaultPair(candidates, order);
  const select = (which: 'a' | 'b', chosen: number) =>
    h(
      'select',
      { id: `${id}-${which}`, class: `compare-${which}` },
      candidates.map((m, i) => h('option', { value: i, selected: i === chosen }, labelOf(m, i))),
    );
  const selA = select('a', a0);
  const selB = select('b', b0);
  const modeButton = (mode: 'inline' | 'side', label: string) =>
    h(
      'button',
      { type: 'button', class: 'tool compare-mode', 'data-mode': mode, 'aria-pressed': mode === 'inline' ? 'true' : 'false' },
      label,
    );
  const inlineBtn = modeButton('inline', t('diffInline'));
  const sideBtn = modeButton('side', t('diffSideBySide'));
  const editorBtn = h(
    'button',
    { type: 'button', class: 'tool compare-editor', 'data-action': 'post' },
    icon('diff'),
    h('span', null, t('compareInDiffEditor')),
  );
  const view = h('div', { class: 'diff-view' });
  const status = h('div', { class: 'diff-status muted', role: 'status' });
  let mode: 'inline' | 'side' = 'inline';

  const pair = (): [MessageV, MessageV, [string, string]] => {
    const a = Number(selA.value) || 0;
    const b = Number(selB.value) || 0;
    return [candidates[a], candidates[b], [labelOf(candidates[a], a), labelOf(candidates[b], b)]];
  };
  const draw = () => {
    const [a, b, labels] = pair();
    const d = wordDiff(a.text ?? '', b.text ?? '');
    view.replaceChildren(mode === 'inline' ? inline(d) : sideBySide(d, labels));
    const added = d.segments.filter((s) => s.kind === 'add').length;
    const removed = d.segments.filter((s) => s.kind === 'del').length;
    status.textContent = t(d.byLines ? 'diffSummaryLines' : 'diffSummary', labels[0], labels[1], removed, added);
  };
  postMessages.set(editorBtn, () => {
    const [a, b, labels] = pair();
    const side = (label: string, text: string | undefined) => ({
      label: label.slice(0, 1_000),
      text: (text ?? '').slice(0, COMPARE_MAX_CHARS),
    });
    return { type: 'compare', left: side(labels[0], a.text), right: side(labels[1], b.text) };
  });
  for (const btn of [inlineBtn, sideBtn]) {
    btn.addEventListener('click', () => {
      mode = btn.getAttribute('data-mode') === 'side' ? 'side' : 'inline';
      inlineBtn.setAttribute('aria-pressed', String(mode === 'inline'));
      sideBtn.setAttribute('aria-pressed', String(mode === 'side'));
      draw();
    });
  }
  selA.addEventListener('change', draw);
  selB.addEventListener('change', draw);
  const box = h(
    'details',
    { class: 'compare' },
    h('summary', null, icon('diff'), ' ', t('compareCandidates')),
    h(
      'div',
      { class: 'compare-controls' },
      h('label', { for: selA.id }, t('compareA')),
      selA,
      h('label', { for: selB.id }, t('compareB')),
      selB,
      h('span', { class: 'compare-modes', role: 'group', 'aria-label': t('diffMode') }, inlineBtn, sideBtn),
      editorBtn,
    ),
    status,
    view,
  );
  // The diff is computed when the reader opens the fold, not for every turn rendered.
  box.addEventListener('toggle', () => {
    if (box.open) draw();
  });
  return box;
}
