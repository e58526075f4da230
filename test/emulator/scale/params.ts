/** Query-parameter rules shared by the Scale routes: "one of", lookups by id or name, date filters. */
import { RouteError } from '../router';
import type { BatchDef, ProjectDef } from './catalog';
import type { ScaleData } from './data';
import type { TaskView } from './taskView';

export function scaleErrorBody(status: number, message: string): { status_code: number; error: string } {
  return { status_code: status, error: message };
}

/** Exactly one of `keys` must be present, else 400 as the docs describe. */
export function oneOf(query: URLSearchParams, keys: readonly string[]): string {
  const present = keys.filter((key) => (query.get(key) ?? '') !== '');
  if (present.length === 0) throw new RouteError(400, `One of ${keys.join(', ')} is required`);
  if (present.length > 1) throw new RouteError(400, `Provide only one of ${present.join(', ')}`);
  return present[0] as string;
}

export function requireParam(query: URLSearchParams, key: string): string {
  const value = query.get(key);
  if (value === null || value === '') throw new RouteError(400, `${key} is required`);
  return value;
}

/** Resolves `project_id` / `project_name`; 400 when neither, 404 when unknown. */
export function projectFrom(data: ScaleData, query: URLSearchParams): ProjectDef {
  const key = oneOf(query, ['project_id', 'project_name']);
  const value = query.get(key) ?? '';
  const project = key === 'project_id' ? data.findProject({ id: value }) : data.findProject({ name: value });
  if (!project) throw new RouteError(404, `Project not found: ${key}=${value.slice(0, 100)}`);
  return project;
}

export function batchFrom(data: ScaleData, query: URLSearchParams): BatchDef {
  const key = oneOf(query, ['batch_id', 'batch_name']);
  const value = query.get(key) ?? '';
  const batch = key === 'batch_id' ? data.findBatch({ id: value }) : data.findBatch({ name: value });
  if (!batch) throw new RouteError(404, `Batch not found: ${key}=${value.slice(0, 100)}`);
  return batch;
}

/** `<prefix>_after` / `<prefix>_before` as a predicate over an ISO timestamp. */
export function dateRange(query: URLSearchParams, prefix: string): (timestamp: string | null | undefined) => boolean {
  const bound = (key: string): number | undefined => {
    const raw = query.get(key);
    if (raw === null || raw === '') return undefined;
    const time = Date.parse(raw);
    if (Number.isNaN(time)) throw new RouteError(400, `${key} must be an ISO 8601 date-time`);
    return time;
  };
  const after = bound(`${prefix}_after`);
  const before = bound(`${prefix}_before`);
  if (after === undefined && before === undefined) return () => true;
  return (timestamp) => {
    if (!timestamp) return false;
    const time = Date.parse(timestamp);
    return (after === undefined || time > after) && (before === undefined || time < before);
  };
}

export function taskViewFrom(data: ScaleData, query: URLSearchParams): TaskView {
  return {
    opts: new Set(query.getAll('opts')),
    expand: new Set(query.getAll('expand')),
    resolve: (kind, id) => (kind === 'project' ? data.findProject({ id })?.project : data.findBatch({ id })?.batch),
  };
}

/** Swaps a `project` id for the project object when `expand=project` was asked for. */
export function expandProject<T extends { project: unknown }>(data: ScaleData, item: T, query: URLSearchParams): T {
  if (!query.getAll('expand').includes('project') || typeof item.project !== 'string') return item;
  const project = data.findProject({ id: item.project })?.project;
  return project ? { ...item, project } : item;
}
