/** Scale GenAI v2 for the registry: the facts the editor and the CLI share. */
import type { PlatformDescriptor } from '../platform/descriptor';
import { ScaleClient } from './client';
import { ScalePlatform } from './platform';

export const SCALE_PLATFORM: PlatformDescriptor<'scale', ScaleClient> = {
  kind: 'scale',
  displayName: 'Scale GenAI',
  summary: 'API v2: projects, batches, tasks, deliveries',
  icon: 'cloud',
  defaultBaseUrl: 'https://api.scale.com',
  keyEnvVar: 'SCALE_API_KEY',
  baseUrlEnvVar: 'SCALE_BASE_URL',
  createClient: (http) => new ScaleClient(http),
  createPlatform: (client) => new ScalePlatform(client),
};
