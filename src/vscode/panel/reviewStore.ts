import type * as vscode from 'vscode';
import type { TaskTarget } from '../taskTarget';

/**
 * The reviewer's blind choices, per task, in this workspace's state (workspaceState): kept on
 * this machine, never sent anywhere. Keyed by platform, base URL and task id, so two connections
 * to different servers never share choices.
 */
export class ReviewStore {
  constructor(private readonly state: vscode.Memento) {}

  private key(target: TaskTarget): string {
    return `${this.prefix(target.connection)}${target.taskId}`;
  }

  private prefix(connection: Pick<TaskTarget['connection'], 'kind' | 'baseUrl'>): string {
    return `taskLens.review|${connection.kind}|${connection.baseUrl}|`;
  }

  /** The ids of the tasks with stored choices under a connection (or, for task files, its stand-in). */
  taskIdsWithChoices(connection: Pick<TaskTarget['connection'], 'kind' | 'baseUrl'>): Set<string> {
    const prefix = this.prefix(connection);
    return new Set(
      this.state
        .keys()
        .filter((k) => k.startsWith(prefix))
        .map((k) => k.slice(prefix.length)),
    );
  }

  choices(target: TaskTarget): Record<string, string> {
    const v = this.state.get<unknown>(this.key(target));
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return {};
    return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
  }

  async choose(target: TaskTarget, turn: string, sourceId: string | null): Promise<void> {
    const next = this.choices(target);
    if (sourceId === null) delete next[turn];
    else next[turn] = sourceId;
    await this.state.update(this.key(target), Object.keys(next).length > 0 ? next : undefined);
  }
}
