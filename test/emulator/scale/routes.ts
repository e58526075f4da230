/**
 * Scale v2 read endpoints: projects, batches, tasks, annotations (deliveries and datasets are in
 * their own files). Behaviour follows the reference: "one of" rules, `limit` 1..100, opaque
 * `next_token`, repeated `expand` / `opts` keys, `{status_code, error}` error bodies.
 */
import type { Task } from '../../../src/core/scale/types';
import type { Router, RouteGroup } from '../router';
import { RouteError } from '../router';
import type { ScaleData, TaskSource } from './data';
import { registerDatasetRoutes } from './datasetRoutes';
import { registerDeliveryRoutes } from './deliveryRoutes';
import { pageOf } from './paging';
import { batchFrom, dateRange, expandProject, oneOf, projectFrom, requireParam, scaleErrorBody, taskViewFrom } from './params';
import { applyTaskView } from './taskView';

export { scaleErrorBody } from './params';

export function registerScaleRoutes(router: Router, data: ScaleData): void {
  const scale = router.group({ name: 'scale', errorBody: scaleErrorBody });
  registerProjectRoutes(scale, data);
  registerTaskRoutes(scale, data);
  registerDeliveryRoutes(scale, data);
  registerDatasetRoutes(scale, data);
  registerScaleControl(router, data);
}

/** `POST /__emulator/scale/tasks` with a Task: `registerExtraTask` for tests in another process. */
function registerScaleControl(router: Router, data: ScaleData): void {
  const control = router.group({ name: 'scale-control', control: true, errorBody: scaleErrorBody });
  control.post('/__emulator/scale/tasks', ({ body }) => {
    const task = body as Partial<Task> | undefined;
    if (typeof task !== 'object' || task === null || typeof task.task_id !== 'string')
      throw new RouteError(400, 'Send one task object with a string task_id');
    data.registerExtraTask(task as Task);
    return { status: 201, body: { task_id: task.task_id } };
  });
}

function registerProjectRoutes(scale: RouteGroup, data: ScaleData): void {
  scale.get('/v2/projects', ({ query }) => {
    const created = dateRange(query, 'created');
    return { status: 200, body: { projects: data.catalog.projects.map((p) => p.project).filter((p) => created(p.created_at)) } };
  });

  scale.get('/v2/project', ({ query }) => ({ status: 200, body: projectFrom(data, query).project }));

  scale.get('/v2/batches', ({ query }, context) => {
    const project = projectFrom(data, query);
    const status = query.get('status');
    const created = dateRange(query, 'created');
    const completed = query.has('completed_after') || query.has('completed_before') ? dateRange(query, 'completed') : () => true;
    const batches = data
      .batchesOf(project.index)
      .filter((b) => (status === null || b.batch.status === status) && created(b.batch.created_at) && completed(b.batch.completed_at));
    const page = pageOf(query, context, batches.length);
    const items = page.indices.map((i) => expandProject(data, (batches[i] as (typeof batches)[number]).batch, query));
    return { status: 200, body: { batches: items, ...(page.nextToken ? { next_token: page.nextToken } : {}) } };
  });

  scale.get('/v2/batch', ({ query }) => ({ status: 200, body: expandProject(data, batchFrom(data, query).batch, query) }));
}

function registerTaskRoutes(scale: RouteGroup, data: ScaleData): void {
  scale.get('/v2/tasks', ({ query }, context) => {
    const source = taskSourceFor(data, query);
    const status = query.get('status');
    const completed = dateRange(query, 'completed');
    const filtered = status !== null || query.has('completed_after') || query.has('completed_before');
    const include = filtered
      ? (i: number) => {
          const summary = source.summaryAt(i);
          return (status === null || summary.status === status) && completed(summary.completedAt);
        }
      : undefined;
    const page = pageOf(query, context, source.length, include);
    const view = taskViewFrom(data, query);
    const tasks = page.indices.map((i) => applyTaskView(source.taskAt(i), view));
    return { status: 200, body: { tasks, ...(page.nextToken ? { next_token: page.nextToken } : {}) } };
  });

  scale.get('/v2/task', ({ query }) => {
    const taskId = requireParam(query, 'task_id');
    const task = data.findTask(taskId);
    if (!task) throw new RouteError(404, `Task not found: ${taskId.slice(0, 100)}`);
    return { status: 200, body: applyTaskView(task, taskViewFrom(data, query)) };
  });

  scale.get('/v2/annotation', ({ query }) => {
    const annotationId = requireParam(query, 'annotation_id');
    const annotation = data.findAnnotation(annotationId);
    if (!annotation) throw new RouteError(404, `Annotation not found: ${annotationId.slice(0, 100)}`);
    return { status: 200, body: annotation };
  });
}

/** A batch's tasks when a batch is named (narrowed to the project if both are), else the project's. */
function taskSourceFor(data: ScaleData, query: URLSearchParams): TaskSource {
  const hasBatch = query.has('batch_id') || query.has('batch_name');
  const hasProject = query.has('project_id') || query.has('project_name');
  if (!hasBatch && !hasProject) oneOf(query, ['project_id', 'project_name', 'batch_id', 'batch_name']);
  if (!hasBatch) return data.projectSource(projectFrom(data, query).index);
  const batch = batchFrom(data, query);
  if (hasProject && projectFrom(data, query).index !== batch.projectIndex) return data.projectSource(-1);
  return data.batchSource(batch);
}
