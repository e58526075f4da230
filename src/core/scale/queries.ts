/**
 * Query parameters of the Scale v2 read endpoints (reference §3), with their wire names. "One of"
 * rules from the docs are expressed as unions so a request that the server would reject with 400
 * does not type-check. Arrays (`expand`, `opts`) are sent as repeated keys.
 */
import type {
  BatchExpand,
  BatchStatus,
  DatasetDeliveriesExpand,
  DatasetTaskExpand,
  DeliveriesExpand,
  DeliveryExpand,
  TaskExpand,
  TaskOption,
  TaskStatus,
} from './enums';

/** ISO 8601, e.g. `2024-01-01T00:00:00Z`. */
type DateTimeFilter = string;

export type ProjectSelector = { project_id: string; project_name?: never } | { project_name: string; project_id?: never };
export type BatchSelector = { batch_id: string; batch_name?: never } | { batch_name: string; batch_id?: never };

/** `limit` is 1..100. `next_token` resumes from a page; iterators start there when it is given. */
export type PageQuery = { limit?: number; next_token?: string };

export type ProjectsQuery = { created_after?: DateTimeFilter; created_before?: DateTimeFilter };

export type BatchesQuery = ProjectSelector &
  PageQuery & {
    status?: BatchStatus;
    created_after?: DateTimeFilter;
    created_before?: DateTimeFilter;
    completed_after?: DateTimeFilter;
    completed_before?: DateTimeFilter;
    expand?: readonly BatchExpand[];
  };

export type BatchQuery = BatchSelector & { expand?: readonly BatchExpand[] };

/** Extra task detail; when omitted the client asks for every known option. Pass `[]` for none. */
export type TaskDetailQuery = { expand?: readonly TaskExpand[]; opts?: readonly TaskOption[] };

export type TasksQuery = (ProjectSelector | BatchSelector) &
  PageQuery &
  TaskDetailQuery & {
    status?: TaskStatus;
    completed_after?: DateTimeFilter;
    completed_before?: DateTimeFilter;
  };

export type DeliveriesQuery = ProjectSelector & {
  delivered_after?: DateTimeFilter;
  delivered_before?: DateTimeFilter;
  expand?: readonly DeliveriesExpand[];
};

/** A delivery by id alone (ids are global), or by name within a project. */
export type DeliverySelector =
  { delivery_id: string; delivery_name?: never } | (ProjectSelector & { delivery_name: string; delivery_id?: never });

export type DeliveryQuery = DeliverySelector &
  PageQuery & {
    expand?: readonly DeliveryExpand[];
    opts?: readonly TaskOption[];
  };

export type DeliveryTasksQuery = ProjectSelector &
  PageQuery & {
    delivery_id?: string;
    status?: TaskStatus;
    completed_after?: DateTimeFilter;
    completed_before?: DateTimeFilter;
  };

export type DatasetDeliveriesQuery = {
  dataset_id: string;
  delivered_after?: DateTimeFilter;
  delivered_before?: DateTimeFilter;
  expand?: readonly DatasetDeliveriesExpand[];
};

export type DatasetDeliveryQuery = PageQuery & { delivery_id: string; expand?: readonly DatasetTaskExpand[] };

export type DatasetTasksQuery = ({ dataset_id: string; delivery_id?: string } | { delivery_id: string; dataset_id?: string }) &
  PageQuery & {
    delivered_after?: DateTimeFilter;
    delivered_before?: DateTimeFilter;
    expand?: readonly DatasetTaskExpand[];
  };
