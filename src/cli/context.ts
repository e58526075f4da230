/**
 * What every CLI command gets: output streams, environment, cancellation, how chatty to be, and
 * platform clients built on demand over the undici transport (the CLI's networking: keep-alive,
 * proxy variables), from the flags or a named connection.
 */
import { Writable } from 'node:stream';
import { apiKeyProblem } from '../core/http/apiKey';
import { cleartextWarning } from '../core/http/cleartext';
import { displayText } from '../shared/displayText';
import { hideUrlCredentials } from '../shared/hideCredentials';
import { HttpClient, type RetryEvent } from '../core/http/client';
import { retryText } from '../core/http/retryText';
import type { LivepeerClient } from '../core/livepeer/client';
import { LIVEPEER_PLATFORM } from '../core/livepeer/descriptor';
import { missingApiPathHint } from '../core/platform/baseUrlHint';
import type { ConnectionConfig } from '../core/platform/connection';
import type { PlatformDescriptor } from '../core/platform/descriptor';
import type { ScaleClient } from '../core/scale/client';
import { SCALE_PLATFORM } from '../core/scale/descriptor';
import type { HttpTransport } from '../core/http/transport';
import { createUndiciTransport } from '../core/http/undiciTransport';
import { colorEnabled, painter, type Paint } from './color';
import { findConnection } from './connections';
import { ConfigError, UsageError } from './errors';
import { JsonOutput, type OutputFormat } from './output';
import { loggingTransport } from './requestLog';

export interface CliIO {
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env: NodeJS.ProcessEnv;
  /** Aborted on Ctrl-C; every request is cancelled with it. */
  readonly signal: AbortSignal;
}

/** Options every command inherits from the program. */
export interface GlobalOptions {
  readonly baseUrl?: string;
  readonly timeout?: number;
  /** Keep credentials such as `workspace_token` in what is printed and downloaded. */
  readonly keepSecrets?: boolean;
  /** Only errors and warnings on stderr: no progress, no retry notices. */
  readonly quiet?: boolean;
  /** A request log on stderr (never the key). */
  readonly verbose?: boolean;
  /** Send a --status/--phase/--type value Task Lens does not know, with a warning. */
  readonly allowUnknown?: boolean;
  /** A connection from the connections file. */
  readonly connection?: string;
  /** A list command's `--format`. */
  readonly format?: OutputFormat;
}

/** A stream that drops what it is given (stderr under --quiet). */
const discard = (): Writable =>
  new Writable({
    write(_chunk, _encoding, callback) {
      callback();
    },
  });

export class CliContext {
  readonly out: JsonOutput;
  private transport: HttpTransport | undefined;
  private warnedCleartext = false;
  private options: GlobalOptions = {};
  private readonly silent = discard();

  constructor(readonly io: CliIO) {
    this.out = new JsonOutput(io.stdout);
  }

  get call(): { signal: AbortSignal } {
    return { signal: this.io.signal };
  }

  /**
   * Applies the flags of the command about to run (called once, before its action): how chatty
   * stderr is, and whether lists are JSON Lines or a table. Commands that print lists (those with
   * `--format json|table`) default to a table on a terminal; the rest always print JSON.
   */
  configure(options: GlobalOptions, printsLists: boolean): void {
    this.options = options;
    const stdout = this.io.stdout as Writable & { isTTY?: boolean; columns?: number };
    const format = options.format ?? (printsLists && stdout.isTTY === true ? 'table' : 'json');
    this.out.useTable(
      format === 'table'
        ? { width: stdout.isTTY ? (stdout.columns ?? 80) : undefined, paint: painter(colorEnabled(stdout, this.io.env)) }
        : undefined,
    );
  }

  /** Where progress, notices and summaries go: stderr, or nowhere under --quiet. */
  get chatter(): Writable {
    return this.options.quiet ? this.silent : this.io.stderr;
  }

  /** Colours for stderr, when it is a terminal and NO_COLOR is not set. */
  get paintErr(): Paint {
    return painter(colorEnabled(this.io.stderr, this.io.env));
  }

  /** A warning: always on stderr, even under --quiet. */
  warn(message: string): void {
    this.io.stderr.write(`task-lens: ${this.paintErr('warning:', 'warning')} ${displayText(message)}\n`);
  }

  /** A line of the --verbose log. */
  private debug(line: string): void {
    if (this.options.verbose) this.io.stderr.write(`${this.paintErr(`[verbose] ${line}`, 'dim')}\n`);
  }

  /** A Scale client for the global options; fails with a clear message when no key is set. */
  scale(options: GlobalOptions): Promise<ScaleClient> {
    return this.client(SCALE_PLATFORM, options);
  }

  /** A Livepeer Studio client for the global options. */
  livepeer(options: GlobalOptions): Promise<LivepeerClient> {
    return this.client(LIVEPEER_PLATFORM, options);
  }

  /**
   * A platform's client. With `--connection NAME`: that connection's base URL and key variable
   * (its `apiKeyEnv`, else the platform's). Otherwise the key from the platform's variable, the
   * base URL from --base-url, its base-URL variable or the platform's public API. --base-url
   * always wins.
   */
  async client<C>(platform: PlatformDescriptor<string, C>, options: GlobalOptions): Promise<C> {
    const connection = options.connection ? await this.connection(platform, options.connection) : undefined;
    const variable = connection?.apiKeyEnv ?? platform.keyEnvVar;
    const apiKey = this.io.env[variable]?.trim();
    if (!apiKey) {
      const which = connection ? ` (the key of the connection “${connection.name}”)` : '';
      throw new ConfigError(
        `${variable} is not set${which} — export ${variable}=<your ${platform.displayName} API key> and run the command again.`,
      );
    }
    checkKey(apiKey, variable);
    const baseUrl = options.baseUrl ?? connection?.baseUrl ?? this.io.env[platform.baseUrlEnvVar] ?? platform.defaultBaseUrl;
    this.warnCleartext(baseUrl);
    this.debug(
      `${platform.displayName} at ${displayText(hideUrlCredentials(baseUrl, { queryValues: true }))}${connection ? ` (connection “${connection.name}”)` : ''}, key from ${variable}`,
    );
    this.transport ??= this.newTransport();
    let http: HttpClient;
    try {
      http = new HttpClient({
        baseUrl,
        apiKey,
        transport: this.transport,
        timeoutMs: options.timeout,
        authHint: `check the key in ${variable}`,
        notFoundHint: missingApiPathHint(platform, baseUrl),
        onRetry: this.showRetry,
      });
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    return platform.createClient(http);
  }

  private async connection(platform: PlatformDescriptor, name: string): Promise<ConnectionConfig> {
    const { connection, file } = await findConnection(this.io.env, name);
    this.debug(`connection “${displayText(name)}” from ${displayText(file)}`);
    if (connection.kind !== platform.kind) {
      const hint = connection.kind === LIVEPEER_PLATFORM.kind ? ' (Livepeer commands are under `task-lens livepeer …`)' : '';
      throw new UsageError(
        `the connection “${connection.name}” is a ${connection.kind} connection; this command needs a ${platform.kind} one${hint}.`,
      );
    }
    return connection;
  }

  private newTransport(): HttpTransport {
    const transport = createUndiciTransport({ env: this.io.env });
    return this.options.verbose ? loggingTransport(transport, (line) => this.debug(line)) : transport;
  }

  /** Once per run: an http:// base URL that is not this machine sends the key in clear. */
  private warnCleartext(baseUrl: string): void {
    const warning = cleartextWarning(baseUrl);
    if (warning === undefined || this.warnedCleartext) return;
    this.warnedCleartext = true;
    this.warn(warning);
  }

  /** Every retry is visible: one line on stderr (never the query string, which may hold names). */
  private readonly showRetry = (event: RetryEvent): void => {
    const what = `from ${event.endpoint.method} ${event.endpoint.path}`;
    this.chatter.write(`${displayText(retryText(event.reason, what, event.delayMs, event.attempt))}\n`);
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
