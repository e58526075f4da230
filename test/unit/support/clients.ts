/** Clients wired to an in-process emulator with tiny retry delays, for fast and deterministic tests. */
import { createFetchTransport } from '../../../src/core/http/fetchTransport';
import { HttpClient, type HttpClientOptions } from '../../../src/core/http/client';
import type { Sleep } from '../../../src/core/http/retry';
import { ScaleClient } from '../../../src/core/scale/client';
import type { HttpTransport } from '../../../src/core/http/transport';
import type { Emulator } from '../../emulator/server';

/** A sleep that returns at once but remembers what it was asked to wait. */
export function recordingSleep(): { sleep: Sleep; waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (ms, signal) => {
      waits.push(ms);
      if (signal?.aborted) throw signal.reason;
    },
  };
}

export function testHttp(emulator: Emulator, overrides: Partial<HttpClientOptions> = {}): HttpClient {
  return new HttpClient({
    timeoutMs: 10_000,
    transport: createFetchTransport(),
    ...overrides,
    baseUrl: overrides.baseUrl ?? emulator.url,
    apiKey: overrides.apiKey ?? emulator.apiKey,
    retry: { baseDelayMs: 1, maxDelayMs: 4, ...overrides.retry },
  });
}

export function testScale(emulator: Emulator, overrides: Partial<HttpClientOptions> = {}): ScaleClient {
  return new ScaleClient(testHttp(emulator, overrides));
}

/** A transport that answers every request with one canned response, recording the requests. */
export function cannedTransport(
  status: number,
  body: string,
  headers: Record<string, string> = {},
): HttpTransport & { requests: Array<{ url: string; headers: Readonly<Record<string, string>> }> } {
  const requests: Array<{ url: string; headers: Readonly<Record<string, string>> }> = [];
  return {
    name: 'canned',
    requests,
    async request(request) {
      requests.push({ url: request.url, headers: request.headers });
      return {
        status,
        header: (name) => headers[name.toLowerCase()] ?? null,
        text: async () => body,
        discard: async () => undefined,
      };
    },
    async close() {},
  };
}
