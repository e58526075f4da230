/**
 * Accept "id or name" wherever a person types a project, batch or delivery (CLI flags, quick
 * picks). The API takes either, but not in the same parameter, so we try the likelier one first.
 */
import { BadRequestError, NotFoundError, type TaskLensError } from '../http/errors';
import type { CallOptions } from '../http/client';
import type { ScaleClient } from './client';
import { idOf } from './helpers';
import type { Batch, Delivery, Project } from './types';

/** Scale ids are MongoDB ObjectIds; anything else is more likely a name. */
const OBJECT_ID = /^[0-9a-f]{24}$/i;

function quoted(value: string): string {
  const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  return `“${shown}”`;
}

function isMiss(error: unknown): error is TaskLensError {
  // A name passed as an id can come back 400 (malformed id) rather than 404.
  return error instanceof NotFoundError || error instanceof BadRequestError;
}

/** Tries each lookup in order; a miss moves on, any other failure (auth, network…) is final. */
async function firstFound<T>(lookups: ReadonlyArray<() => Promise<T>>): Promise<T | undefined> {
  for (const lookup of lookups) {
    try {
      return await lookup();
    } catch (error) {
      if (!isMiss(error)) throw error;
    }
  }
  return undefined;
}

export async function resolveProject(client: ScaleClient, idOrName: string, call?: CallOptions): Promise<Project> {
  const byId = () => client.getProject({ project_id: idOrName }, call);
  const byName = () => client.getProject({ project_name: idOrName }, call);
  const project = await firstFound(OBJECT_ID.test(idOrName) ? [byId, byName] : [byName, byId]);
  if (project) return project;
  throw new NotFoundError(
    `No project with the name or id ${quoted(idOrName)} is visible to this API key at ${client.http.origin} — check the spelling (names are case-sensitive) or list the projects.`,
  );
}

export async function resolveBatch(
  client: ScaleClient,
  idOrName: string,
  project: Project | string | undefined,
  call?: CallOptions,
): Promise<Batch> {
  if (project !== undefined) {
    const projectId = idOf(project) ?? '';
    // Batch lookups by name are not scoped to a project, so search the project's own list.
    let byName: Batch | undefined;
    for await (const batch of client.iterateBatches({ project_id: projectId, limit: 100 }, call)) {
      if (batch.id === idOrName) return batch;
      byName ??= batch.name === idOrName ? batch : undefined;
    }
    if (byName) return byName;
    const projectLabel = typeof project === 'string' ? project : project.name;
    throw new NotFoundError(
      `No batch with the name or id ${quoted(idOrName)} in project ${quoted(projectLabel)} — check the spelling or list the project's batches.`,
    );
  }
  const byId = () => client.getBatch({ batch_id: idOrName }, call);
  const byName = () => client.getBatch({ batch_name: idOrName }, call);
  const batch = await firstFound(OBJECT_ID.test(idOrName) ? [byId, byName] : [byName, byId]);
  if (batch) return batch;
  throw new NotFoundError(
    `No batch with the name or id ${quoted(idOrName)} is visible to this API key at ${client.http.origin} — check the spelling or name its project too.`,
  );
}

export async function resolveDelivery(
  client: ScaleClient,
  project: Project | string,
  idOrName: string,
  call?: CallOptions,
): Promise<Delivery> {
  const projectId = idOf(project) ?? '';
  const deliveries = await client.listDeliveries({ project_id: projectId }, call);
  const found = deliveries.find((d) => d.id === idOrName) ?? deliveries.find((d) => d.name === idOrName);
  if (found) return found;
  const projectLabel = typeof project === 'string' ? project : project.name;
  throw new NotFoundError(
    `No delivery with the name or id ${quoted(idOrName)} in project ${quoted(projectLabel)} — check the spelling or list the project's deliveries.`,
  );
}
