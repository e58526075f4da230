/** Platform → renderer. Add a platform's dedicated view here; anything else is generic. */
import { renderGeneric } from './shell/generic';
import { renderLivepeer } from './livepeer/livepeerView';
import type { PlatformRenderer } from './shell/plan';
import { renderScale } from './scale/scaleView';

const RENDERERS: Readonly<Record<string, PlatformRenderer>> = {
  scale: renderScale,
  livepeer: renderLivepeer,
};

export function rendererFor(platform: string): PlatformRenderer {
  return Object.prototype.hasOwnProperty.call(RENDERERS, platform) ? RENDERERS[platform] : renderGeneric;
}
