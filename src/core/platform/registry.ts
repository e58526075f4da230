/**
 * The platforms Task Lens knows: the one list the editor and the CLI read. Adding a platform is a
 * folder under src/core with a descriptor, and one entry here.
 */
import { HttpClient, type HttpClientOptions } from '../http/client';
import type { HttpTransport } from '../http/transport';
import { LIVEPEER_PLATFORM } from '../livepeer/descriptor';
import { SCALE_PLATFORM } from '../scale/descriptor';
import { missingApiPathHint } from './baseUrlHint';
import type { ConnectionConfig } from './connection';
import type { PlatformDescriptor } from './descriptor';
import type { Platform } from './platform';

export const PLATFORMS = [SCALE_PLATFORM, LIVEPEER_PLATFORM] as const;

export type ConnectionKind = (typeof PLATFORMS)[number]['kind'];

export function descriptorFor(kind: ConnectionKind): PlatformDescriptor {
  const found = PLATFORMS.find((p) => p.kind === kind);
  if (!found) throw new Error(`Unknown platform kind “${kind}”.`);
  return found;
}

export interface PlatformOptions {
  readonly transport: HttpTransport;
  readonly apiKey: string;
  readonly onRetry?: HttpClientOptions['onRetry'];
  readonly authHint?: string;
}

export function createPlatform(connection: ConnectionConfig, options: PlatformOptions): Platform {
  const descriptor = descriptorFor(connection.kind);
  const http = new HttpClient({
    baseUrl: connection.baseUrl,
    apiKey: options.apiKey,
    transport: options.transport,
    onRetry: options.onRetry,
    authHint: options.authHint,
    notFoundHint: missingApiPathHint(descriptor, connection.baseUrl),
  });
  return descriptor.createPlatform(descriptor.createClient(http));
}
