/**
 * Read-only client for the Scale GenAI v2 API. One method per read endpoint; every paginated
 * endpoint has a one-page form (`list…` / `get…Page`) and an async-iterator form (`iterate…`) that
 * follows `next_token` to the end. No mutating endpoint is reachable from here, by design.
 *
 * Objects are returned exactly as `JSON.parse` produced them: nothing is copied, renamed or
 * dropped, so `JSON.stringify(task)` is the API's JSON with its original key order. That is what
 * the JSON tabs and downloads rely on.
 */
import type { CallOptions, HttpClient, QueryParams } from '../http/client';
import { iterateItems, iteratePages, type Page } from '../http/pagination';
import { DEFAULT_TASK_OPTIONS, type TaskOption } from './enums';
import type {
  BatchesQuery,
  BatchQuery,
  DatasetDeliveriesQuery,
  DatasetDeliveryQuery,
  DatasetTasksQuery,
  DeliveriesQuery,
  DeliveryQuery,
  DeliveryTasksQuery,
  ProjectSelector,
  ProjectsQuery,
  TaskDetailQuery,
  TasksQuery,
} from './queries';
import { resolveBatch, resolveDelivery, resolveProject } from './resolve';
import type {
  Annotation,
  Batch,
  Dataset,
  DatasetDelivery,
  DatasetTask,
  Delivery,
  DeliverySchemaWire,
  DeliveryTaskDoc,
  ExpandableDatasetDelivery,
  ExpandableDelivery,
  Project,
  Task,
} from './types';
import { expectObject, expectObjectArray, expectStringField, invalidResponse, pageOf, parseEmbeddedJson } from './validate';

/** A page of `/v2/delivery`: tasks plus the delivery they belong to (an id, or expanded). */
export interface DeliveryPage extends Page<Task> {
  readonly delivery: ExpandableDelivery | null;
}

/** A page of `/v2/delivery/tasks`. `pageTotal` counts this page only (the API's `total`). */
export interface DeliveryTasksPage extends Page<DeliveryTaskDoc> {
  readonly pageTotal: number | null;
}

export interface DatasetDeliveryPage extends Page<DatasetTask> {
  readonly delivery: ExpandableDatasetDelivery | null;
}

/** `/v2/schema` with its embedded JSON Schema parsed. */
export interface DeliverySchema {
  readonly id: string | null;
  /** The JSON Schema, parsed from the `json` string; null when the server sent none. */
  readonly jsonSchema: unknown;
  /** The `schema` object as sent (including fields the reference does not list). */
  readonly raw: DeliverySchemaWire;
}

export interface ScaleClientOptions {
  /** `opts` sent with task requests that do not specify their own. Default: all four options. */
  readonly defaultTaskOptions?: readonly TaskOption[];
}

export class ScaleClient {
  private readonly defaultTaskOptions: readonly TaskOption[];

  constructor(
    readonly http: HttpClient,
    options: ScaleClientOptions = {},
  ) {
    this.defaultTaskOptions = options.defaultTaskOptions ?? DEFAULT_TASK_OPTIONS;
  }

  // Projects -------------------------------------------------------------------------------------

  async listProjects(query: ProjectsQuery = {}, call?: CallOptions): Promise<Project[]> {
    return expectObjectArray<Project>(await this.get('/v2/projects', query, call), 'projects', this.endpoint('/v2/projects'));
  }

  async getProject(selector: ProjectSelector, call?: CallOptions): Promise<Project> {
    return this.getObject<Project>('/v2/project', selector, call, 'id');
  }

  // Batches --------------------------------------------------------------------------------------

  async listBatches(query: BatchesQuery, call?: CallOptions): Promise<Page<Batch>> {
    return this.getPage<Batch>('/v2/batches', 'batches', query, call);
  }

  iterateBatches(query: BatchesQuery, call?: CallOptions): AsyncGenerator<Batch, void, undefined> {
    return iterateItems(iteratePages((next_token) => this.listBatches({ ...query, next_token }, call), query.next_token));
  }

  async getBatch(query: BatchQuery, call?: CallOptions): Promise<Batch> {
    return this.getObject<Batch>('/v2/batch', query, call, 'id');
  }

  // Tasks ----------------------------------------------------------------------------------------

  async listTasks(query: TasksQuery, call?: CallOptions): Promise<Page<Task>> {
    return this.getPage<Task>('/v2/tasks', 'tasks', this.withTaskOptions(query), call);
  }

  iterateTasks(query: TasksQuery, call?: CallOptions): AsyncGenerator<Task, void, undefined> {
    return iterateItems(iteratePages((next_token) => this.listTasks({ ...query, next_token }, call), query.next_token));
  }

  /** One task with full detail (all `opts` unless `detail.opts` says otherwise). */
  async getTask(taskId: string, detail: TaskDetailQuery = {}, call?: CallOptions): Promise<Task> {
    return this.getObject<Task>('/v2/task', this.withTaskOptions({ task_id: taskId, ...detail }), call, 'task_id');
  }

  async getAnnotation(annotationId: string, call?: CallOptions): Promise<Annotation> {
    return expectObject(
      await this.get('/v2/annotation', { annotation_id: annotationId }, call),
      this.endpoint('/v2/annotation'),
    ) as Annotation;
  }

  // Deliveries -----------------------------------------------------------------------------------

  async listDeliveries(query: DeliveriesQuery, call?: CallOptions): Promise<Delivery[]> {
    return expectObjectArray<Delivery>(await this.get('/v2/deliveries', query, call), 'deliveries', this.endpoint('/v2/deliveries'));
  }

  /** One page of a delivery's tasks (full `Task` objects, the main download path). */
  async getDeliveryPage(query: DeliveryQuery, call?: CallOptions): Promise<DeliveryPage> {
    const page = pageOf<Task>(await this.get('/v2/delivery', this.withTaskOptions(query), call), 'tasks', this.endpoint('/v2/delivery'));
    return { items: page.items, nextToken: page.nextToken, delivery: expandableOrNull<ExpandableDelivery>(page.body.delivery) };
  }

  /** Every page of a delivery, for callers that checkpoint `nextToken` (resumable downloads). */
  iterateDeliveryPages(query: DeliveryQuery, call?: CallOptions): AsyncGenerator<DeliveryPage, void, undefined> {
    return iteratePages((next_token) => this.getDeliveryPage({ ...query, next_token }, call), query.next_token);
  }

  iterateDelivery(query: DeliveryQuery, call?: CallOptions): AsyncGenerator<Task, void, undefined> {
    return iterateItems(this.iterateDeliveryPages(query, call));
  }

  async listDeliveryTasks(query: DeliveryTasksQuery, call?: CallOptions): Promise<DeliveryTasksPage> {
    const page = pageOf<DeliveryTaskDoc>(await this.get('/v2/delivery/tasks', query, call), 'docs', this.endpoint('/v2/delivery/tasks'));
    const total = page.body.total;
    return { items: page.items, nextToken: page.nextToken, pageTotal: typeof total === 'number' ? total : null };
  }

  iterateDeliveryTasks(query: DeliveryTasksQuery, call?: CallOptions): AsyncGenerator<DeliveryTaskDoc, void, undefined> {
    return iterateItems(iteratePages((next_token) => this.listDeliveryTasks({ ...query, next_token }, call), query.next_token));
  }

  /** The delivery JSON schema, with its `json` string parsed a second time. */
  async getSchema(schemaId: string, call?: CallOptions): Promise<DeliverySchema> {
    const endpoint = this.endpoint('/v2/schema');
    const body = expectObject(await this.get('/v2/schema', { schema_id: schemaId }, call), endpoint);
    const raw = expectObject(body.schema, endpoint, '“schema”') as DeliverySchemaWire;
    if (raw.json !== undefined && raw.json !== null && typeof raw.json !== 'string') {
      throw invalidResponse(endpoint, '“schema.json” should be a string holding a JSON Schema');
    }
    const jsonSchema = typeof raw.json === 'string' ? parseEmbeddedJson(raw.json, endpoint, 'schema.json') : null;
    return { id: typeof raw.id === 'string' ? raw.id : null, jsonSchema, raw };
  }

  // Datasets -------------------------------------------------------------------------------------

  async listDatasets(call?: CallOptions): Promise<Dataset[]> {
    return expectObjectArray<Dataset>(await this.get('/v2/datasets', {}, call), 'datasets', this.endpoint('/v2/datasets'));
  }

  async listDatasetDeliveries(query: DatasetDeliveriesQuery, call?: CallOptions): Promise<DatasetDelivery[]> {
    const body = await this.get('/v2/datasets/deliveries', query, call);
    return expectObjectArray<DatasetDelivery>(body, 'deliveries', this.endpoint('/v2/datasets/deliveries'));
  }

  async getDatasetDeliveryPage(query: DatasetDeliveryQuery, call?: CallOptions): Promise<DatasetDeliveryPage> {
    const endpoint = this.endpoint('/v2/datasets/delivery');
    const page = pageOf<DatasetTask>(await this.get('/v2/datasets/delivery', query, call), 'tasks', endpoint);
    return { items: page.items, nextToken: page.nextToken, delivery: expandableOrNull<ExpandableDatasetDelivery>(page.body.delivery) };
  }

  iterateDatasetDelivery(query: DatasetDeliveryQuery, call?: CallOptions): AsyncGenerator<DatasetTask, void, undefined> {
    return iterateItems(iteratePages((next_token) => this.getDatasetDeliveryPage({ ...query, next_token }, call), query.next_token));
  }

  async listDatasetTasks(query: DatasetTasksQuery, call?: CallOptions): Promise<Page<DatasetTask>> {
    return this.getPage<DatasetTask>('/v2/datasets/tasks', 'tasks', query, call);
  }

  iterateDatasetTasks(query: DatasetTasksQuery, call?: CallOptions): AsyncGenerator<DatasetTask, void, undefined> {
    return iterateItems(iteratePages((next_token) => this.listDatasetTasks({ ...query, next_token }, call), query.next_token));
  }

  async getDatasetTask(taskId: string, detail: Pick<DatasetDeliveryQuery, 'expand'> = {}, call?: CallOptions): Promise<DatasetTask> {
    return this.getObject<DatasetTask>('/v2/datasets/task', { task_id: taskId, ...detail }, call, 'task_id');
  }

  /**
   * The URL an attachment of a dataset task redirects to. The redirect is read, not followed, so the
   * caller decides whether and how to fetch it (the target may be a signed URL on another host).
   */
  getDatasetTaskResponseUrl(taskId: string, attachmentId: string, call?: CallOptions): Promise<string> {
    const path = `/v2/datasets/task/${encodeURIComponent(taskId)}/response_url/${encodeURIComponent(attachmentId)}`;
    return this.http.getRedirectLocation(path, {}, call);
  }

  // Names or ids, for the CLI and "reveal" commands ------------------------------------------------

  resolveProject(idOrName: string, call?: CallOptions): Promise<Project> {
    return resolveProject(this, idOrName, call);
  }

  /** With `project`, only that project's batches match; without it, the name must be unique server-side. */
  resolveBatch(idOrName: string, project?: Project | string, call?: CallOptions): Promise<Batch> {
    return resolveBatch(this, idOrName, project, call);
  }

  resolveDelivery(project: Project | string, idOrName: string, call?: CallOptions): Promise<Delivery> {
    return resolveDelivery(this, project, idOrName, call);
  }

  // Plumbing -------------------------------------------------------------------------------------

  private endpoint(path: string) {
    return this.http.endpointFor(path);
  }

  private get(path: string, query: QueryParams, call: CallOptions | undefined): Promise<unknown> {
    return this.http.getJson(path, query, call);
  }

  private async getObject<T>(path: string, query: QueryParams, call: CallOptions | undefined, idField: string): Promise<T> {
    const endpoint = this.endpoint(path);
    const body = expectObject(await this.get(path, query, call), endpoint);
    expectStringField(body, idField, endpoint);
    return body as T;
  }

  private async getPage<T>(path: string, field: string, query: QueryParams, call: CallOptions | undefined): Promise<Page<T>> {
    const page = pageOf<T>(await this.get(path, query, call), field, this.endpoint(path));
    return { items: page.items, nextToken: page.nextToken };
  }

  private withTaskOptions<Q extends { opts?: readonly TaskOption[] }>(query: Q): Q & { opts: readonly TaskOption[] } {
    return { ...query, opts: query.opts ?? this.defaultTaskOptions };
  }
}

function expandableOrNull<T>(value: unknown): T | null {
  return typeof value === 'string' || (typeof value === 'object' && value !== null) ? (value as T) : null;
}
