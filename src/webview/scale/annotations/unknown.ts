/** Annotation types this view does not know (the platform keeps adding them): key/value view. */
import { kvView } from '../../shell/kvtree';
import type { ValueRenderer } from './types';

export const renderUnknown: ValueRenderer = (a, ctx) => ({
  node: kvView(a.value, { revealSecrets: ctx.revealSecrets }),
});
