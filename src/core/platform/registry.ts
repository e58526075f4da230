/** Builds the Platform for a connection kind; the one place that knows which kinds exist. */
import type { ConnectionConfig } from './connection';
import { HttpClient, type HttpClientOptions } from '../http/client';
import { LivepeerClient } from '../livepeer/client';
import { LivepeerPlatform } from '../livepeer/platform';
import type { Platform } from './platform';
import { ScaleClient } from '../scale/client';
import { ScalePlatform } from '../scale/platform';
import type { HttpTransport } from '../http/transport';

export interface PlatformOptions {
  readonly transport: HttpTransport;
  readonly apiKey: string;
  readonly onRetry?: HttpClientOptions['onRetry'];
  readonly authHint?: string;
}

export function createPlatform(connection: ConnectionConfig, options: PlatformOptions): Platform {
  const http = new HttpClient({
    baseUrl: connection.baseUrl,
    apiKey: options.apiKey,
    transport: options.transport,
    onRetry: options.onRetry,
    authHint: options.authHint,
  });
  switch (connection.kind) {
    case 'scale':
      return new ScalePlatform(new ScaleClient(http));
    case 'livepeer':
      return new LivepeerPlatform(new LivepeerClient(http));
  }
}
