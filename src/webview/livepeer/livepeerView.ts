/**
 * The Livepeer Studio task view (reference §3–§4): header with type, phase and id; the error (or the
 * last error before a retry) right under it; a progress bar while running; the timeline; `params`
 * and `output` laid out per type; the input/output assets the host sent as `related`, as cards;
 * anything else under its wire name. Small, so it renders in one synchronous head.
 */
import { h } from '../shell/dom';
import { isRec } from '../shell/model';
import type { Ctx, PlatformRenderer } from '../shell/plan';
import { lt } from './strings';
import { otherFields, readLpTask, renderLivepeerHeader, renderProgress, renderStatusCallout, renderTimeline, type LpTask } from './header';
import { renderParams } from './params';
import { renderOutput } from './output';
import { renderAssets } from './assets';
import { folded } from './widgets';
import { callout } from '../shell/widgets';

type Section = (task: LpTask, ctx: Ctx) => Node | null;

const SECTIONS: ReadonlyArray<[string, Section]> = [
  ['stuck', (_task, ctx) => (ctx.context.stuck ? callout('warning', lt('stuck'), lt('stuckHint')) : null)],
  ['status', (task) => renderStatusCallout(task)],
  ['progress', (task) => renderProgress(task)],
  ['timeline', (task) => renderTimeline(task)],
  ['params', renderParams],
  ['output', renderOutput],
  ['assets', (_task, ctx) => renderAssets(ctx)],
  [
    'other',
    (task, ctx) => {
      const other = otherFields(task);
      return other ? h('section', { class: 'lp-section lp-other' }, folded(lt('otherFields'), other, ctx)) : null;
    },
  ],
];

export const renderLivepeer: PlatformRenderer = (raw: unknown, ctx: Ctx) => {
  // Not a task object at all: the generic view shows whatever it is.
  if (!isRec(raw)) throw new Error('not a Livepeer task');
  const task = readLpTask(raw);
  const head: Node[] = [renderLivepeerHeader(task, ctx)];
  for (const [name, section] of SECTIONS) {
    try {
      const node = section(task, ctx);
      if (node) head.push(node);
    } catch (e) {
      // A renderer bug costs one section, not the page.
      head.push(callout('error', `${lt('sectionFailed')} (${name})`, String(e)));
    }
  }
  return { taskId: task.id, head: [h('div', { class: 'lp-view' }, head)] };
};
