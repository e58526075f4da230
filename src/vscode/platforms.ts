import * as vscode from 'vscode';
import { createFetchTransport } from '../core/http/fetchTransport';
import type { Platform } from '../core/platform/platform';
import { createPlatform } from '../core/platform/registry';
import { cleartextWarning } from '../core/http/cleartext';
import { Connection, ConnectionStore } from './connections';
import { Log } from './log';

/** No usable key for a connection: the tree shows it with a "Set API Key" action. */
export class MissingKeyError extends Error {
  constructor(
    readonly connection: Connection,
    hint: string,
  ) {
    super(hint);
  }
}

/**
 * One Platform per connection, built on the editor's global fetch (so VS Code's proxy and
 * certificate settings apply) and rebuilt when connections or keys change.
 */
export class PlatformRegistry implements vscode.Disposable {
  private readonly cache = new Map<string, Promise<Platform>>();
  private readonly transport = createFetchTransport();
  private readonly subscription: vscode.Disposable;
  private readonly warnedOrigins = new Set<string>();

  constructor(
    private readonly store: ConnectionStore,
    private readonly log: Log,
  ) {
    this.subscription = store.onDidChange(() => this.cache.clear());
  }

  get(connection: Connection): Promise<Platform> {
    let platform = this.cache.get(connection.name);
    if (!platform) {
      platform = this.build(connection);
      this.cache.set(connection.name, platform);
      platform.catch(() => this.cache.delete(connection.name));
    }
    return platform;
  }

  /** Checks a key with one cheap call before it is saved. */
  async verifyKey(connection: Connection, apiKey: string, signal?: AbortSignal): Promise<void> {
    await createPlatform(connection, { transport: this.transport, apiKey }).verify({ signal });
  }

  private async build(connection: Connection): Promise<Platform> {
    const lookup = await this.store.getApiKey(connection);
    if (lookup.status !== 'ok') throw new MissingKeyError(connection, lookup.hint);
    this.log.addSecret(lookup.key);
    this.warnCleartext(connection);
    return createPlatform(connection, {
      transport: this.transport,
      apiKey: lookup.key,
      onRetry: (e) =>
        this.log.warn(
          `${connection.name}: ${e.endpoint.method} ${e.endpoint.path} failed (${e.reason}); retry ${e.attempt} in ${Math.round(e.delayMs)} ms`,
        ),
    });
  }

  /** Once per origin and session: an http:// URL that is not this machine carries the key in clear. */
  private warnCleartext(connection: Connection): void {
    const warning = cleartextWarning(connection.baseUrl);
    const origin = new URL(connection.baseUrl).origin;
    if (warning === undefined || this.warnedOrigins.has(origin)) return;
    this.warnedOrigins.add(origin);
    this.log.warn(`${connection.name}: ${warning}`);
    void vscode.window.showWarningMessage(vscode.l10n.t('“{0}”: {1}', connection.name, warning));
  }

  dispose(): void {
    this.subscription.dispose();
    this.cache.clear();
  }
}
