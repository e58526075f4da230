// A connection as users configure it (settings, environment). Validated here so the rest of the
// code can trust its shape; invalid entries are reported, not silently dropped.

import { PLATFORMS, type ConnectionKind } from './registry';

export type { ConnectionKind };
export const CONNECTION_KINDS: readonly ConnectionKind[] = PLATFORMS.map((p) => p.kind);

export interface ConnectionConfig {
  readonly name: string;
  readonly kind: ConnectionKind;
  /** Normalised: no trailing slash. */
  readonly baseUrl: string;
  /** Name of an environment variable that holds the key — never the key itself. */
  readonly apiKeyEnv?: string;
}

export type ParsedConnections = { readonly valid: ConnectionConfig[]; readonly problems: string[] };

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function normaliseBaseUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username || url.password || url.search || url.hash) return undefined;
  return url.toString().replace(/\/+$/, '');
}

/** The scheme, host and port a key is bound to. */
export function originOf(baseUrl: string): string {
  return new URL(baseUrl).origin;
}

/**
 * The variables a connection from *workspace* settings may name in `apiKeyEnv`. A cloned
 * repository's settings must not be able to send `GITHUB_TOKEN` or `AWS_SECRET_ACCESS_KEY` to a
 * host of its choice as a Bearer token; connections from user settings may name any variable.
 */
export const WORKSPACE_KEY_ENV = /^(SCALE|LIVEPEER|TASKLENS)_[A-Za-z0-9_]+$/;
export const WORKSPACE_KEY_ENV_HELP = 'SCALE_*, LIVEPEER_* or TASKLENS_*';

export function parseConnections(raw: unknown, source: string): ParsedConnections {
  const valid: ConnectionConfig[] = [];
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { valid, problems };
  if (!Array.isArray(raw)) return { valid, problems: [`${source}: expected a list of connections.`] };
  raw.forEach((entry: unknown, i) => {
    const where = `${source} entry ${i + 1}`;
    if (typeof entry !== 'object' || entry === null) {
      problems.push(`${where}: expected an object with name, kind and baseUrl.`);
      return;
    }
    const e = entry as Record<string, unknown>;
    const name = typeof e.name === 'string' ? e.name.trim() : '';
    const kind = e.kind;
    const baseUrl = typeof e.baseUrl === 'string' ? normaliseBaseUrl(e.baseUrl) : undefined;
    const apiKeyEnv = e.apiKeyEnv;
    if (!name) problems.push(`${where}: "name" is missing.`);
    else if (!CONNECTION_KINDS.includes(kind as ConnectionKind))
      problems.push(`${where} (${name}): "kind" must be one of ${CONNECTION_KINDS.join(', ')}.`);
    else if (!baseUrl) problems.push(`${where} (${name}): "baseUrl" must be an http(s) URL without credentials or query.`);
    else if (apiKeyEnv !== undefined && (typeof apiKeyEnv !== 'string' || !ENV_NAME.test(apiKeyEnv)))
      problems.push(`${where} (${name}): "apiKeyEnv" must be an environment variable name.`);
    else if (valid.some((c) => c.name === name)) problems.push(`${where}: another connection is already named "${name}".`);
    else valid.push({ name, kind: kind as ConnectionKind, baseUrl, ...(typeof apiKeyEnv === 'string' ? { apiKeyEnv } : {}) });
  });
  return { valid, problems };
}
