/** Scale GenAI v2 as a Platform: project → Batches / Deliveries / All tasks → tasks. */
import type { CallOptions } from '../http/client';
import { formatNumber, shortDate } from '../../shared/format';
import { markdownName as mdName, markdownText as md } from '../platform/markdown';
import type { Children, Entry, FilterSpec, Platform, SyncRunOptions, SyncSummary, TaskDocument } from '../platform/platform';
import { syncDeliveries } from './sync';
import type { ScaleClient } from './client';
import { deliveryDownloadPlan, taskListDownloadPlan } from './downloads';
import { BATCH_STATUSES, TASK_STATUSES } from './enums';
import { idOf, nameOf } from './helpers';
import { batchStatusLook, firstUserText, statusLabel, taskStatusLook } from './looks';
import { taskLabel } from '../../shared/taskLabel';
import type { TasksQuery } from './queries';
import type { Batch, Delivery, Project, Task } from './types';

const TASK_STATUS_FILTER: FilterSpec = {
  key: 'status',
  label: 'Status',
  options: TASK_STATUSES.map((s) => ({ value: s, label: statusLabel(s) })),
};
const BATCH_STATUS_FILTER: FilterSpec = {
  key: 'status',
  label: 'Status',
  options: BATCH_STATUSES.map((s) => ({ value: s, label: statusLabel(s) })),
};

export class ScalePlatform implements Platform {
  readonly kind = 'scale' as const;
  /** Names by id, learned while browsing, so task tabs and views can show them. */
  private readonly names = new Map<string, string>();

  constructor(private readonly client: ScaleClient) {}

  readonly roots: Children = {
    mode: 'list',
    load: async (call) => (await this.client.listProjects({}, call)).map((p) => this.projectEntry(p)),
  };

  async verify(call?: CallOptions): Promise<void> {
    await this.client.listProjects({}, call);
  }

  async getTask(taskId: string, call?: CallOptions): Promise<TaskDocument> {
    const task = await this.client.getTask(taskId, {}, call);
    const projectId = idOf(task.project);
    const batchId = idOf(task.batch);
    const [projectName, batchName] = await Promise.all([
      projectId ? this.nameFor(projectId, nameOf(task.project), () => this.client.getProject({ project_id: projectId }, call)) : undefined,
      batchId ? this.nameFor(batchId, nameOf(task.batch), () => this.client.getBatch({ batch_id: batchId }, call)) : undefined,
    ]);
    const context: Record<string, string> = {};
    if (projectName) context.projectName = projectName;
    if (projectId) context.projectId = projectId;
    if (batchName) context.batchName = batchName;
    if (batchId) context.batchId = batchId;
    const treePath = projectId
      ? [`project:${projectId}`, ...(batchId ? ['batches', `batch:${batchId}`] : ['all-tasks']), `task:${task.task_id}`]
      : [];
    return {
      id: task.task_id,
      raw: task,
      pathSegments: [projectName ?? projectId ?? 'project', batchName ?? batchId ?? 'no batch'],
      context,
      treePath,
    };
  }

  /** A name for an id: known already, expanded in the response, or looked up (once). */
  private async nameFor(
    id: string,
    expanded: string | undefined,
    lookup: () => Promise<{ name?: string | null }>,
  ): Promise<string | undefined> {
    if (expanded) this.names.set(id, expanded);
    if (!this.names.has(id)) {
      try {
        const name = (await lookup()).name;
        if (name) this.names.set(id, name);
      } catch {
        // A name is cosmetic; the id stands in for it.
      }
    }
    return this.names.get(id);
  }

  private projectEntry(p: Project): Entry {
    this.names.set(p.id, p.name);
    const types = (p.types ?? []).join(', ');
    return {
      key: `project:${p.id}`,
      type: 'project',
      copyId: p.id,
      look: {
        label: p.name,
        description: types,
        icon: 'project',
        tooltip: `**${mdName(p.name)}**\n\nProject ${md(p.id)}\n\nCreated ${md(shortDate(p.created_at))}${types ? `\n\nTypes: ${md(types)}` : ''}${p.models?.length ? `\n\nModels: ${md(p.models.join(', '))}` : ''}`,
      },
      children: {
        mode: 'list',
        load: async () => [
          this.batchesGroup(p),
          this.deliveriesGroup(p),
          this.tasksGroup(p, 'all-tasks', 'All tasks', { project_id: p.id }, [p.name, 'all tasks']),
        ],
      },
      sync: { label: p.name, run: (root, options) => this.syncProject(p, root, options) },
    };
  }

  /** Every delivery of the project not yet complete in `root`, oldest first (core/scale/sync.ts). */
  private async syncProject(p: Project, root: string, options: SyncRunOptions): Promise<SyncSummary> {
    const result = await syncDeliveries(this.client, p, root, {
      signal: options.signal,
      onStart: (delivery, index, total) => options.onStart?.(delivery.name, index, total),
      onProgress: (delivery, progress) => options.onProgress?.(delivery.name, progress.written, progress.total),
    });
    const failures = result.items
      .filter((item) => item.state === 'failed')
      .map((item) => ({ name: item.delivery.name, message: item.error?.message ?? 'failed' }));
    return { downloaded: result.downloaded, upToDate: result.upToDate, failures };
  }

  private batchesGroup(p: Project): Entry {
    return {
      key: 'batches',
      type: 'batches',
      look: { label: 'Batches', icon: 'layers' },
      children: {
        mode: 'paged',
        filters: [BATCH_STATUS_FILTER],
        loadPage: async ({ token, pageSize, filters, signal }) => {
          const page = await this.client.listBatches(
            { project_id: p.id, limit: pageSize, next_token: token, status: filters.status },
            { signal },
          );
          return { entries: page.items.map((b) => this.batchEntry(b, p)), nextToken: page.nextToken };
        },
      },
    };
  }

  private batchEntry(b: Batch, p: Project): Entry {
    this.names.set(b.id, b.name);
    const look = batchStatusLook(b.status);
    const when = b.completed_at ? `completed ${shortDate(b.completed_at)}` : `created ${shortDate(b.created_at)}`;
    return {
      key: `batch:${b.id}`,
      type: 'batch',
      copyId: b.id,
      look: {
        label: b.name,
        description: `${statusLabel(b.status)} · ${when}`,
        icon: look.icon,
        tone: look.tone,
        tooltip: `**${mdName(b.name)}** — ${md(statusLabel(b.status))}\n\nBatch ${md(b.id)}\n\nCreated ${md(shortDate(b.created_at))}${b.completed_at ? `\n\nCompleted ${md(shortDate(b.completed_at))}` : ''}`,
      },
      download: {
        kind: 'batch',
        label: b.name,
        plan: (filters) =>
          Promise.resolve(
            taskListDownloadPlan(this.client, { ...projectOf(p), batch: { id: b.id, name: b.name }, status: filters?.status }),
          ),
      },
      children: this.taskPages({ batch_id: b.id }, [p.name, b.name]).children,
    };
  }

  private deliveriesGroup(p: Project): Entry {
    return {
      key: 'deliveries',
      type: 'deliveries',
      look: { label: 'Deliveries', icon: 'package' },
      children: {
        mode: 'list',
        load: async (call) => (await this.client.listDeliveries({ project_id: p.id }, call)).map((d) => this.deliveryEntry(d, p)),
      },
    };
  }

  private deliveryEntry(d: Delivery, p: Project): Entry {
    const count = typeof d.task_count === 'number' ? d.task_count : undefined;
    return {
      key: `delivery:${d.id}`,
      type: 'delivery',
      copyId: d.id,
      look: {
        label: d.name,
        description: `${count === undefined ? '?' : formatNumber(count)} tasks · delivered ${shortDate(d.delivered_at)}`,
        icon: 'package',
        tooltip: `**${mdName(d.name)}**\n\nDelivery ${md(d.id)}\n\n${count ?? 'unknown number of'} tasks, delivered ${md(shortDate(d.delivered_at))}`,
      },
      download: {
        kind: 'delivery',
        label: d.name,
        plan: () =>
          Promise.resolve(
            deliveryDownloadPlan(this.client, { ...projectOf(p), deliveryId: d.id, deliveryName: d.name, taskCount: count ?? null }),
          ),
      },
      children: {
        mode: 'paged',
        loadPage: async ({ token, pageSize, signal }) => {
          const page = await this.client.getDeliveryPage({ delivery_id: d.id, limit: pageSize, next_token: token }, { signal });
          return { entries: page.items.map((t) => this.taskEntry(t, [p.name, d.name])), nextToken: page.nextToken, total: count };
        },
      },
    };
  }

  private tasksGroup(p: Project, key: string, label: string, selector: TasksQuery, path: string[]): Entry {
    return {
      key,
      type: 'tasks',
      look: { label, icon: 'checklist' },
      ...this.taskPages(selector, path),
      download: {
        kind: 'project-tasks',
        label: `${p.name} tasks`,
        plan: (filters) => Promise.resolve(taskListDownloadPlan(this.client, { ...projectOf(p), status: filters?.status })),
      },
    };
  }

  private taskPages(selector: TasksQuery, path: string[]): { children: Children } {
    return {
      children: {
        mode: 'paged',
        filters: [TASK_STATUS_FILTER],
        loadPage: async ({ token, pageSize, filters, signal }) => {
          // Only what the tree shows: the task view fetches full detail when a task opens.
          const query = { ...selector, limit: pageSize, next_token: token, status: filters.status, opts: [] } as TasksQuery;
          const page = await this.client.listTasks(query, { signal });
          return { entries: page.items.map((t) => this.taskEntry(t, path)), nextToken: page.nextToken };
        },
      },
    };
  }

  private taskEntry(t: Task, path: string[]): Entry {
    const look = taskStatusLook(t.status);
    const meta = t.metadata && typeof t.metadata === 'object' ? Object.entries(t.metadata).slice(0, 5) : [];
    // Ids share a long prefix: the row says what the task is about, the id is beside it in full.
    const text = firstUserText(t);
    const excerpt = text ? `\n\n“${md(text.replace(/\s+/g, ' ').trim().slice(0, 300))}”` : '';
    return {
      key: `task:${t.task_id}`,
      type: 'task',
      copyId: t.task_id,
      look: {
        label: taskLabel(t.task_id, text),
        description: `${statusLabel(t.status)} · ${t.task_id}`,
        icon: look.icon,
        tone: look.tone,
        tooltip: `**Task ${md(t.task_id)}** — ${md(statusLabel(t.status))}${excerpt}\n\nCreated ${md(shortDate(t.created_at))}${t.completed_at ? `\n\nCompleted ${md(shortDate(t.completed_at))}` : ''}${meta.map(([k, v]) => `\n\n${md(k)}: ${md(JSON.stringify(v).slice(0, 80))}`).join('')}`,
      },
      task: { id: t.task_id, pathSegments: path },
    };
  }
}

function projectOf(p: Project): { projectId: string; projectName: string } {
  return { projectId: p.id, projectName: p.name };
}
