import type { Child } from '../../shell/dom';
import type { Ctx } from '../../shell/plan';
import type { AnnotationV } from '../model';

export interface ValueView {
  node: Child;
  /** The renderer already showed `labels` (lined up with values); the row need not list them. */
  usesLabels?: boolean;
}

/** Renders an annotation's value for its type; `undefined` when the value does not fit the type. */
export type ValueRenderer = (a: AnnotationV, ctx: Ctx) => ValueView | undefined;
