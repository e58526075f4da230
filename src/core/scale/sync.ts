/**
 * Keeping a folder in step with a project's deliveries: list them (optionally delivered after a
 * date), and download, oldest first and through the shared download engine, every one that is not
 * already complete on disk — decided from the manifests, without asking the server for tasks. A
 * failed delivery does not stop the others; cancelling stops everything (partials resume later).
 */
import { inspectDownload, runDownload, type DownloadProgress } from '../download';
import { isCancelledError } from '../http/errors';
import { planWithSecrets } from '../secrets/taskSecrets';
import type { ScaleClient } from './client';
import { deliveryDownloadPlan } from './downloads';
import type { Delivery, Project } from './types';

export type SyncState = 'up_to_date' | 'downloaded' | 'resumed' | 'failed';

export interface SyncItem {
  readonly delivery: Delivery;
  readonly file: string;
  readonly state: SyncState;
  /** Tasks in the file (for a failed one: none). */
  readonly count: number | null;
  readonly error?: Error;
}

export interface SyncOptions {
  /** ISO date or date-time: only deliveries delivered after it (`delivered_after`). */
  readonly since?: string;
  readonly signal?: AbortSignal;
  /** Write credentials such as `workspace_token` as the server sent them (default: redacted). */
  readonly keepSecrets?: boolean;
  /** Before each delivery is looked at or downloaded. */
  readonly onStart?: (delivery: Delivery, index: number, total: number) => void;
  readonly onProgress?: (delivery: Delivery, progress: DownloadProgress) => void;
  /** After each delivery, whatever its outcome. */
  readonly onItem?: (item: SyncItem) => void;
}

export interface SyncResult {
  readonly items: readonly SyncItem[];
  readonly downloaded: number;
  readonly upToDate: number;
  readonly failed: number;
}

export async function syncDeliveries(
  client: ScaleClient,
  project: Pick<Project, 'id' | 'name'>,
  root: string,
  options: SyncOptions = {},
): Promise<SyncResult> {
  const call = { signal: options.signal };
  const listed = await client.listDeliveries(
    { project_id: project.id, ...(options.since ? { delivered_after: options.since } : {}) },
    call,
  );
  const deliveries = [...listed].sort(oldestFirst);
  const items: SyncItem[] = [];
  for (const [index, delivery] of deliveries.entries()) {
    options.onStart?.(delivery, index, deliveries.length);
    const item = await syncOne(client, project, delivery, root, options);
    items.push(item);
    options.onItem?.(item);
  }
  const count = (state: SyncState): number => items.filter((i) => i.state === state).length;
  return { items, downloaded: count('downloaded') + count('resumed'), upToDate: count('up_to_date'), failed: count('failed') };
}

async function syncOne(
  client: ScaleClient,
  project: Pick<Project, 'id' | 'name'>,
  delivery: Delivery,
  root: string,
  options: SyncOptions,
): Promise<SyncItem> {
  // Secrets in task data are redacted as in every other download, unless the caller keeps them.
  const plan = planWithSecrets(
    deliveryDownloadPlan(client, {
      projectId: project.id,
      projectName: project.name,
      deliveryId: delivery.id,
      deliveryName: delivery.name,
      taskCount: typeof delivery.task_count === 'number' ? delivery.task_count : null,
    }),
    options.keepSecrets === true,
  );
  let file = '';
  try {
    const inspection = await inspectDownload(root, plan);
    file = inspection.paths.file;
    if (inspection.state === 'complete') {
      if (inspection.sameSource === false) {
        throw new Error(`“${file}” holds another download (two deliveries with one name?); move it away and sync again.`);
      }
      return { delivery, file, state: 'up_to_date', count: inspection.manifest?.count ?? null };
    }
    const result = await runDownload(plan, root, { signal: options.signal, onProgress: (p) => options.onProgress?.(delivery, p) });
    return { delivery, file: result.file, state: result.resumedFrom > 0 ? 'resumed' : 'downloaded', count: result.count };
  } catch (error) {
    if (isCancelledError(error) || options.signal?.aborted) throw error;
    return { delivery, file, state: 'failed', count: null, error: error instanceof Error ? error : new Error(String(error)) };
  }
}

function oldestFirst(a: Delivery, b: Delivery): number {
  const time = (d: Delivery): number => {
    const t = Date.parse(d.delivered_at ?? '');
    return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
  };
  return time(a) - time(b) || String(a.name).localeCompare(String(b.name));
}
