/**
 * The Livepeer task list as a `DownloadPlan` for core/download: pages of `GET /task` followed through
 * the `Link` header's cursor, narrowed by type on the server and by phase here (the API has no phase filter).
 */
import { streamedPage, type RawPageSource } from '../download/rawPages';
import type { DownloadPlan, FilterValues } from '../platform/platform';
import { type LivepeerClient, phaseMatcher } from './client';
import { nextCursorFromLink, taskListParams, type TaskListQuery } from './queries';
import type { Task } from './types';

/** Server page size for downloads: the guide's suggestion, a fair trade of request count and memory. */
const DOWNLOAD_PAGE_SIZE = 100;

/** The task list as a download, narrowed by the list's type and phase filters. */
export async function taskListDownloadPlan(client: LivepeerClient, filters: FilterValues = {}): Promise<DownloadPlan> {
  const type = filters.type || undefined;
  const phase = filters.phase || undefined;
  const query: TaskListQuery = { limit: DOWNLOAD_PAGE_SIZE, filters: { type } };
  const suffix = [type, phase].filter(Boolean).join('-');
  // The total counts server-side filters only, so it is known only without a phase filter.
  const expectedTotal = phase ? null : (await client.listTasks({ ...query, limit: 1, count: true })).totalCount;
  const match = phaseMatcher(phase ? [phase] : undefined);
  const plan: DownloadPlan & RawPageSource = {
    folderName: 'livepeer',
    fileName: suffix ? `tasks-${suffix}` : 'tasks',
    source: {
      platform: 'livepeer',
      baseUrl: client.http.buildUrl('/').href.replace(/\/$/, ''),
      list: 'tasks',
      type: type ?? null,
      phase: phase ?? null,
      order: 'createdAt-true',
    },
    expectedTotal,
    fetchPage: async (token, call) => {
      const page = await client.listTasks({ ...query, cursor: token }, call);
      return { tasks: match ? page.items.filter(match) : page.items, nextToken: page.nextCursor };
    },
    // Pass-through: the body is the array of tasks, the cursor is in the Link header. A phase
    // filter (applied here, the server cannot) parses each task only to decide, never to write.
    fetchRawPage: async (token, call) => {
      const page = await streamedPage(client.http, '/task', taskListParams({ ...query, cursor: token }), call, {
        shape: { itemsKey: null, idKeys: ['id'] },
        tokenFromHeaders: (header, count) => (count === 0 ? null : nextCursorFromLink(header('link'))),
      });
      if (!match) return page;
      const keep = page.items.map((item) => match(JSON.parse(item.toString('utf8')) as Task));
      return { ...page, items: page.items.filter((_, i) => keep[i]), ids: page.ids.filter((_, i) => keep[i]) };
    },
  };
  return plan;
}
