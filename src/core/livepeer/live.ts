/**
 * Which Livepeer tasks are still moving, and which have been stuck too long. One place for the
 * phases the live views poll (pending, waiting, running) and the ones that end a task.
 */
import type { LiveState } from '../platform/platform';
import { phaseWithProgress, valueLabel } from './looks';
import type { Task } from './types';

/** Phases in which a task still changes on its own, so a view showing it polls. */
export const IN_FLIGHT_PHASES: readonly string[] = ['pending', 'waiting', 'running'];
/** Phases a task never leaves unless someone retries it. */
export const FINAL_PHASES: readonly string[] = ['completed', 'failed', 'cancelled'];
/** Phases the retry endpoint accepts (reference §2.4). */
export const RETRYABLE_PHASES: readonly string[] = ['failed', 'cancelled'];
/** Phases that count toward "stuck": a pending task waits for its bytes, which may well take long. */
const STUCK_PHASES: readonly string[] = ['waiting', 'running'];

export const DEFAULT_STUCK_AFTER_MINUTES = 60;

function phaseOf(task: Task | undefined): string | undefined {
  const phase = task?.status?.phase;
  return typeof phase === 'string' ? phase : undefined;
}

export function isInFlight(task: Task | undefined): boolean {
  const phase = phaseOf(task);
  return phase !== undefined && IN_FLIGHT_PHASES.includes(phase);
}

export function isRetryable(task: Task | undefined): boolean {
  const phase = phaseOf(task);
  return phase !== undefined && RETRYABLE_PHASES.includes(phase);
}

/**
 * Waiting or running with no status update for longer than `afterMinutes`. `status.updatedAt`
 * moves with every progress report, so a long task that is still advancing is not stuck.
 */
export function isStuck(task: Task | undefined, now: number, afterMinutes: number = DEFAULT_STUCK_AFTER_MINUTES): boolean {
  const phase = phaseOf(task);
  if (phase === undefined || !STUCK_PHASES.includes(phase) || !(afterMinutes > 0)) return false;
  const updated = task?.status?.updatedAt ?? task?.createdAt;
  return typeof updated === 'number' && now - updated > afterMinutes * 60_000;
}

/** The part of a task a live view redraws: phase, progress, error and update time. */
export function liveSignature(task: Task | undefined): string {
  const status = task?.status ?? {};
  return JSON.stringify([status.phase, status.progress, status.errorMessage, status.retries, status.updatedAt]);
}

/** The live state the editor reads off a task (see `LiveState`). */
export function liveStateOf(task: Task): LiveState | undefined {
  if (typeof task.id !== 'string') return undefined;
  const status = task.status ?? {};
  const phase = valueLabel(status.phase);
  const updated = status.updatedAt ?? task.createdAt;
  return {
    taskId: task.id,
    inFlight: isInFlight(task),
    stuckEligible: STUCK_PHASES.includes(phase),
    ...(typeof updated === 'number' ? { updatedAt: updated } : {}),
    retryable: isRetryable(task),
    hasOutput: phase === 'completed' && typeof task.outputAssetId === 'string' && task.outputAssetId !== '',
    summary: phaseWithProgress(status.phase, status.progress),
    phase,
    raw: task,
  };
}
