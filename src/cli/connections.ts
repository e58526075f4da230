/**
 * `--connection NAME` and `task-lens connections`: connections from the connections file
 * (core/platform/connectionsFile.ts: the same shape and validation as the editor's
 * `taskLens.connections` setting). Keys still come from the environment.
 */
import type { Command } from 'commander';
import type { ConnectionConfig } from '../core/platform/connection';
import { CONNECTIONS_FILE_ENV, connectionsFilePath, readConnectionsFile } from '../core/platform/connectionsFile';
import { descriptorFor } from '../core/platform/registry';
import { SCALE_PLATFORM } from '../core/scale/descriptor';
import type { CliContext } from './context';
import { ConfigError } from './errors';
import { addFormatOption } from './formatOption';

const EXAMPLE = JSON.stringify([
  { name: 'prod', kind: SCALE_PLATFORM.kind, baseUrl: SCALE_PLATFORM.defaultBaseUrl, apiKeyEnv: SCALE_PLATFORM.keyEnvVar },
])
  .replace(/","/g, '", "')
  .replace(/":"/g, '": "');

/** The named connection, or a ConfigError saying where the file is and what it holds. */
export async function findConnection(env: NodeJS.ProcessEnv, name: string): Promise<{ connection: ConnectionConfig; file: string }> {
  const file = connectionsFilePath({ env });
  const read = await readConnectionsFile(file);
  if (read.state === 'missing') {
    throw new ConfigError(
      `no connections file at ${file}, so there is no connection “${name}” — create it with a list like ${EXAMPLE} (the shape of the taskLens.connections setting), or point ${CONNECTIONS_FILE_ENV} at one.`,
    );
  }
  if (read.state === 'unreadable') throw new ConfigError(`the connections file ${file} cannot be used: ${read.problem}.`);
  const connection = read.valid.find((c) => c.name === name);
  if (connection) return { connection, file };
  const names = read.valid.map((c) => `“${c.name}”`).join(', ') || 'none';
  const problems = read.problems.length > 0 ? ` Problems in the file: ${read.problems.join(' ')}` : '';
  throw new ConfigError(`no connection named “${name}” in ${file} (it has ${names}).${problems}`);
}

export function registerConnectionCommands(program: Command, context: CliContext): void {
  addFormatOption(
    program
      .command('connections')
      .description('List the connections of the connections file (for --connection NAME), with the variable each key is read from.'),
  )
    .addHelpText(
      'after',
      `\nThe file is $${CONNECTIONS_FILE_ENV}, else $XDG_CONFIG_HOME/task-lens/connections.json, else ~/.config/task-lens/connections.json.\nIt holds what the editor's taskLens.connections setting holds, e.g.\n  ${EXAMPLE}\nKeys are never in it: each is read from the connection's apiKeyEnv, else the platform's variable.`,
    )
    .action(async () => {
      const file = connectionsFilePath({ env: context.io.env });
      const read = await readConnectionsFile(file);
      if (read.state === 'unreadable') throw new ConfigError(`the connections file ${file} cannot be used: ${read.problem}.`);
      if (read.state === 'missing') {
        context.chatter.write(`No connections file at ${file}; create one with a list like ${EXAMPLE}.\n`);
        return;
      }
      for (const problem of read.problems) context.warn(problem);
      await context.out.lines(
        read.valid.map((c) => {
          const keyEnv = c.apiKeyEnv ?? descriptorFor(c.kind).keyEnvVar;
          return { name: c.name, kind: c.kind, baseUrl: c.baseUrl, keyEnv, keySet: Boolean(context.io.env[keyEnv]?.trim()) };
        }),
      );
    });
}
