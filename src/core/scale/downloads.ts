/**
 * Scale lists as `DownloadPlan`s for core/download: a delivery (`/v2/delivery`), or the tasks of a
 * batch or project (`/v2/tasks`, optionally by status). Pages are 100 tasks with every detail
 * option, and each task is handed over exactly as parsed, so the JSONL line is the API's JSON.
 */
import { streamedPage, type RawPageSource } from '../download/rawPages';
import type { DownloadPlan } from '../platform/platform';
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
