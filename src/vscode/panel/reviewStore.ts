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
    return `taskLens.review|${target.connection.kind}|${target.connection.baseUrl}|${target.taskId}`;
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
