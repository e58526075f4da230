/** Livepeer Studio for the registry: the facts the editor and the CLI share. */
import type { PlatformDescriptor } from '../platform/descriptor';
import { LivepeerClient } from './client';
import { LivepeerPlatform } from './platform';

export const LIVEPEER_PLATFORM: PlatformDescriptor<'livepeer', LivepeerClient> = {
  kind: 'livepeer',
  displayName: 'Livepeer Studio',
  summary: 'Video tasks: upload, export, transcode, clip',
  icon: 'device-camera-video',
  // The Studio API lives under /api; the root URL answers 404 for every path.
  defaultBaseUrl: 'https://livepeer.studio/api',
  keyEnvVar: 'LIVEPEER_API_KEY',
  baseUrlEnvVar: 'LIVEPEER_BASE_URL',
  apiPath: '/api',
  createClient: (http) => new LivepeerClient(http),
  createPlatform: (client) => new LivepeerPlatform(client),
};
