import * as vscode from 'vscode';
import type { LiveState } from '../../core/platform/platform';

/** `taskLens.livepeer.pollSeconds`: the first wait between polls of tasks in flight (it grows while nothing changes). */
export function pollSeconds(): number {
  const value = vscode.workspace.getConfiguration('taskLens').get<number>('livepeer.pollSeconds', 5);
  return Number.isFinite(value) && value >= 1 ? Math.min(3600, value) : 5;
}

/** `taskLens.livepeer.stuckAfterMinutes`: a task waiting or running without an update for longer is flagged. */
export function stuckAfterMinutes(): number {
  const value = vscode.workspace.getConfiguration('taskLens').get<number>('livepeer.stuckAfterMinutes', 60);
  return Number.isFinite(value) && value > 0 ? value : 60;
}

/** Waiting or running, and no update for longer than the setting. */
export function isStuckNow(live: LiveState | undefined, now = Date.now()): boolean {
  return live !== undefined && live.stuckEligible && live.updatedAt !== undefined && now - live.updatedAt > stuckAfterMinutes() * 60_000;
}
