/**
 * What every CLI command gets: output streams, environment, cancellation, and platform clients
 * built on demand over the undici transport (the CLI's networking: keep-alive, proxy variables).
 */
import type { Writable } from 'node:stream';
import { apiKeyProblem } from '../core/http/apiKey';
import { cleartextWarning } from '../core/http/cleartext';
import { displayText } from '../shared/displayText';
import { HttpClient, type RetryEvent } from '../core/http/client';
import type { LivepeerClient } from '../core/livepeer/client';
import { LIVEPEER_PLATFORM } from '../core/livepeer/descriptor';
import type { PlatformDescriptor } from '../core/platform/descriptor';
import type { ScaleClient } from '../core/scale/client';
import { SCALE_PLATFORM } from '../core/scale/descriptor';
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
  /** Keep credentials such as `workspace_token` in what is printed and downloaded. */
  readonly keepSecrets?: boolean;
}

export class CliContext {
  readonly out: JsonOutput;
  private transport: HttpTransport | undefined;
  private warnedCleartext = false;

  constructor(readonly io: CliIO) {
    this.out = new JsonOutput(io.stdout);
  }

  get call(): { signal: AbortSignal } {
    return { signal: this.io.signal };
  }

  /** A Scale client for the global options; fails with a clear message when no key is set. */
  scale(options: GlobalOptions): ScaleClient {
    return this.client(SCALE_PLATFORM, options);
  }

  /** A Livepeer Studio client for the global options. */
  livepeer(options: GlobalOptions): LivepeerClient {
    return this.client(LIVEPEER_PLATFORM, options);
  }

  /**
   * A platform's client: the key from its environment variable, the base URL from --base-url, its
   * base-URL variable or the platform's public API.
   */
  client<C>(platform: PlatformDescriptor<string, C>, options: GlobalOptions): C {
    const variable = platform.keyEnvVar;
    const apiKey = this.io.env[variable]?.trim();
    if (!apiKey) {
      throw new ConfigError(
        `${variable} is not set — export ${variable}=<your ${platform.displayName} API key> and run the command again.`,
      );
    }
    checkKey(apiKey, variable);
    const baseUrl = options.baseUrl ?? this.io.env[platform.baseUrlEnvVar] ?? platform.defaultBaseUrl;
    this.warnCleartext(baseUrl);
    this.transport ??= createUndiciTransport({ env: this.io.env });
    let http: HttpClient;
    try {
      http = new HttpClient({
        baseUrl,
        apiKey,
        transport: this.transport,
        timeoutMs: options.timeout,
        authHint: `check the key in ${variable}`,
        onRetry: this.showRetry,
      });
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    return platform.createClient(http);
  }

  /** Once per run: an http:// base URL that is not this machine sends the key in clear. */
  private warnCleartext(baseUrl: string): void {
    const warning = cleartextWarning(baseUrl);
    if (warning === undefined || this.warnedCleartext) return;
    this.warnedCleartext = true;
    this.io.stderr.write(`task-lens: warning: ${displayText(warning)}\n`);
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

/** A key a header cannot carry would be refused by the transport; say which character, up front. */
function checkKey(apiKey: string, variable: string): void {
  const problem = apiKeyProblem(apiKey, variable);
  if (problem) throw new ConfigError(problem);
}
