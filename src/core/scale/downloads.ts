/**
 * Scale lists as `DownloadPlan`s for core/download: a delivery (`/v2/delivery`), or the tasks of a
 * batch or project (`/v2/tasks`, optionally by status). Pages are 100 tasks with every detail
 * option, and each task is handed over exactly as parsed, so the JSONL line is the API's JSON.
 */
import { streamedPage, type RawPageSource } from '../download/rawPages';
import { BadRequestError } from '../http/errors';
import type { DownloadPlan, DownloadRef, FilterValues } from '../platform/platform';
import type { ScaleClient } from './client';
import { DEFAULT_TASK_OPTIONS } from './enums';
import type { TasksQuery } from './queries';

/** The API's maximum page size. */
const PAGE_SIZE = 100;
/** Sent explicitly (not the client's default) so the manifest can record what each line holds. */
const DOWNLOAD_OPTIONS = DEFAULT_TASK_OPTIONS;

export interface DeliveryTarget {
  readonly projectId: string;
  readonly projectName: string;
  readonly deliveryId: string;
  readonly deliveryName: string;
  /** `Delivery.task_count`, when known; checked against the lines written. */
  readonly taskCount: number | null;
}

export interface TaskListTarget {
  readonly projectId: string;
  readonly projectName: string;
  /** Without a batch, the whole project's tasks. */
  readonly batch?: { readonly id: string; readonly name: string };
  readonly status?: string;
}

/** Base URL as configured (path prefix kept), never with a key: the client strips credentials. */
function baseUrlOf(client: ScaleClient): string {
  return client.http.buildUrl('').href.replace(/\/+$/, '');
}

/** Scale pages: `{"tasks": [...], "next_token": "..."}`; each task is known by its `task_id`. */
const PAGE_SHAPE = { itemsKey: 'tasks', tokenKey: 'next_token', idKeys: ['task_id'] } as const;

export function deliveryDownloadPlan(client: ScaleClient, target: DeliveryTarget): DownloadPlan & RawPageSource {
  return {
    folderName: target.projectName,
    fileName: target.deliveryName,
    source: {
      platform: 'scale',
      baseUrl: baseUrlOf(client),
      endpoint: '/v2/delivery',
      projectId: target.projectId,
      projectName: target.projectName,
      deliveryId: target.deliveryId,
      deliveryName: target.deliveryName,
      opts: DOWNLOAD_OPTIONS.join(','),
    },
    expectedTotal: target.taskCount,
    fetchPage: async (token, call) => {
      const page = await client.getDeliveryPage(
        { delivery_id: target.deliveryId, limit: PAGE_SIZE, next_token: token, opts: DOWNLOAD_OPTIONS },
        call,
      );
      return { tasks: page.items, nextToken: page.nextToken };
    },
    // Pass-through: the same request, each task written as the bytes the server sent.
    fetchRawPage: (token, call) =>
      streamedPage(
        client.http,
        '/v2/delivery',
        { delivery_id: target.deliveryId, limit: PAGE_SIZE, next_token: token, opts: DOWNLOAD_OPTIONS },
        call,
        { shape: PAGE_SHAPE },
      ),
  };
}

export function taskListDownloadPlan(client: ScaleClient, target: TaskListTarget): DownloadPlan & RawPageSource {
  const status = target.status || undefined;
  const listName = target.batch ? target.batch.name : `${target.projectName} tasks`;
  const selector = target.batch ? { batch_id: target.batch.id } : { project_id: target.projectId };
  return {
    folderName: target.projectName,
    // A filtered list is another file: it must never resume into, or replace, the unfiltered one.
    fileName: status ? `${listName} (${status})` : listName,
    source: {
      platform: 'scale',
      baseUrl: baseUrlOf(client),
      endpoint: '/v2/tasks',
      projectId: target.projectId,
      projectName: target.projectName,
      batchId: target.batch?.id ?? null,
      batchName: target.batch?.name ?? null,
      status: status ?? null,
      opts: DOWNLOAD_OPTIONS.join(','),
    },
    expectedTotal: null,
    fetchPage: async (token, call) => {
      const query = { ...selector, status, limit: PAGE_SIZE, next_token: token, opts: DOWNLOAD_OPTIONS } as TasksQuery;
      const page = await client.listTasks(query, call);
      return { tasks: page.items, nextToken: page.nextToken };
    },
    fetchRawPage: (token, call) =>
      streamedPage(client.http, '/v2/tasks', { ...selector, status, limit: PAGE_SIZE, next_token: token, opts: DOWNLOAD_OPTIONS }, call, {
        shape: PAGE_SHAPE,
      }),
  };
}

/** `Platform.planDownload` for Scale: refs of kind `delivery`, `batch` and `project-tasks`. */
export async function planScaleDownload(client: ScaleClient, ref: DownloadRef, filters: FilterValues = {}): Promise<DownloadPlan> {
  const param = (key: string): string => {
    const value = ref.params[key];
    if (!value)
      throw new BadRequestError(`“${ref.label}” cannot be downloaded: its ${key} is missing (a Task Lens bug; please report it).`);
    return value;
  };
  const project = { projectId: param('projectId'), projectName: param('projectName') };
  switch (ref.kind) {
    case 'delivery': {
      const deliveryId = param('deliveryId');
      return deliveryDownloadPlan(client, {
        ...project,
        deliveryId,
        deliveryName: param('deliveryName'),
        taskCount: await taskCountOf(client, project.projectId, deliveryId),
      });
    }
    case 'batch':
      return taskListDownloadPlan(client, {
        ...project,
        batch: { id: param('batchId'), name: param('batchName') },
        status: filters.status,
      });
    case 'project-tasks':
      return taskListDownloadPlan(client, { ...project, status: filters.status });
    default:
      throw new BadRequestError(`“${ref.label}” cannot be downloaded: Scale has no download of kind “${ref.kind}”.`);
  }
}

/** The delivery's `task_count` from the (unpaged) delivery list; null if it cannot be learned. */
async function taskCountOf(client: ScaleClient, projectId: string, deliveryId: string): Promise<number | null> {
  try {
    const delivery = (await client.listDeliveries({ project_id: projectId })).find((d) => d.id === deliveryId);
    return typeof delivery?.task_count === 'number' ? delivery.task_count : null;
  } catch {
    // The count only feeds the progress bar and a final check; the download itself can go on.
    return null;
  }
}
