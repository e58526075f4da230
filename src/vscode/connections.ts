import * as vscode from 'vscode';
import { apiKeyProblem } from '../core/http/apiKey';
import { ConnectionConfig, originOf, parseConnections, WORKSPACE_KEY_ENV, WORKSPACE_KEY_ENV_HELP } from '../core/platform/connection';
import { Log } from './log';

export type ConnectionSource = 'user' | 'workspace' | 'environment';

export interface Connection extends ConnectionConfig {
  readonly source: ConnectionSource;
}

export type ApiKeyLookup =
  | { readonly status: 'ok'; readonly key: string }
  | { readonly status: 'missing'; readonly hint: string }
  | { readonly status: 'otherHost'; readonly hint: string }
  | { readonly status: 'invalid'; readonly hint: string };

/** Stored in SecretStorage: the key and the origin it was entered for. */
interface StoredKey {
  readonly origin: string;
  readonly key: string;
}

const SETTING = 'taskLens.connections';
/** Connections the launcher of the editor defines (the demo, tests): JSON like the setting. */
export const ENV_CONNECTIONS = 'TASKLENS_CONNECTIONS';

/**
 * The list of connections (user settings, trusted workspace settings, environment) and their
 * API keys (SecretStorage only, bound to the origin they were entered for).
 */
export class ConnectionStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private cached: Connection[] | undefined;

  /**
   * Asks whether a workspace connection may send an environment variable to its origin. Replaceable
   * by tests; the answer is remembered per origin and variable.
   */
  confirmEnvKey: (conn: Connection, origin: string) => Promise<boolean | undefined> = askEnvKey;
  private readonly pendingConsent = new Map<string, Promise<boolean>>();

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: Log,
    private readonly memory?: vscode.Memento,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(SETTING) && this.invalidate()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.invalidate()),
      secrets.onDidChange((e) => e.key.startsWith('taskLens.apiKey.') && this.changed.fire()),
    );
  }

  private invalidate(): void {
    this.cached = undefined;
    this.changed.fire();
  }

  list(): readonly Connection[] {
    if (!this.cached) this.cached = this.read();
    return this.cached;
  }

  get(name: string): Connection | undefined {
    return this.list().find((c) => c.name === name);
  }

  private read(): Connection[] {
    const inspected = vscode.workspace.getConfiguration().inspect<unknown>(SETTING);
    const sources: [ConnectionSource, unknown][] = [['user', inspected?.globalValue]];
    if (vscode.workspace.isTrusted) {
      sources.push(['workspace', inspected?.workspaceValue], ['workspace', inspected?.workspaceFolderValue]);
    } else if (inspected?.workspaceValue !== undefined || inspected?.workspaceFolderValue !== undefined) {
      this.log.warn('Connections in workspace settings are ignored until you trust this workspace.');
    }
    const fromEnv = process.env[ENV_CONNECTIONS];
    if (fromEnv) {
      try {
        sources.push(['environment', JSON.parse(fromEnv)]);
      } catch {
        this.log.warn(`${ENV_CONNECTIONS} is not valid JSON; its connections are ignored.`);
      }
    }
    const result: Connection[] = [];
    for (const [source, raw] of sources) {
      const { valid, problems } = parseConnections(raw, `${source} setting ${SETTING}`);
      problems.forEach((p) => this.log.warn(p));
      for (const c of valid) {
        if (result.some((r) => r.name === c.name)) this.log.warn(`Two connections are named "${c.name}"; the ${source} one is ignored.`);
        else result.push({ ...c, source });
      }
    }
    return result;
  }

  async add(config: ConnectionConfig): Promise<void> {
    const current = this.userEntries();
    await this.writeUser([...current, { ...config }]);
  }

  async rename(conn: Connection, newName: string): Promise<void> {
    this.assertUserOwned(conn);
    const key = await this.secrets.get(secretId(conn.name));
    await this.writeUser(this.userEntries().map((c) => (c.name === conn.name ? { ...c, name: newName } : c)));
    if (key) {
      await this.secrets.store(secretId(newName), key);
      await this.secrets.delete(secretId(conn.name));
    }
  }

  async remove(conn: Connection): Promise<void> {
    this.assertUserOwned(conn);
    await this.writeUser(this.userEntries().filter((c) => c.name !== conn.name));
    await this.secrets.delete(secretId(conn.name));
  }

  async getApiKey(conn: Connection): Promise<ApiKeyLookup> {
    if (conn.apiKeyEnv && conn.source === 'workspace' && !WORKSPACE_KEY_ENV.test(conn.apiKeyEnv)) {
      return {
        status: 'invalid',
        hint: `“${conn.name}” comes from workspace settings, where "apiKeyEnv" may only name ${WORKSPACE_KEY_ENV_HELP} variables, not ${conn.apiKeyEnv}; define the connection in your user settings to use that variable.`,
      };
    }
    if (conn.apiKeyEnv) {
      const key = process.env[conn.apiKeyEnv]?.trim();
      if (key && (conn.source !== 'workspace' || (await this.envKeyAllowed(conn)))) {
        return checked(key, `The environment variable ${conn.apiKeyEnv}`);
      }
    }
    const stored = parseStored(await this.secrets.get(secretId(conn.name)));
    if (stored) {
      if (stored.origin === originOf(conn.baseUrl)) return checked(stored.key, `The saved key for “${conn.name}”`);
      return {
        status: 'otherHost',
        hint: `The saved key was entered for ${stored.origin}, not ${originOf(conn.baseUrl)}; it is not sent to another host. Set the key again.`,
      };
    }
    const envHint = conn.apiKeyEnv ? ` or set the environment variable ${conn.apiKeyEnv}` : '';
    return { status: 'missing', hint: `No API key for “${conn.name}”. Run “Task Lens: Set API Key”${envHint}.` };
  }

  /** Binds an environment key to an origin the way SecretStorage keys are: the user says yes once. */
  private envKeyAllowed(conn: Connection): Promise<boolean> {
    const origin = originOf(conn.baseUrl);
    const id = `${origin} ${conn.apiKeyEnv ?? ''}`;
    const answers = this.memory?.get<Record<string, boolean>>(CONSENT_KEY) ?? {};
    if (typeof answers[id] === 'boolean') return Promise.resolve(answers[id]);
    let pending = this.pendingConsent.get(id);
    if (!pending) {
      pending = (async () => {
        const answer = await this.confirmEnvKey(conn, origin);
        if (answer !== undefined) {
          await this.memory?.update(CONSENT_KEY, { ...(this.memory.get<Record<string, boolean>>(CONSENT_KEY) ?? {}), [id]: answer });
          this.log.info(`${answer ? 'Allowed' : 'Refused'} sending ${conn.apiKeyEnv ?? ''} to ${origin} for “${conn.name}”.`);
        }
        return answer === true;
      })().finally(() => this.pendingConsent.delete(id));
      this.pendingConsent.set(id, pending);
    }
    return pending;
  }

  async setApiKey(conn: Connection, key: string): Promise<void> {
    const value: StoredKey = { origin: originOf(conn.baseUrl), key };
    await this.secrets.store(secretId(conn.name), JSON.stringify(value));
  }

  async clearApiKey(conn: Connection): Promise<void> {
    await this.secrets.delete(secretId(conn.name));
  }

  private assertUserOwned(conn: Connection): void {
    if (conn.source !== 'user') {
      throw new Error(
        `“${conn.name}” is defined in ${conn.source === 'workspace' ? 'workspace settings' : `the ${ENV_CONNECTIONS} environment variable`}; change it there.`,
      );
    }
  }

  private userEntries(): ConnectionConfig[] {
    const raw = vscode.workspace.getConfiguration().inspect<unknown>(SETTING)?.globalValue;
    return parseConnections(raw, 'user').valid;
  }

  private async writeUser(entries: ConnectionConfig[]): Promise<void> {
    await vscode.workspace.getConfiguration().update(SETTING, entries, vscode.ConfigurationTarget.Global);
    this.invalidate();
  }

  dispose(): void {
    this.subscriptions.forEach((d) => d.dispose());
    this.changed.dispose();
  }
}

/** A key a header cannot carry is reported where it is read, not as a network failure later. */
function checked(key: string, what: string): ApiKeyLookup {
  const problem = apiKeyProblem(key, what);
  return problem ? { status: 'invalid', hint: `${problem} Run “Task Lens: Set API Key”.` } : { status: 'ok', key };
}

const CONSENT_KEY = 'taskLens.envKeyConsent';

async function askEnvKey(conn: Connection, origin: string): Promise<boolean | undefined> {
  const allow = vscode.l10n.t('Allow');
  const refuse = vscode.l10n.t('Don’t Allow');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Send the environment variable {0} to {1} as the API key of “{2}”?', conn.apiKeyEnv ?? '', origin, conn.name),
    {
      modal: true,
      detail: vscode.l10n.t(
        'This connection comes from the workspace settings. Allow it only if you trust {0} with that key. Task Lens remembers your answer for this host and variable.',
        origin,
      ),
    },
    allow,
    refuse,
  );
  return answer === allow ? true : answer === refuse ? false : undefined;
}

function secretId(name: string): string {
  return `taskLens.apiKey.${name}`;
}

function parseStored(raw: string | undefined): StoredKey | undefined {
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as Partial<StoredKey>;
    return typeof v.origin === 'string' && typeof v.key === 'string' ? { origin: v.origin, key: v.key } : undefined;
  } catch {
    return undefined;
  }
}
