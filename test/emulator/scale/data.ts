/**
 * The emulator's Scale data: catalog lookups plus lazy task sequences. A sequence knows its length
 * and can produce item i on demand, so paging a 100,000-task delivery holds one page at a time.
 */
import type { Annotation, Task } from '../../../src/core/scale/types';
import { bigTask } from './bigTask';
import {
  buildCatalog,
  DEFAULT_SIZED_DELIVERY,
  SCALE_FIXTURES,
  type BatchDef,
  type Catalog,
  type DeliveryDef,
  type ProjectDef,
} from './catalog';
import { decodeId, objectId } from './ids';
import { showcaseTask } from './showcase';
import { generateTask, type TaskPlace, type TaskSummary } from './taskGenerator';
import { walkAnnotations } from './taskView';

/** Re-exported so tests can take fixtures from the data module. */
export { SCALE_FIXTURES } from './catalog';

export interface ScaleDataOptions {
  /** Changes generated content (texts, values), never ids or counts. Default 42. */
  readonly seed?: number;
  /** Tasks in the "Sized delivery" (and its batch). Default 300; 100,000 works. */
  readonly deliverySize?: number;
  /** Fixed tasks added to the data (e.g. a hostile payload); see `registerExtraTask`. */
  readonly extraTasks?: readonly Task[];
}

/** A lazily generated list of tasks. */
export interface TaskSource {
  readonly length: number;
  summaryAt(index: number): TaskSummary;
  taskAt(index: number): Task;
}

export class ScaleData {
  readonly catalog: Catalog;
  readonly seed: number;
  readonly fixtures = SCALE_FIXTURES;
  private readonly extrasById = new Map<string, Task>();
  private readonly extrasByBatch = new Map<string, Task[]>();

  constructor(options: ScaleDataOptions = {}) {
    this.seed = options.seed ?? 42;
    this.catalog = buildCatalog(Math.max(0, Math.floor(options.deliverySize ?? DEFAULT_SIZED_DELIVERY)));
    for (const task of options.extraTasks ?? []) this.registerExtraTask(task);
  }

  /**
   * Adds a fixed task, served as given by `/v2/task`. If its `batch` names an existing batch, it is
   * also listed after that batch's generated tasks (and so in its project's listing).
   */
  registerExtraTask(task: Task): void {
    const previous = this.extrasById.get(task.task_id);
    this.extrasById.set(task.task_id, task);
    const batchId = typeof task.batch === 'string' ? task.batch : task.batch?.id;
    if (!batchId || !this.catalog.batches.some((b) => b.batch.id === batchId)) return;
    const list = this.extrasByBatch.get(batchId) ?? [];
    const at = previous ? list.indexOf(previous) : -1;
    if (at >= 0) list[at] = task;
    else list.push(task);
    this.extrasByBatch.set(batchId, list);
  }

  findProject(by: { id?: string | null; name?: string | null }): ProjectDef | undefined {
    return this.catalog.projects.find((p) => (by.id != null ? p.project.id === by.id : p.project.name === by.name));
  }

  findBatch(by: { id?: string | null; name?: string | null }): BatchDef | undefined {
    return this.catalog.batches.find((b) => (by.id != null ? b.batch.id === by.id : b.batch.name === by.name));
  }

  batchesOf(projectIndex: number): BatchDef[] {
    return this.catalog.batches.filter((b) => b.projectIndex === projectIndex);
  }

  deliveriesOf(projectIndex: number): DeliveryDef[] {
    const projectId = this.catalog.projects[projectIndex]?.project.id;
    return this.catalog.deliveries.filter((d) => d.delivery.project === projectId);
  }

  findDelivery(id: string): DeliveryDef | undefined {
    return this.catalog.deliveries.find((d) => d.delivery.id === id);
  }

  /** The delivery that contains task `index` of batch `collection`, if any. */
  deliveryContaining(collection: number, index: number): DeliveryDef | undefined {
    return this.catalog.deliveries.find((d) => d.collection === collection && index >= d.start && index < d.start + d.count);
  }

  batchSource(def: BatchDef): TaskSource {
    const extras = this.extrasByBatch.get(def.batch.id) ?? [];
    const place = (index: number): TaskPlace => ({
      seed: this.seed,
      collection: def.collection,
      index,
      projectId: def.batch.project as string,
      batchId: def.batch.id,
    });
    const summaryAt = (index: number): TaskSummary => {
      const extra = extras[index - def.size];
      if (extra) return { status: extra.status, createdAt: extra.created_at, completedAt: extra.completed_at ?? null };
      return generatedSummary(def, index);
    };
    return {
      length: def.size + extras.length,
      summaryAt,
      taskAt: (index) => extras[index - def.size] ?? generate(def, place(index), summaryAt(index)),
    };
  }

  /** All tasks of a project: its batches one after another. */
  projectSource(projectIndex: number): TaskSource {
    return concatSources(this.batchesOf(projectIndex).map((b) => this.batchSource(b)));
  }

  deliverySource(def: DeliveryDef): TaskSource {
    const batch = this.catalog.batches.find((b) => b.collection === def.collection);
    if (!batch) return concatSources([]);
    const source = this.batchSource(batch);
    return { length: def.count, summaryAt: (i) => source.summaryAt(def.start + i), taskAt: (i) => source.taskAt(def.start + i) };
  }

  /** True when every task of the delivery is generated (none added later), so each is deterministic. */
  deliveryIsGenerated(def: DeliveryDef): boolean {
    const batch = this.catalog.batches.find((b) => b.collection === def.collection);
    return batch !== undefined && def.start + def.count <= batch.size;
  }

  findTask(taskId: string): Task | undefined {
    const extra = this.extrasById.get(taskId);
    if (extra) return extra;
    const decoded = decodeId(taskId);
    if (decoded?.kind !== 'task' || decoded.sub !== 0) return undefined;
    const batch = this.catalog.batches.find((b) => b.collection === decoded.collection);
    if (!batch || decoded.index >= batch.size) return undefined;
    return this.batchSource(batch).taskAt(decoded.index);
  }

  findAnnotation(annotationId: string): Annotation | undefined {
    const decoded = decodeId(annotationId);
    const candidates: Task[] = [];
    if (decoded?.kind === 'annotation') {
      const task = this.findTask(objectId('task', decoded.collection, decoded.index));
      if (task) candidates.push(task);
    }
    candidates.push(...this.extrasById.values());
    for (const task of candidates) {
      let found: Annotation | undefined;
      walkAnnotations(task, (annotation) => {
        if (annotation.id === annotationId) found ??= annotation;
        return annotation;
      });
      if (found) return found;
    }
    return undefined;
  }
}

export function createScaleData(options: ScaleDataOptions = {}): ScaleData {
  return new ScaleData(options);
}

function generatedSummary(def: BatchDef, index: number): TaskSummary {
  const status = def.statusPattern[index % def.statusPattern.length] ?? 'completed';
  const created = Date.parse(def.batch.created_at) + index * 37_000;
  return {
    status,
    createdAt: new Date(created).toISOString(),
    completedAt: status === 'completed' ? new Date(created + 86_400_000 + (index % 600) * 1_000).toISOString() : null,
  };
}

function generate(def: BatchDef, place: TaskPlace, summary: TaskSummary): Task {
  if (def.factory === 'showcase') return showcaseTask(place, summary);
  if (def.factory === 'big') return bigTask(place, summary);
  return generateTask(place, summary);
}

function concatSources(sources: readonly TaskSource[]): TaskSource {
  const starts: number[] = [];
  let total = 0;
  for (const source of sources) {
    starts.push(total);
    total += source.length;
  }
  const locate = (index: number): [TaskSource, number] => {
    for (let s = sources.length - 1; s >= 0; s--) {
      const start = starts[s] ?? 0;
      if (index >= start) return [sources[s] as TaskSource, index - start];
    }
    throw new RangeError(`task index ${index} out of range`);
  };
  return {
    length: total,
    summaryAt: (index) => {
      const [source, local] = locate(index);
      return source.summaryAt(local);
    },
    taskAt: (index) => {
      const [source, local] = locate(index);
      return source.taskAt(local);
    },
  };
}
