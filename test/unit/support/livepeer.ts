/** Livepeer clients wired to the in-process emulator's `/livepeer/api` base, with tiny retry delays. */
import type { HttpClientOptions } from '../../../src/core/http/client';
import { LivepeerClient } from '../../../src/core/livepeer/client';
import { LivepeerPlatform } from '../../../src/core/livepeer/platform';
import { LIVEPEER_PREFIX } from '../../emulator/livepeer/routes';
import type { Emulator } from '../../emulator/server';
import { testHttp } from './clients';

export const TASK_PATH = `${LIVEPEER_PREFIX}/task`;

export function livepeerBaseUrl(emulator: Emulator): string {
  return `${emulator.url}${LIVEPEER_PREFIX}`;
}

export function testLivepeer(emulator: Emulator, overrides: Partial<HttpClientOptions> = {}): LivepeerClient {
  return new LivepeerClient(testHttp(emulator, { baseUrl: livepeerBaseUrl(emulator), ...overrides }));
}

export function testLivepeerPlatform(emulator: Emulator, overrides: Partial<HttpClientOptions> = {}): LivepeerPlatform {
  return new LivepeerPlatform(testLivepeer(emulator, overrides));
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
