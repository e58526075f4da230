/**
 * The emulator's fixed world: projects, batches and deliveries, with well-known names and ids that
 * tests address through `SCALE_FIXTURES`. Only definitions live here (a few dozen objects); tasks
 * are generated on demand from (batch, index).
 */
import type { Batch, Delivery, Project } from '../../../src/core/scale/types';
import { objectId } from './ids';
import { SHOWCASE, SHOWCASE_STATUSES } from './showcase';

export type TaskFactory = 'standard' | 'showcase' | 'big';

export interface ProjectDef {
  readonly index: number;
  readonly project: Project;
}

export interface BatchDef {
  readonly collection: number;
  readonly projectIndex: number;
  readonly batch: Batch;
  /** Generated tasks (registered extra tasks come after these). */
  readonly size: number;
  /** Task status by index, cycling. */
  readonly statusPattern: readonly string[];
  readonly factory: TaskFactory;
}

export interface DeliveryDef {
  readonly delivery: Delivery;
  readonly collection: number;
  readonly start: number;
  readonly count: number;
}

const P = (index: number) => objectId('project', index);
const B = (collection: number) => objectId('batch', collection);
const T = (collection: number, index: number) => objectId('task', collection, index);
const D = (index: number) => objectId('delivery', index);

const PROJECT_NAMES = [
  'Chat RLHF - Coding',
  'Paging Test 1050',
  'Bulk Deliveries',
  '../../etc: Hostile "Project" <Name>|?*',
  'Empty Project',
  'Evals – Safety (multilingual) 🌍',
] as const;

const MIXED = [
  'completed',
  'completed',
  'pending',
  'completed',
  'error',
  'canceled',
  'completed',
  'deleted',
  'quality_review',
  'completed',
];

/** Well-known objects, by the name tests use. Ids do not depend on the seed or size options. */
export const SCALE_FIXTURES = {
  projects: {
    main: { id: P(0), name: PROJECT_NAMES[0] },
    paging: { id: P(1), name: PROJECT_NAMES[1], taskCount: 1_050 },
    bulk: { id: P(2), name: PROJECT_NAMES[2] },
    hostile: { id: P(3), name: PROJECT_NAMES[3] },
    empty: { id: P(4), name: PROJECT_NAMES[4] },
    multilingual: { id: P(5), name: PROJECT_NAMES[5] },
  },
  batches: {
    batch250: { id: B(0), name: 'Batch 250', taskCount: 250 },
    showcase: { id: B(1), name: 'Showcase', taskCount: SHOWCASE_STATUSES.length },
    staging: { id: B(2), name: 'Staging batch' },
    inProgress: { id: B(3), name: 'In progress batch' },
    paused: { id: B(4), name: 'Paused batch' },
    cancelled: { id: B(5), name: 'Cancelled batch' },
    archived: { id: B(6), name: 'Archived batch', status: 'archived' },
    bigTask: { id: B(7), name: 'Big task batch' },
    pagingA: { id: B(8), name: 'Paging A', taskCount: 600 },
    pagingB: { id: B(9), name: 'Paging B', taskCount: 450 },
    bulk2500: { id: B(10), name: 'Bulk 2500', taskCount: 2_500 },
    bulkSized: { id: B(11), name: 'Bulk sized' },
    hostile: { id: B(12), name: '../batch: hostile/name' },
    multilingual: { id: B(13), name: 'Multilingual batch 🌍' },
  },
  tasks: {
    kitchenSink: T(1, SHOWCASE.kitchenSink),
    error: T(1, SHOWCASE.error),
    sensitive: T(1, SHOWCASE.sensitive),
    pending: T(1, SHOWCASE.pending),
    unknownStatus: T(1, SHOWCASE.unknownStatus),
    canceled: T(1, SHOWCASE.canceled),
    deleted: T(1, SHOWCASE.deleted),
    sideBySide: T(1, SHOWCASE.sideBySide),
    attachments: T(1, SHOWCASE.attachments),
    big: T(7, 0),
    huge: T(7, 1),
    manyAnnotations: T(7, 2),
    firstOfBatch250: T(0, 0),
  },
  deliveries: {
    weekly1: { id: D(0), name: '2025-05-22 weekly delivery', taskCount: 150 },
    weekly2: { id: D(1), name: '2025-05-29 weekly delivery', taskCount: 100 },
    showcase: { id: D(2), name: 'Showcase delivery', taskCount: SHOWCASE_STATUSES.length },
    delivery2500: { id: D(3), name: 'Delivery 2500', taskCount: 2_500 },
    sized: { id: D(4), name: 'Sized delivery' },
    hostile: { id: D(5), name: '../delivery: hostile' },
  },
  /** Value of `Task.status` no client knows. */
  unknownTaskStatus: 'quality_review',
  unknownBatchStatus: 'archived',
  unknownRole: 'tool',
  unknownAnnotationType: 'pairwise_slider',
} as const;

export const DEFAULT_SIZED_DELIVERY = 300;

export interface Catalog {
  readonly projects: readonly ProjectDef[];
  readonly batches: readonly BatchDef[];
  readonly deliveries: readonly DeliveryDef[];
}

function day(offset: number): string {
  return new Date(Date.UTC(2025, 2, 1) + offset * 86_400_000).toISOString();
}

export function buildCatalog(sizedDeliveryCount: number): Catalog {
  const projects: ProjectDef[] = PROJECT_NAMES.map((name, index) => ({
    index,
    project: {
      id: P(index),
      name,
      created_at: day(index * 3),
      types:
        [['RLHF: Pref Ranking'], ['SFT'], ['RLHF: Pref Ranking with Rewrites', 'Rubrics'], ['Other'], [], ['Evals', 'Safety red-teaming']][
          index
        ] ?? [],
      models: index === 4 ? [] : ['model-a', 'model-b'],
    },
  }));
  const batch = (
    collection: number,
    projectIndex: number,
    name: string,
    status: string,
    size: number,
    statusPattern: readonly string[],
    factory: TaskFactory = 'standard',
  ): BatchDef => ({
    collection,
    projectIndex,
    size,
    statusPattern,
    factory,
    batch: {
      id: B(collection),
      name,
      project: P(projectIndex),
      created_at: day(10 + collection),
      ...(status === 'completed' ? { completed_at: day(12 + collection) } : {}),
      status,
      ...(collection % 3 === 0 ? { callback: 'https://hooks.emulator.invalid/scale' } : {}),
      metadata: { team: ['alpha', 'beta'][collection % 2], priority: collection % 4 },
    },
  });
  const f = SCALE_FIXTURES.batches;
  const batches: BatchDef[] = [
    batch(0, 0, f.batch250.name, 'completed', 250, ['completed']),
    batch(1, 0, f.showcase.name, 'completed', SHOWCASE_STATUSES.length, SHOWCASE_STATUSES, 'showcase'),
    batch(2, 0, f.staging.name, 'staging', 5, ['pending']),
    batch(3, 0, f.inProgress.name, 'in_progress', 40, MIXED),
    batch(4, 0, f.paused.name, 'paused', 12, ['completed', 'pending', 'pending']),
    batch(5, 0, f.cancelled.name, 'cancelled', 8, ['canceled', 'completed']),
    batch(6, 0, f.archived.name, 'archived', 6, ['completed']),
    batch(7, 0, f.bigTask.name, 'completed', 3, ['completed'], 'big'),
    batch(8, 1, f.pagingA.name, 'completed', 600, ['completed']),
    batch(9, 1, f.pagingB.name, 'in_progress', 450, MIXED),
    batch(10, 2, f.bulk2500.name, 'completed', 2_500, ['completed']),
    batch(11, 2, f.bulkSized.name, 'completed', sizedDeliveryCount, ['completed']),
    batch(12, 3, f.hostile.name, 'completed', 3, ['completed']),
    batch(13, 5, f.multilingual.name, 'completed', 20, ['completed', 'completed', 'error']),
  ];
  const d = SCALE_FIXTURES.deliveries;
  const delivery = (index: number, projectIndex: number, name: string, collection: number, start: number, count: number): DeliveryDef => ({
    collection,
    start,
    count,
    delivery: { id: D(index), name, task_count: count, delivered_at: day(30 + index), project: P(projectIndex) },
  });
  const deliveries: DeliveryDef[] = [
    delivery(0, 0, d.weekly1.name, 0, 0, 150),
    delivery(1, 0, d.weekly2.name, 0, 150, 100),
    delivery(2, 0, d.showcase.name, 1, 0, SHOWCASE_STATUSES.length),
    delivery(3, 2, d.delivery2500.name, 10, 0, 2_500),
    delivery(4, 2, d.sized.name, 11, 0, sizedDeliveryCount),
    delivery(5, 3, d.hostile.name, 12, 0, 3),
  ];
  return { projects, batches, deliveries };
}
