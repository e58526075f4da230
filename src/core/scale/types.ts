/**
 * Tolerant TypeScript types for the Scale GenAI v2 API (reference §6). Field names are the wire
 * names. Fields the spec marks optional are `T | null | undefined`; unknown fields are kept at run
 * time (objects are never rebuilt), and unknown enum values and annotation types type-check.
 */
import type { Annotation, Rubric, RubricEvaluation } from './annotationTypes';
import type { BatchStatus, ErrorType, MessageRole, TaskStatus } from './enums';
import type { DetailedFile } from './fileTypes';

export type * from './annotationTypes';
export type * from './fileTypes';
export * from './enums';

type Maybe<T> = T | null | undefined;
/** ISO 8601 timestamp string. */
export type DateTime = string;
/** Free-form JSON object. */
export type JsonObject = Record<string, unknown>;

// §6.1 ---------------------------------------------------------------------------------------------

export interface Project {
  id: string;
  name: string;
  created_at: DateTime;
  /** Free strings since 2026-04; see PROJECT_TYPES for the former enum. */
  types?: Maybe<string[]>;
  models?: Maybe<string[]>;
}

export interface Batch {
  id: string;
  name: string;
  project: ExpandableProject;
  created_at: DateTime;
  completed_at?: Maybe<DateTime>;
  status: BatchStatus;
  /** URL or email notified on completion. */
  callback?: Maybe<string>;
  metadata: JsonObject;
}

/** A project delivery (not a dataset delivery). */
export interface Delivery {
  id: string;
  name: string;
  task_count: number;
  delivered_at: DateTime;
  project: ExpandableProject;
}

// §6.2 ---------------------------------------------------------------------------------------------

export interface Task {
  /** Note: `task_id`, not `id`. */
  task_id: string;
  project: ExpandableProject;
  batch?: Maybe<ExpandableBatch>;
  status: TaskStatus;
  created_at: DateTime;
  completed_at?: Maybe<DateTime>;
  metadata?: Maybe<JsonObject>;
  /** Empty unless completed; absent when the task was reported for sensitive content. */
  threads?: Maybe<Thread[]>;
  /** Present when `status` is `error`. */
  errors?: Maybe<ErrorDetail[]>;
  sensitive_content_reports?: Maybe<SensitiveContentReport[]>;
}

export interface ErrorDetail {
  type?: Maybe<ErrorType>;
  message?: Maybe<string>;
}

export interface SensitiveContentReport {
  type?: Maybe<string>;
  message?: Maybe<string>;
}

// §6.3 ---------------------------------------------------------------------------------------------

export interface Thread {
  id: string;
  turns: Turn[];
  submissions?: Maybe<Submission[]>;
  annotations: Annotation[];
}

export interface Submission {
  submitted_at?: Maybe<DateTime>;
  contributor_id?: Maybe<string>;
}

export interface Turn {
  id: string;
  /** Several assistant messages in one turn are side-by-side candidates, told apart by `source_id`. */
  messages: Message[];
  annotations: Annotation[];
  rubrics?: Maybe<Rubric[]>;
}

export interface Message {
  role: MessageRole;
  content: MessageContent;
  /** Where the message came from (`user`, a model name, …); the column label in comparisons. */
  source_id: string;
  model_parameters?: Maybe<ModelParameters>;
  annotations: Annotation[];
  rubric_evaluations?: Maybe<RubricEvaluation[]>;
}

export interface MessageContent {
  text?: Maybe<string>;
  reference_texts?: Maybe<ReferenceText[]>;
  attachments?: Maybe<DetailedFile[]>;
  chunks?: Maybe<Chunk[]>;
  reasoning?: Maybe<Reasoning[]>;
}

export interface ReferenceText {
  content?: Maybe<string>;
  category?: Maybe<string>;
  url?: Maybe<string>;
}

export interface Reasoning {
  content?: Maybe<string>;
}

export interface ModelParameters {
  model?: Maybe<string>;
  temperature?: Maybe<number>;
  max_completion_tokens?: Maybe<number>;
  top_p?: Maybe<number>;
  top_k?: Maybe<number>;
}

// §6.4 ---------------------------------------------------------------------------------------------

/** Only the text variant exists today; dispatch on the presence of `text`. */
export interface ChunkText {
  /** Unspecified by the reference; probably `text`. */
  type: string;
  annotations: Annotation[];
  text: string;
}
export type Chunk = ChunkText;

// §6.8 ---------------------------------------------------------------------------------------------

/** One entry of `/v2/delivery/tasks`. Delivery fields are null for tasks never delivered. */
export interface DeliveryTaskDoc {
  task_id: string;
  created_at?: Maybe<DateTime>;
  delivery_id?: Maybe<string>;
  delivered_at?: Maybe<string>;
  response_schema_id?: Maybe<string>;
  /** Free-form payload shaped by the delivery schema; not a `Task`. */
  response?: Maybe<JsonObject>;
}

/** `/v2/schema` as sent: `json` is a JSON Schema serialised as a string. */
export interface DeliverySchemaWire {
  id?: Maybe<string>;
  json?: Maybe<string>;
  name?: Maybe<string>;
  createdBy?: Maybe<string>;
  updatedBy?: Maybe<string>;
  createdAt?: Maybe<string>;
  updatedAt?: Maybe<string>;
}

// §6.9 ---------------------------------------------------------------------------------------------

export type ExpandableProject = string | Project;
export type ExpandableBatch = string | Batch;
export type ExpandableDelivery = string | Delivery;
export type ExpandableDataset = string | Dataset;
export type ExpandableDatasetDelivery = string | DatasetDelivery;

// §6.11 --------------------------------------------------------------------------------------------

export interface Dataset {
  id: string;
  name: string;
}

export interface DatasetDelivery {
  id: string;
  name: string;
  delivered_at: DateTime;
  dataset?: Maybe<ExpandableDataset>;
  metadata: DatasetDeliveryMetadata;
}

export interface DatasetDeliveryMetadata {
  task_count?: Maybe<number>;
  turn_count?: Maybe<number>;
}

export interface DatasetTask {
  task_id: string;
  dataset: ExpandableDataset;
  delivery: ExpandableDatasetDelivery;
  response: JsonObject;
}

// §6.10 envelopes ----------------------------------------------------------------------------------

export interface GetProjectsResponse {
  projects: Project[];
}
export interface GetBatchesResponse {
  batches: Batch[];
  next_token?: Maybe<string>;
}
export interface GetTasksResponse {
  tasks: Task[];
  next_token?: Maybe<string>;
}
export interface GetDeliveriesResponse {
  deliveries: Delivery[];
}
export interface GetDeliveredTasksResponse {
  delivery?: Maybe<ExpandableDelivery>;
  tasks: Task[];
  next_token?: Maybe<string>;
}
export interface GetDeliveryTasksResponse {
  docs: DeliveryTaskDoc[];
  total: number;
  next_token?: Maybe<string>;
}
export interface GetSchemaResponse {
  schema: DeliverySchemaWire;
}
export interface GetDatasetsResponse {
  datasets: Dataset[];
}
export interface GetDatasetDeliveriesResponse {
  deliveries: DatasetDelivery[];
}
export interface GetDatasetDeliveryResponse {
  delivery?: Maybe<ExpandableDatasetDelivery>;
  tasks: DatasetTask[];
  next_token?: Maybe<string>;
}
export interface GetDatasetTasksResponse {
  tasks: DatasetTask[];
  next_token?: Maybe<string>;
}
/** Body of every documented error status. */
export interface ErrorResponse {
  status_code?: Maybe<number>;
  error?: Maybe<string>;
}
