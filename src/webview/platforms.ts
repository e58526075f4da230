/** Platform → renderer. Add a platform's dedicated view here; anything else is generic. */
import { renderGeneric } from './generic';
import { renderLivepeer } from './livepeer';
import type { PlatformRenderer } from './plan';
import { renderScale } from './scale';

const RENDERERS: Readonly<Record<string, PlatformRenderer>> = {
  scale: renderScale,
  livepeer: renderLivepeer,
};

export function rendererFor(platform: string): PlatformRenderer {
  return Object.prototype.hasOwnProperty.call(RENDERERS, platform) ? RENDERERS[platform] : renderGeneric;
}
