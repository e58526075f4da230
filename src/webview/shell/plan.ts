/** What a platform renderer hands the view: a synchronous head and progressive steps. */
import type { RelatedDoc, RenderContext } from '../../shared/protocol';

export interface Ctx {
  context: RenderContext;
  revealSecrets: boolean;
  /** Objects shown beside the task (e.g. a Livepeer task's assets), as the host sent them. */
  related?: readonly RelatedDoc[];
  /**
   * Runs `fn` later, in the view's time slices: a renderer splits a large step with it (the
   * 2,000 annotations of one message render 100 at a time). Absent: run at once.
   */
  defer?: (fn: () => void) => void;
}

/** The page's own search over everything a task holds, rendered or not (see shell/pageSearch.ts). */
export interface Searchable {
  /** Number of searchable units (turns, across every thread). */
  count: number;
  /** Lower-cased text of unit `i`. */
  textOf(i: number): string;
  /** Shows unit `i` (its tab, its card) and returns the card. */
  reveal(i: number): HTMLElement | undefined;
}

export interface RenderPlan {
  /** Task id, for the toolbar's copy and the webview state. */
  taskId?: string;
  /** Nodes rendered synchronously, in order (header, summary, section shells). */
  head: Node[];
  /** Each step appends one unit of content (a turn card); run progressively. */
  steps?: Iterator<unknown>;
  /** Number of steps, for the progress line. */
  total?: number;
  /** Search across units that may not be in the DOM (virtualised turns). */
  search?: Searchable;
  /** Called when the view replaces this render (virtual lists drop their listeners). */
  dispose?: () => void;
}

export type PlatformRenderer = (task: unknown, ctx: Ctx) => RenderPlan;
