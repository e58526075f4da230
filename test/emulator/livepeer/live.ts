/**
 * Tasks that move. Each step advances every task in flight one notch along Studio's lifecycle
 * (reference §3.4, §4): pending → waiting → running (progress rising) → completed, or failed for
 * the tasks a test marked with `failAtEnd`. Output assets follow their task (uploading → waiting →
 * processing → ready with a `downloadUrl` on the output host, or failed). Steps are taken by a test
 * (`step()`, or `POST /__emulator/livepeer/step`) or on a timer (`--livepeer-step-ms`); without
 * either the data stays as seeded, which is what the snapshot tests expect.
 *
 * `retry()` is the server's `POST /task/{id}/retry` (§2.4): only failed or cancelled tasks, which
 * go back to `waiting` with `retries: 0` and no error message.
 */
import type { Asset, AssetStatus, Task } from '../../../src/core/livepeer/types';
import { RouteError } from '../router';
import type { LivepeerData } from './data';
import type { OutputHosts } from './outputHost';
import { outputLength } from './outputBytes';

const PROGRESS_STEP = 0.3;
export const FAIL_MESSAGE = 'transcode error: the emulator was told to fail this task';

export class LivepeerLive {
  private readonly failing = new Set<string>();
  private timer: ReturnType<typeof setInterval> | undefined;
  steps = 0;

  constructor(
    private readonly data: LivepeerData,
    private readonly output: OutputHosts,
  ) {}

  /** Makes the task fail when it would otherwise complete (until it is retried). */
  failAtEnd(taskId: string): void {
    this.failing.add(taskId);
  }

  /** Advances every task in flight `count` times; returns how many tasks changed in the last step. */
  step(count = 1): number {
    let changed = 0;
    for (let i = 0; i < count; i++) {
      changed = 0;
      this.steps++;
      for (const task of this.data.tasks) if (this.advance(task)) changed++;
    }
    return changed;
  }

  /** Steps every `ms` until `stopTimer` (the CLI emulator's `--livepeer-step-ms`). */
  startTimer(ms: number): void {
    this.stopTimer();
    if (ms > 0) this.timer = setInterval(() => this.step(), ms);
    this.timer?.unref?.();
  }

  stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** `POST /task/{id}/retry`, with the server's checks in the server's order and its wording. */
  retry(taskId: string): { id: string } {
    const task = this.data.findTask(taskId);
    if (!task) throw new RouteError(404, 'task not found');
    const phase = task.status?.phase;
    if (phase !== 'failed' && phase !== 'cancelled') throw new RouteError(400, 'task is not in a retryable state');
    this.failing.delete(taskId);
    // Re-queued at once: the old error message is gone almost immediately (§2.4).
    task.status = { phase: 'waiting', updatedAt: Date.now(), retries: 0 };
    delete task.output;
    this.setAsset(task, { phase: 'waiting', updatedAt: Date.now() });
    return { id: taskId };
  }

  private advance(task: Task): boolean {
    const status = task.status ?? {};
    const now = Date.now();
    const id = String(task.id);
    switch (status.phase) {
      case 'pending':
        task.scheduledAt ??= now;
        task.status = { phase: 'waiting', updatedAt: now, retries: 0 };
        this.setAsset(task, { phase: 'waiting', updatedAt: now });
        return true;
      case 'waiting':
        task.status = { phase: 'running', updatedAt: now, retries: status.retries ?? 0, progress: 0.1 };
        this.setAsset(task, { phase: 'processing', updatedAt: now, progress: 0.1 });
        return true;
      case 'running': {
        const progress = Math.round(((status.progress ?? 0) + PROGRESS_STEP) * 1000) / 1000;
        if (progress < 1) {
          task.status = { ...status, phase: 'running', updatedAt: now, progress };
          this.setAsset(task, { phase: 'processing', updatedAt: now, progress });
          return true;
        }
        if (this.failing.has(id)) {
          task.status = { phase: 'failed', updatedAt: now, retries: 2, errorMessage: FAIL_MESSAGE };
          this.setAsset(task, { phase: 'failed', updatedAt: now, errorMessage: FAIL_MESSAGE });
          return true;
        }
        task.status = { phase: 'completed', updatedAt: now };
        this.complete(task, now);
        return true;
      }
      default:
        return false;
    }
  }

  private complete(task: Task, now: number): void {
    const asset = this.outputAsset(task);
    if (!asset) return;
    const playbackId = typeof asset.playbackId === 'string' ? asset.playbackId : String(asset.id);
    asset.status = { phase: 'ready', updatedAt: now };
    asset.playbackUrl = `https://playback.example/hls/${playbackId}/index.m3u8`;
    asset.downloadUrl = this.output.downloadUrl(playbackId);
    asset.size = outputLength(playbackId);
    asset.videoSpec ??= { format: 'mp4', duration: 12.5, bitrate: 3_000_000 };
    if (typeof task.type === 'string') task.output = { [task.type]: { assetSpec: { name: asset.name, size: asset.size } } };
  }

  private outputAsset(task: Task): Asset | undefined {
    return typeof task.outputAssetId === 'string' ? this.data.findAsset(task.outputAssetId) : undefined;
  }

  private setAsset(task: Task, status: AssetStatus): void {
    const asset = this.outputAsset(task);
    if (!asset) return;
    asset.status = status;
    if (status.phase !== 'ready') delete asset.downloadUrl;
  }
}
