/** Scale v2 delivery endpoints: deliveries, delivery (the download path), delivery/tasks, schema. */
import { RouteError, type RouteGroup } from '../router';
import type { DeliveryDef, ProjectDef } from './catalog';
import type { ScaleData } from './data';
import { decodeId, isObjectId, objectId } from './ids';
import { pageOf } from './paging';
import { dateRange, expandProject, oneOf, projectFrom, requireParam, taskViewFrom } from './params';
import { TaskJsonCache, viewKey } from './taskJsonCache';
import { applyTaskView, transformTask } from './taskView';
import type { Task } from '../../../src/core/scale/types';

const COMMA = Buffer.from(',');

export function schemaIdOf(project: ProjectDef): string {
  return objectId('schema', project.index);
}

export function registerDeliveryRoutes(scale: RouteGroup, data: ScaleData): void {
  const taskJson = new TaskJsonCache();
  scale.get('/v2/deliveries', ({ query }) => {
    const project = projectFrom(data, query);
    const delivered = dateRange(query, 'delivered');
    const deliveries = data
      .deliveriesOf(project.index)
      .map((d) => d.delivery)
      .filter((d) => delivered(d.delivered_at))
      .map((d) => expandProject(data, d, query));
    return { status: 200, body: { deliveries } };
  });

  scale.get('/v2/delivery', ({ query }, context) => {
    const key = oneOf(query, ['delivery_id', 'delivery_name']);
    let def: DeliveryDef | undefined;
    if (key === 'delivery_id') {
      def = data.findDelivery(query.get('delivery_id') ?? '');
    } else {
      if (!query.has('project_id') && !query.has('project_name'))
        throw new RouteError(400, 'delivery_name requires project_id or project_name');
      const project = projectFrom(data, query);
      def = data.deliveriesOf(project.index).find((d) => d.delivery.name === query.get('delivery_name'));
    }
    if (!def) throw new RouteError(404, 'Delivery not found');
    const source = data.deliverySource(def);
    const page = pageOf(query, context, source.length);
    const view = taskViewFrom(data, query);
    const delivery = query.getAll('expand').includes('delivery') ? def.delivery : def.delivery.id;
    if (!data.deliveryIsGenerated(def)) {
      const tasks = page.indices.map((i) => applyTaskView(source.taskAt(i), view));
      return { status: 200, body: { delivery, tasks, ...(page.nextToken ? { next_token: page.nextToken } : {}) } };
    }
    // The same bytes JSON.stringify would give for that body, from each task's cached JSON.
    const shape = `${def.delivery.id}\u0000${viewKey(query)}\u0000`;
    const tasks = page.indices.map((i) => taskJson.get(shape + i, () => applyTaskView(source.taskAt(i), view)));
    const token = page.nextToken ? `,"next_token":${JSON.stringify(page.nextToken)}` : '';
    const parts: Uint8Array[] = [Buffer.from(`{"delivery":${JSON.stringify(delivery)},"tasks":[`)];
    tasks.forEach((task, i) => parts.push(...(i ? [COMMA, task] : [task])));
    parts.push(Buffer.from(`]${token}}`));
    return { status: 200, json: Buffer.concat(parts) };
  });

  scale.get('/v2/delivery/tasks', ({ query }, context) => {
    const project = projectFrom(data, query);
    const deliveryId = query.get('delivery_id');
    let source = data.projectSource(project.index);
    if (deliveryId) {
      const def = data.deliveriesOf(project.index).find((d) => d.delivery.id === deliveryId);
      if (!def) throw new RouteError(404, 'Delivery not found in this project');
      source = data.deliverySource(def);
    }
    const status = query.get('status');
    const completed = dateRange(query, 'completed');
    const filtered = status !== null || query.has('completed_after') || query.has('completed_before');
    const include = filtered
      ? (i: number) => (status === null || source.summaryAt(i).status === status) && completed(source.summaryAt(i).completedAt)
      : undefined;
    const page = pageOf(query, context, source.length, include);
    const docs = page.indices.map((i) => deliveryDoc(data, project, source.taskAt(i)));
    return { status: 200, body: { docs, total: docs.length, ...(page.nextToken ? { next_token: page.nextToken } : {}) } };
  });

  scale.get('/v2/schema', ({ query }) => {
    const schemaId = requireParam(query, 'schema_id');
    if (!isObjectId(schemaId)) throw new RouteError(400, 'schema_id must be a valid ObjectId');
    const decoded = decodeId(schemaId);
    const project = decoded?.kind === 'schema' ? data.catalog.projects[decoded.collection] : undefined;
    if (!project) throw new RouteError(404, 'Schema not found');
    return {
      status: 200,
      body: {
        schema: {
          id: schemaId,
          json: JSON.stringify(deliverySchema(project)),
          name: `${project.project.name} delivery schema`,
          createdBy: 'emulator',
          updatedBy: 'emulator',
          createdAt: project.project.created_at,
          updatedAt: project.project.created_at,
        },
      },
    };
  });
}

/** `/v2/delivery/tasks` entry: delivery fields null unless the task was delivered. */
function deliveryDoc(data: ScaleData, project: ProjectDef, task: Task): Record<string, unknown> {
  const decoded = decodeId(task.task_id);
  const delivery = decoded?.kind === 'task' ? data.deliveryContaining(decoded.collection, decoded.index) : undefined;
  return {
    task_id: task.task_id,
    created_at: task.created_at,
    delivery_id: delivery?.delivery.id ?? null,
    delivered_at: delivery?.delivery.delivered_at ?? null,
    response_schema_id: delivery ? schemaIdOf(project) : null,
    response: delivery ? deliveredResponse(task) : null,
  };
}

/** The delivered payload: the conversation with bare annotations, not a `Task`. */
function deliveredResponse(task: Task): Record<string, unknown> {
  const bare = transformTask(task, {
    annotation: (a) => ({ key: a.key, value: a.value }),
    message: (m) => ({
      role: m.role,
      content: { text: (m.content as { text?: unknown } | undefined)?.text ?? null },
      annotations: m.annotations,
    }),
  });
  return {
    threads: (bare.threads ?? []).map((t) => ({ id: t.id, turns: t.turns.map((turn) => ({ id: turn.id, messages: turn.messages })) })),
  };
}

function deliverySchema(project: ProjectDef): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: `${project.project.name} delivery`,
    type: 'object',
    required: ['threads'],
    properties: {
      threads: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            turns: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, messages: { type: 'array' } } } },
          },
        },
      },
    },
  };
}
