/** Scale GenAI v2 as a Platform: project → Batches / Deliveries / All tasks → tasks. */
// Core's own words in the tree go through @vscode/l10n: the editor feeds it vscode.l10n's bundle, the CLI keeps English.
import * as l10n from '@vscode/l10n';
import type { CallOptions } from '../http/client';
import type { Children, Entry, Platform, SyncRunOptions, SyncSummary, TaskDocument } from '../platform/platform';
import { syncDeliveries } from './sync';
import type { ScaleClient } from './client';
import { deliveryDownloadPlan, taskListDownloadPlan } from './downloads';
import { batchLook, batchStatusFilter, deliveryLook, deliveryTaskCount, projectLook, taskEntry, taskStatusFilter } from './entries';
import { idOf, nameOf } from './helpers';
import type { TasksQuery } from './queries';
import type { Batch, Delivery, Project } from './types';

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
    return {
      key: `project:${p.id}`,
      type: 'project',
      copyId: p.id,
      look: projectLook(p),
      children: {
        mode: 'list',
        load: async () => [
          this.batchesGroup(p),
          this.deliveriesGroup(p),
          this.tasksGroup(p, 'all-tasks', l10n.t('All tasks'), { project_id: p.id }, [p.name, 'all tasks']),
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
      look: { label: l10n.t('Batches'), icon: 'layers' },
      children: {
        mode: 'paged',
        filters: [batchStatusFilter()],
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
    return {
      key: `batch:${b.id}`,
      type: 'batch',
      copyId: b.id,
      look: batchLook(b),
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
      look: { label: l10n.t('Deliveries'), icon: 'package' },
      children: {
        mode: 'list',
        load: async (call) => (await this.client.listDeliveries({ project_id: p.id }, call)).map((d) => this.deliveryEntry(d, p)),
      },
    };
  }

  private deliveryEntry(d: Delivery, p: Project): Entry {
    const count = deliveryTaskCount(d);
    return {
      key: `delivery:${d.id}`,
      type: 'delivery',
      copyId: d.id,
      look: deliveryLook(d),
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
          return { entries: page.items.map((t) => taskEntry(t, [p.name, d.name])), nextToken: page.nextToken, total: count };
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
        filters: [taskStatusFilter()],
        loadPage: async ({ token, pageSize, filters, signal }) => {
          // Only what the tree shows: the task view fetches full detail when a task opens.
          const query = { ...selector, limit: pageSize, next_token: token, status: filters.status, opts: [] } as TasksQuery;
          const page = await this.client.listTasks(query, { signal });
          return { entries: page.items.map((t) => taskEntry(t, path)), nextToken: page.nextToken };
        },
      },
    };
  }
}

function projectOf(p: Project): { projectId: string; projectName: string } {
  return { projectId: p.id, projectName: p.name };
}
