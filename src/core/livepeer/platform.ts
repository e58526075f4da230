/** Livepeer Studio as a Platform: one "Tasks" list (paged, filterable by type and phase) → task → assets. */
import { isCancelledError, NotFoundError } from '../http/errors';
import type { CallOptions } from '../http/client';
import type {
  Children,
  DownloadPlan,
  DownloadRef,
  Entry,
  EntryPage,
  FilterSpec,
  FilterValues,
  PageRequest,
  Platform,
  RelatedDocument,
  TaskDocument,
} from '../platform/platform';
import { streamedPage, type RawPageSource } from '../download/rawPages';
import { LivepeerClient, phaseMatcher } from './client';
import { assetEntry, assetLinks, missingAssetEntry, ROLE_LABEL, taskEntryBase, type AssetRole } from './entries';
import { valueLabel } from './looks';
import { nextCursorFromLink, taskListParams, type TaskListQuery } from './queries';
import { LEGACY_TASK_TYPES, TASK_PHASES, TASK_TYPES, type Task } from './types';

export const TASKS_DOWNLOAD_KIND = 'livepeer-tasks';

const TYPE_FILTER: FilterSpec = {
  key: 'type',
  label: 'Type',
  options: TASK_TYPES.map((t) => ({ value: t, label: LEGACY_TASK_TYPES.includes(t) ? `${t} (legacy)` : t })),
};
const PHASE_FILTER: FilterSpec = { key: 'phase', label: 'Phase', options: TASK_PHASES.map((p) => ({ value: p, label: p })) };

/** Server page size for downloads: the guide's suggestion, a fair trade of request count and memory. */
const DOWNLOAD_PAGE_SIZE = 100;

export class LivepeerPlatform implements Platform {
  readonly kind = 'livepeer' as const;

  constructor(readonly client: LivepeerClient) {}

  readonly roots: Children = {
    mode: 'list',
    load: async () => [this.tasksRoot()],
  };

  async verify(call?: CallOptions): Promise<void> {
    await this.client.listTasks({ limit: 1 }, call);
  }

  /** The task as the API returned it, with its input/output assets as `related` documents. */
  async getTask(taskId: string, call?: CallOptions): Promise<TaskDocument> {
    const task = await this.client.getTask(taskId, call);
    const id = typeof task.id === 'string' ? task.id : taskId;
    const status = task.status ?? {};
    const context: Record<string, string> = { type: valueLabel(task.type), phase: valueLabel(status.phase) };
    const extra: Array<[string, unknown]> = [
      ['progress', status.progress],
      ['retries', status.retries],
      ['errorMessage', status.errorMessage],
      ['inputAssetId', task.inputAssetId],
      ['outputAssetId', task.outputAssetId],
      ['projectId', task.projectId],
    ];
    for (const [key, value] of extra) if (typeof value === 'string' || typeof value === 'number') context[key] = String(value);
    return {
      id,
      raw: task,
      pathSegments: ['tasks', valueLabel(task.type)],
      context,
      treePath: ['tasks', `task:${id}`],
      related: await this.getTaskAssets(task, call),
    };
  }

  /**
   * The task's input and output assets (with track details), in that order. An asset that cannot be
   * fetched is still listed, with `raw: null` and the reason, so the view can say so; only a
   * cancellation propagates.
   */
  async getTaskAssets(task: Task, call?: CallOptions): Promise<RelatedDocument[]> {
    return Promise.all(
      assetLinks(task).map(async ({ role, id }): Promise<RelatedDocument> => {
        const base = { label: ROLE_LABEL[role], type: 'asset', id };
        try {
          return { ...base, raw: await this.client.getAsset(id, { details: true }, call) };
        } catch (error) {
          if (isCancelledError(error)) throw error;
          const problem =
            error instanceof NotFoundError
              ? 'Not found (404) — the asset may have been deleted, or it belongs to another project.'
              : error instanceof Error
                ? error.message
                : String(error);
          return { ...base, raw: null, problem };
        }
      }),
    );
  }

  async planDownload(ref: DownloadRef, filters: FilterValues = {}): Promise<DownloadPlan> {
    if (ref.kind !== TASKS_DOWNLOAD_KIND) throw new Error(`Livepeer Studio cannot download “${ref.kind}” lists.`);
    const type = filters.type || undefined;
    const phase = filters.phase || undefined;
    const query: TaskListQuery = { limit: DOWNLOAD_PAGE_SIZE, filters: { type } };
    const suffix = [type, phase].filter(Boolean).join('-');
    // The total counts server-side filters only, so it is known only without a phase filter.
    const expectedTotal = phase ? null : (await this.client.listTasks({ ...query, limit: 1, count: true })).totalCount;
    const match = phaseMatcher(phase ? [phase] : undefined);
    const plan: DownloadPlan & RawPageSource = {
      folderName: 'livepeer',
      fileName: suffix ? `tasks-${suffix}` : 'tasks',
      source: {
        platform: 'livepeer',
        baseUrl: this.client.http.buildUrl('/').href.replace(/\/$/, ''),
        list: 'tasks',
        type: type ?? null,
        phase: phase ?? null,
        order: 'createdAt-true',
      },
      expectedTotal,
      fetchPage: async (token, call) => {
        const page = await this.client.listTasks({ ...query, cursor: token }, call);
        return { tasks: match ? page.items.filter(match) : page.items, nextToken: page.nextCursor };
      },
      // Pass-through: the body is the array of tasks, the cursor is in the Link header. A phase
      // filter (applied here, the server cannot) parses each task only to decide, never to write.
      fetchRawPage: async (token, call) => {
        const page = await streamedPage(this.client.http, '/task', taskListParams({ ...query, cursor: token }), call, {
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

  private tasksRoot(): Entry {
    return {
      key: 'tasks',
      type: 'tasks',
      look: {
        label: 'Tasks',
        icon: 'checklist',
        tooltip: 'Video tasks of this project (upload, export, transcode-file, clip, …), newest first.',
      },
      download: { kind: TASKS_DOWNLOAD_KIND, label: 'tasks', params: {} },
      children: { mode: 'paged', filters: [TYPE_FILTER, PHASE_FILTER], loadPage: (request) => this.loadTaskPage(request) },
    };
  }

  /**
   * One "Load more": a server page, or with a phase filter as many server pages as it takes to find
   * a page's worth of matches (bounded, so a rare phase still answers quickly; the token continues).
   */
  private async loadTaskPage({ token, pageSize, filters, signal }: PageRequest): Promise<EntryPage> {
    const query: TaskListQuery = { limit: pageSize, cursor: token, filters: { type: filters.type || undefined } };
    const call = { signal };
    const page = filters.phase
      ? await this.client.listMatchingTasks(query, { phases: [filters.phase], want: pageSize }, call)
      : await this.client.listTasks({ ...query, count: token === undefined }, call);
    return {
      entries: page.items.map((t, i) => this.taskEntry(t, `${token ?? 'start'}+${i}`)),
      nextToken: page.nextCursor,
      total: page.totalCount,
    };
  }

  private taskEntry(task: Task, position: string): Entry {
    const entry = taskEntryBase(task, position);
    const links = assetLinks(task);
    if (links.length === 0) return entry;
    return {
      ...entry,
      children: { mode: 'list', load: (call) => Promise.all(links.map(({ role, id }) => this.assetChild(role, id, call))) },
    };
  }

  /** A deleted or foreign asset (404) becomes an entry saying so; other failures show as the list's error. */
  private async assetChild(role: AssetRole, id: string, call: CallOptions): Promise<Entry> {
    try {
      return assetEntry(await this.client.getAsset(id, {}, call), role, id);
    } catch (error) {
      if (error instanceof NotFoundError) return missingAssetEntry(role, id);
      throw error;
    }
  }
}
