/** Livepeer Studio as a Platform: one "Tasks" list (paged, filterable by type and phase) → task → assets. */
// Core's own words in the tree go through @vscode/l10n: the editor feeds it vscode.l10n's bundle, the CLI keeps English.
import * as l10n from '@vscode/l10n';
import { isCancelledError, NotFoundError } from '../http/errors';
import type { CallOptions } from '../http/client';
import type {
  Children,
  LiveTasks,
  DownloadPlan,
  Entry,
  EntryPage,
  FilterSpec,
  FilterValues,
  PageRequest,
  Platform,
  RelatedDocument,
  TaskDocument,
} from '../platform/platform';
import { LivepeerClient } from './client';
import { taskListDownloadPlan } from './downloads';
import { assetEntry, assetLinks, missingAssetEntry, roleLabel, taskEntryBase, type AssetRole } from './entries';
import { valueLabel } from './looks';
import type { TaskListQuery } from './queries';
import { liveStateOf } from './live';
import { downloadTaskOutput } from './outputDownload';
import { LEGACY_TASK_TYPES, TASK_PHASES, TASK_TYPES, type Task } from './types';

export const TASKS_DOWNLOAD_KIND = 'livepeer-tasks';

const TYPE_FILTER: FilterSpec = {
  key: 'type',
  label: 'Type',
  options: TASK_TYPES.map((t) => ({ value: t, label: LEGACY_TASK_TYPES.includes(t) ? `${t} (legacy)` : t })),
};
const PHASE_FILTER: FilterSpec = { key: 'phase', label: 'Phase', options: TASK_PHASES.map((p) => ({ value: p, label: p })) };

export class LivepeerPlatform implements Platform {
  readonly kind = 'livepeer' as const;

  constructor(readonly client: LivepeerClient) {}

  readonly roots: Children = {
    mode: 'list',
    load: async () => [this.tasksRoot()],
  };

  readonly live: LiveTasks = {
    fetch: (taskId, call) => this.client.getTask(taskId, call),
    stateOf: (raw) => (isTask(raw) ? liveStateOf(raw) : undefined),
    entryFor: (raw, position) => this.taskEntry(isTask(raw) ? raw : {}, position),
    get retryNote() {
      return l10n.t(
        'Task Lens will call POST /task/{0}/retry once. Livepeer Studio serves this endpoint, but it is not in Livepeer’s published API: it may change or go away. The task goes back to “waiting” and runs again.',
        '{id}',
      );
    },
    retry: async (taskId, call) => {
      await this.client.retryTask(taskId, call);
    },
    downloadOutput: async (taskId, root, run) => {
      const result = await downloadTaskOutput(this.client, taskId, root, run);
      return { file: result.file, bytes: result.bytes, alreadyComplete: result.alreadyComplete };
    },
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
        const base = { label: roleLabel(role), type: 'asset', id };
        try {
          return { ...base, raw: await this.client.getAsset(id, { details: true }, call) };
        } catch (error) {
          if (isCancelledError(error)) throw error;
          const problem =
            error instanceof NotFoundError
              ? l10n.t('Not found (404) — the asset may have been deleted, or it belongs to another project.')
              : error instanceof Error
                ? error.message
                : String(error);
          return { ...base, raw: null, problem };
        }
      }),
    );
  }

  /** The task list as a download, narrowed by the list's type and phase filters. */
  planTaskListDownload(filters: FilterValues = {}): Promise<DownloadPlan> {
    return taskListDownloadPlan(this.client, filters);
  }

  private tasksRoot(): Entry {
    return {
      key: 'tasks',
      type: 'tasks',
      look: {
        label: l10n.t('Tasks'),
        icon: 'checklist',
        tooltip: l10n.t('Video tasks of this project (upload, export, transcode-file, clip, …), newest first.'),
      },
      download: { kind: TASKS_DOWNLOAD_KIND, label: 'tasks', plan: (filters) => this.planTaskListDownload(filters) },
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

function isTask(raw: unknown): raw is Task {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw);
}
