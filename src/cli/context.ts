/**
 * What every CLI command gets: output streams, environment, cancellation, and platform clients
 * built on demand over the undici transport (the CLI's networking: keep-alive, proxy variables).
 */
import type { Writable } from 'node:stream';
import { HttpClient, type RetryEvent } from '../core/http/client';
import { DEFAULT_LIVEPEER_BASE_URL, LivepeerClient } from '../core/livepeer/client';
import { ScaleClient } from '../core/scale/client';
import type { HttpTransport } from '../core/http/transport';
import { createUndiciTransport } from '../core/http/undiciTransport';
import { ConfigError, UsageError } from './errors';
import { JsonOutput } from './output';

export interface CliIO {
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env: NodeJS.ProcessEnv;
  /** Aborted on Ctrl-C; every request is cancelled with it. */
  readonly signal: AbortSignal;
}

/** Options every command inherits from the program (`--base-url`, `--timeout`). */
export interface GlobalOptions {
  readonly baseUrl?: string;
  readonly timeout?: number;
}

export const DEFAULT_SCALE_BASE_URL = 'https://api.scale.com';
export const SCALE_KEY_VARIABLE = 'SCALE_API_KEY';
export const LIVEPEER_KEY_VARIABLE = 'LIVEPEER_API_KEY';

export class CliContext {
  readonly out: JsonOutput;
  private transport: HttpTransport | undefined;

  constructor(readonly io: CliIO) {
    this.out = new JsonOutput(io.stdout);
  }

  get call(): { signal: AbortSignal } {
    return { signal: this.io.signal };
  }

  /** A Scale client for the global options; fails with a clear message when no key is set. */
  scale(options: GlobalOptions): ScaleClient {
    const apiKey = this.io.env[SCALE_KEY_VARIABLE]?.trim();
    if (!apiKey) {
      throw new ConfigError(
        `${SCALE_KEY_VARIABLE} is not set — export ${SCALE_KEY_VARIABLE}=<your Scale API key> and run the command again.`,
      );
    }
    const baseUrl = options.baseUrl ?? this.io.env.SCALE_BASE_URL ?? DEFAULT_SCALE_BASE_URL;
    this.transport ??= createUndiciTransport({ env: this.io.env });
    let http: HttpClient;
    try {
      http = new HttpClient({
        baseUrl,
        apiKey,
        transport: this.transport,
        timeoutMs: options.timeout,
        authHint: `check the key in ${SCALE_KEY_VARIABLE}`,
        onRetry: this.showRetry,
      });
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    return new ScaleClient(http);
  }

  /** A Livepeer Studio client: key from LIVEPEER_API_KEY; base URL from --base-url, LIVEPEER_BASE_URL or the public API. */
  livepeer(options: GlobalOptions): LivepeerClient {
    const apiKey = this.io.env[LIVEPEER_KEY_VARIABLE]?.trim();
    if (!apiKey) {
      throw new ConfigError(
        `${LIVEPEER_KEY_VARIABLE} is not set — export ${LIVEPEER_KEY_VARIABLE}=<your Livepeer Studio API key> and run the command again.`,
      );
    }
    const baseUrl = options.baseUrl ?? this.io.env.LIVEPEER_BASE_URL ?? DEFAULT_LIVEPEER_BASE_URL;
    this.transport ??= createUndiciTransport({ env: this.io.env });
    try {
      return new LivepeerClient(
        new HttpClient({
          baseUrl,
          apiKey,
          transport: this.transport,
          timeoutMs: options.timeout,
          authHint: `check the key in ${LIVEPEER_KEY_VARIABLE}`,
          onRetry: this.showRetry,
        }),
      );
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
  }

  /** Every retry is visible: one line on stderr (never the query string, which may hold names). */
  private readonly showRetry = (event: RetryEvent): void => {
    const seconds = event.delayMs < 1_000 ? (event.delayMs / 1000).toFixed(1) : String(Math.round(event.delayMs / 1000));
    this.io.stderr.write(`retrying ${event.endpoint.method} ${event.endpoint.path} in ${seconds} s: ${event.reason}\n`);
  };

  /** Releases pooled connections so the process can exit at once. */
  async close(): Promise<void> {
    await this.transport?.close().catch(() => undefined);
  }
}
