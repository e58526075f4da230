/**
 * The connections file: one place for connections outside the editor's settings, read by the CLI
 * (`--connection NAME`) and open to the editor. It holds exactly what the `taskLens.connections`
 * setting holds — a JSON list of `{ name, kind, baseUrl, apiKeyEnv? }` — validated by the same
 * `parseConnections`, so a connection copied from settings.json works as it is. Keys are never in
 * it: they come from the environment variable the connection (or its platform) names.
 *
 * Where: `$TASK_LENS_CONFIG` (the file itself) if set, else `$XDG_CONFIG_HOME/task-lens/connections.json`,
 * else `~/.config/task-lens/connections.json` (`%APPDATA%\task-lens\connections.json` on Windows).
 */
import { readFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseConnections, type ParsedConnections } from './connection';

export const CONNECTIONS_FILE_ENV = 'TASK_LENS_CONFIG';
export const CONNECTIONS_FILE_NAME = path.join('task-lens', 'connections.json');

export interface ConnectionsFileEnvironment {
  readonly env: NodeJS.ProcessEnv;
  readonly home?: string;
  readonly platform?: NodeJS.Platform;
}

/** The path the connections file is read from (whether or not it exists). */
export function connectionsFilePath({ env, home = os.homedir(), platform = process.platform }: ConnectionsFileEnvironment): string {
  const override = env[CONNECTIONS_FILE_ENV]?.trim();
  if (override) return path.resolve(override);
  const xdg = env.XDG_CONFIG_HOME?.trim();
  // The XDG spec: a relative value is invalid and ignored.
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, CONNECTIONS_FILE_NAME);
  if (platform === 'win32' && env.APPDATA) return path.join(env.APPDATA, CONNECTIONS_FILE_NAME);
  return path.join(home, '.config', CONNECTIONS_FILE_NAME);
}

export type ConnectionsFileRead =
  | { readonly state: 'missing'; readonly path: string }
  | { readonly state: 'unreadable'; readonly path: string; readonly problem: string }
  | ({ readonly state: 'ok'; readonly path: string } & ParsedConnections);

/**
 * Reads and validates the file. The list may also be wrapped as `{ "connections": [...] }`, the
 * form a file grows into when it holds more than connections.
 */
export async function readConnectionsFile(file: string): Promise<ConnectionsFileRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT') return { state: 'missing', path: file };
    return { state: 'unreadable', path: file, problem: `it cannot be read (${typeof code === 'string' ? code : 'error'})` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { state: 'unreadable', path: file, problem: 'it is not valid JSON' };
  }
  const list = isWrapped(value) ? value.connections : value;
  if (!Array.isArray(list)) return { state: 'unreadable', path: file, problem: 'it must hold a JSON list of connections' };
  return { state: 'ok', path: file, ...parseConnections(list, file) };
}

function isWrapped(value: unknown): value is { connections: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'connections' in value;
}
