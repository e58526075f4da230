/** Scale v2 dataset endpoints (delivered datasets), with small generated data. */
import type { Dataset, DatasetDelivery, DatasetTask } from '../../../src/core/scale/types';
import { RouteError, type RouteGroup } from '../router';
import type { ScaleData } from './data';
import { decodeId, objectId } from './ids';
import { pageOf } from './paging';
import { dateRange, requireParam } from './params';
import { mixSeed, Rng } from './random';

interface DatasetDeliveryDef {
  readonly index: number;
  readonly datasetIndex: number;
  readonly delivery: DatasetDelivery;
  readonly count: number;
}

export const DATASETS: readonly Dataset[] = [
  { id: objectId('dataset', 0), name: 'Customer Support Conversations' },
  { id: objectId('dataset', 1), name: 'Code Review Pairs' },
];

const DELIVERY_SPECS = [
  { datasetIndex: 0, name: 'CS delivery 2025-06', count: 120 },
  { datasetIndex: 0, name: 'CS delivery 2025-07', count: 35 },
  { datasetIndex: 1, name: 'CR delivery 2025-06', count: 60 },
];

export const DATASET_DELIVERIES: readonly DatasetDeliveryDef[] = DELIVERY_SPECS.map((spec, index) => ({
  index,
  datasetIndex: spec.datasetIndex,
  count: spec.count,
  delivery: {
    id: objectId('datasetDelivery', index),
    name: spec.name,
    delivered_at: new Date(Date.UTC(2025, 5 + index, 15, 18)).toISOString(),
    dataset: DATASETS[spec.datasetIndex]?.id ?? '',
    metadata: { task_count: spec.count, turn_count: spec.count * 3 },
  },
}));

function datasetTask(seed: number, def: DatasetDeliveryDef, i: number, expand: readonly string[]): DatasetTask {
  const rng = new Rng(mixSeed(seed, 1000 + def.index, i));
  const taskId = objectId('datasetTask', def.index, i);
  return {
    task_id: taskId,
    dataset: expand.includes('dataset') ? (DATASETS[def.datasetIndex] as Dataset) : (def.delivery.dataset as string),
    delivery: expand.includes('delivery') ? def.delivery : def.delivery.id,
    response: {
      conversation: [
        { role: 'user', text: rng.pick(['My order has not arrived.', 'How do I reset my password?', 'Please review this diff.']) },
        {
          role: 'assistant',
          text: rng.pick(['Sorry to hear that — let me check.', 'Here is how to do it:\n\n1. Open settings\n2. Choose *Security*']),
        },
      ],
      attachments: [{ id: `att_${i}_0`, name: `screenshot_${i}.png`, mime_type: 'image/png' }],
      labels: { resolved: rng.chance(0.7), sentiment: rng.pick(['positive', 'neutral', 'negative']) },
    },
  };
}

function findDelivery(id: string): DatasetDeliveryDef | undefined {
  return DATASET_DELIVERIES.find((d) => d.delivery.id === id);
}

export function registerDatasetRoutes(scale: RouteGroup, data: ScaleData): void {
  scale.get('/v2/datasets', () => ({ status: 200, body: { datasets: DATASETS } }));

  scale.get('/v2/datasets/deliveries', ({ query }) => {
    const datasetId = requireParam(query, 'dataset_id');
    const datasetIndex = DATASETS.findIndex((d) => d.id === datasetId);
    if (datasetIndex < 0) throw new RouteError(404, 'Dataset not found');
    const delivered = dateRange(query, 'delivered');
    const expandDataset = query.getAll('expand').includes('dataset');
    const deliveries = DATASET_DELIVERIES.filter((d) => d.datasetIndex === datasetIndex && delivered(d.delivery.delivered_at)).map((d) =>
      expandDataset ? { ...d.delivery, dataset: DATASETS[datasetIndex] } : d.delivery,
    );
    return { status: 200, body: { deliveries } };
  });

  scale.get('/v2/datasets/delivery', ({ query }, context) => {
    const def = findDelivery(requireParam(query, 'delivery_id'));
    if (!def) throw new RouteError(404, 'Dataset delivery not found');
    const expand = query.getAll('expand');
    const page = pageOf(query, context, def.count);
    const tasks = page.indices.map((i) => datasetTask(data.seed, def, i, expand));
    const delivery = expand.includes('delivery') ? def.delivery : def.delivery.id;
    return { status: 200, body: { delivery, tasks, ...(page.nextToken ? { next_token: page.nextToken } : {}) } };
  });

  scale.get('/v2/datasets/tasks', ({ query }, context) => {
    const datasetId = query.get('dataset_id');
    const deliveryId = query.get('delivery_id');
    if (!datasetId && !deliveryId) throw new RouteError(400, 'One of dataset_id, delivery_id is required');
    const delivered = dateRange(query, 'delivered');
    const defs = DATASET_DELIVERIES.filter(
      (d) =>
        (!deliveryId || d.delivery.id === deliveryId) &&
        (!datasetId || DATASETS[d.datasetIndex]?.id === datasetId) &&
        delivered(d.delivery.delivered_at),
    );
    const starts = defs.map((_, i) => defs.slice(0, i).reduce((sum, d) => sum + d.count, 0));
    const length = defs.reduce((sum, d) => sum + d.count, 0);
    const expand = query.getAll('expand');
    const page = pageOf(query, context, length);
    const tasks = page.indices.map((index) => {
      let at = starts.length - 1;
      while (at > 0 && (starts[at] ?? 0) > index) at--;
      return datasetTask(data.seed, defs[at] as DatasetDeliveryDef, index - (starts[at] ?? 0), expand);
    });
    return { status: 200, body: { tasks, ...(page.nextToken ? { next_token: page.nextToken } : {}) } };
  });

  scale.get('/v2/datasets/task', ({ query }) => {
    const found = locateDatasetTask(requireParam(query, 'task_id'));
    if (!found) throw new RouteError(404, 'Dataset task not found');
    return { status: 200, body: datasetTask(data.seed, found.def, found.index, query.getAll('expand')) };
  });

  scale.get('/v2/datasets/task/:taskId/response_url/:attachmentId', ({ params }) => {
    const found = locateDatasetTask(params.taskId ?? '');
    if (!found || params.attachmentId !== `att_${found.index}_0`) throw new RouteError(404, 'Attachment not found');
    const location = `https://files.emulator.invalid/datasets/${params.taskId}/${params.attachmentId}?signature=emulated`;
    return { status: 302, headers: { Location: location } };
  });
}

function locateDatasetTask(taskId: string): { def: DatasetDeliveryDef; index: number } | undefined {
  const decoded = decodeId(taskId);
  if (decoded?.kind !== 'datasetTask') return undefined;
  const def = DATASET_DELIVERIES[decoded.collection];
  return def && decoded.index < def.count ? { def, index: decoded.index } : undefined;
}
