/** What a platform renderer hands the view: a synchronous head and progressive steps. */
import type { RelatedDoc, RenderContext } from '../../shared/protocol';

export interface Ctx {
  context: RenderContext;
  revealSecrets: boolean;
  /** Objects shown beside the task (e.g. a Livepeer task's assets), as the host sent them. */
  related?: readonly RelatedDoc[];
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
}

export type PlatformRenderer = (task: unknown, ctx: Ctx) => RenderPlan;
