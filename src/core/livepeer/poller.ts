/**
 * Polls Livepeer tasks that are still in flight and reports what changed, for the CLI's `watch`
 * and the editor's live tree and task view. One `GET /task/{id}` per watched task per round (the
 * list has no "changed since" filter and pages shift as tasks update, §2.2), a few at a time.
 *
 * Gentle by design (reference §5, "poll gently"): a round that saw no change waits longer (×1.5, up
 * to `maxIntervalMs`); a change brings the interval back to `intervalMs`; a failed round doubles
 * the wait and honours the server's Retry-After. Polling ends on its own once no watched task is
 * in flight, or when `stop()` is called.
 */
import { isCancelledError, NotFoundError, RateLimitedError } from '../http/errors';
import { abortableSleep, type Sleep } from '../http/retry';
import { isInFlight, liveSignature } from './live';
import type { Task } from './types';

export interface TaskChange {
  readonly id: string;
  readonly task: Task;
  /** What the task looked like before this change. */
  readonly previous: Task;
  readonly phaseChanged: boolean;
  /** The task is no longer in flight (completed, failed, cancelled or another phase). */
  readonly settled: boolean;
}

export interface TaskPollerOptions {
  /** How a task is fetched (usually `client.getTask`). */
  readonly fetchTask: (id: string, signal: AbortSignal) => Promise<Task>;
  readonly onChange: (change: TaskChange) => void;
  /** A round failed; polling goes on after `delayMs`. */
  readonly onError?: (error: unknown, delayMs: number) => void;
  /** A watched task answered 404 and is no longer polled. */
  readonly onGone?: (id: string) => void;
  /** First wait between rounds. Default 5 s. */
  readonly intervalMs?: number;
  /** Longest wait between rounds. Default 6 × `intervalMs`. */
  readonly maxIntervalMs?: number;
  /** Tasks fetched at once in a round. Default 4. */
  readonly concurrency?: number;
  /** Injectable for tests. */
  readonly sleep?: Sleep;
}

export class TaskPoller {
  private readonly tasks = new Map<string, Task>();
  private readonly abort = new AbortController();
  private readonly baseMs: number;
  private readonly maxMs: number;
  private running: Promise<void> | undefined;
  /** Waits between rounds so far, for tests and logs. */
  readonly waits: number[] = [];
  rounds = 0;

  constructor(
    initial: Iterable<Task>,
    private readonly options: TaskPollerOptions,
  ) {
    this.baseMs = Math.max(1, options.intervalMs ?? 5_000);
    this.maxMs = Math.max(this.baseMs, options.maxIntervalMs ?? this.baseMs * 6);
    for (const task of initial) this.watch(task);
  }

  /** Adds (or refreshes) a task; only tasks in flight are polled. */
  watch(task: Task): void {
    if (typeof task.id === 'string') this.tasks.set(task.id, task);
  }

  has(id: string): boolean {
    return this.tasks.has(id);
  }

  /** Ids of the watched tasks still in flight. */
  get inFlight(): string[] {
    return [...this.tasks].filter(([, task]) => isInFlight(task)).map(([id]) => id);
  }

  get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  /** Runs until nothing is in flight or `stop()`; resolves then. Calling it again joins the run. */
  start(): Promise<void> {
    this.running ??= this.loop();
    return this.running;
  }

  stop(): void {
    this.abort.abort();
  }

  private async loop(): Promise<void> {
    const sleep = this.options.sleep ?? abortableSleep;
    let wait = this.baseMs;
    while (!this.stopped && this.inFlight.length > 0) {
      try {
        await sleep(wait, this.abort.signal);
      } catch {
        return; // stopped while waiting
      }
      if (this.stopped) return;
      this.waits.push(wait);
      try {
        const changed = await this.round();
        wait = changed ? this.baseMs : Math.min(this.maxMs, Math.round(wait * 1.5));
      } catch (error) {
        if (this.stopped || isCancelledError(error)) return;
        const retryAfter = error instanceof RateLimitedError ? error.retryAfterMs : undefined;
        wait = Math.min(this.maxMs, Math.max(wait * 2, retryAfter ?? 0));
        this.options.onError?.(error, wait);
      }
    }
  }

  /** One pass over the tasks in flight; true when any of them changed. */
  private async round(): Promise<boolean> {
    this.rounds++;
    const ids = this.inFlight;
    let changed = false;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < ids.length && !this.stopped) {
        const id = ids[next++] as string;
        if (await this.pollOne(id)) changed = true;
      }
    };
    const workers = Array.from({ length: Math.min(ids.length, Math.max(1, this.options.concurrency ?? 4)) }, worker);
    await Promise.all(workers);
    return changed;
  }

  private async pollOne(id: string): Promise<boolean> {
    const previous = this.tasks.get(id);
    let task: Task;
    try {
      task = await this.options.fetchTask(id, this.abort.signal);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      this.tasks.delete(id);
      this.options.onGone?.(id);
      return true;
    }
    if (this.stopped || !previous) return false;
    this.tasks.set(id, task);
    if (liveSignature(task) === liveSignature(previous)) return false;
    this.options.onChange({
      id,
      task,
      previous,
      phaseChanged: task.status?.phase !== previous.status?.phase,
      settled: !isInFlight(task),
    });
    return true;
  }
}
