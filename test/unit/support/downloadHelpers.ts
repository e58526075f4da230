/** Shared pieces of the download tests: temp folders, a seeded PRNG, and what the emulator serves. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { RawPageSource } from '../../../src/core/download/rawPages';
import type { CallOptions } from '../../../src/core/http/client';
import type { DownloadPlan } from '../../../src/core/platform/platform';
import type { ScaleClient } from '../../../src/core/scale/client';
import { deliveryDownloadPlan } from '../../../src/core/scale/downloads';
import { TASK_OPTIONS } from '../../../src/core/scale/enums';
import type { Emulator } from '../../emulator/server';

/** The emulator's mulberry32: the same sequence for the same seed on every machine. */
export { mulberry32 as seededRandom } from '../../emulator/scale/random';

export function randomInt(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** Temp folders made by `tempRoot`, removed by `removeTempRoots` (call it in `after`). */
const roots: string[] = [];

export async function tempRoot(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'task-lens-download-'));
  roots.push(root);
  return root;
}

export async function removeTempRoots(): Promise<void> {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
}

/** Generated data depends only on the seed and sizes, so test files share what was fetched once. */
const servedCache = new Map<string, Promise<string>>();

/**
 * What the emulator serves for a paged task list, fetched by hand (plain fetch, not the client
 * under test): every page followed to the end, each task re-serialised as one JSONL line.
 */
export function servedJsonl(
  emulator: Emulator,
  endpoint: '/v2/delivery' | '/v2/tasks',
  params: Readonly<Record<string, string>>,
): Promise<string> {
  const sizes = emulator.scale.catalog.batches.map((b) => b.size).join(',');
  const key = JSON.stringify([emulator.scale.seed, sizes, endpoint, params]);
  let served = servedCache.get(key);
  if (!served) {
    served = fetchServed(emulator, endpoint, params);
    servedCache.set(key, served);
    served.catch(() => servedCache.delete(key));
  }
  return served;
}

async function fetchServed(emulator: Emulator, endpoint: string, params: Readonly<Record<string, string>>): Promise<string> {
  const lines: string[] = [];
  let token: string | undefined;
  do {
    const url = new URL(`${emulator.url}${endpoint}`);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    url.searchParams.set('limit', '100');
    for (const option of TASK_OPTIONS) url.searchParams.append('opts', option);
    if (token) url.searchParams.set('next_token', token);
    const response = await fetch(url, { headers: { Authorization: `Bearer ${emulator.apiKey}` } });
    if (!response.ok) throw new Error(`reference fetch failed: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as { tasks: unknown[]; next_token?: string };
    for (const task of body.tasks) lines.push(`${JSON.stringify(task)}\n`);
    token = body.next_token;
  } while (token);
  return lines.join('');
}

export interface DeliveryFixture {
  readonly id: string;
  readonly name: string;
}

export interface ProjectFixture {
  readonly id: string;
  readonly name: string;
}

export function deliveryPlan(
  client: ScaleClient,
  project: ProjectFixture,
  delivery: DeliveryFixture,
  taskCount: number | null,
): DownloadPlan {
  return deliveryDownloadPlan(client, {
    projectId: project.id,
    projectName: project.name,
    deliveryId: delivery.id,
    deliveryName: delivery.name,
    taskCount,
  });
}

/** Splits JSONL text into lines (without the newlines), checking the text ends with one. */
export function jsonlLines(text: string): string[] {
  if (text === '') return [];
  if (!text.endsWith('\n')) throw new Error('JSONL text does not end with a newline');
  return text.slice(0, -1).split('\n');
}

/** The `task_id`s of a JSONL text, in order. */
export function taskIds(text: string): string[] {
  return jsonlLines(text).map((line) => (JSON.parse(line) as { task_id: string }).task_id);
}

/**
 * `plan` with `around` wrapped about every page fetch, raw (pass-through) or parsed, so a test can
 * count calls, arm faults or cancel whichever way the engine fetches.
 */
export function aroundFetch(
  plan: DownloadPlan,
  around: <T extends { readonly nextToken: string | null }>(token: string | undefined, fetch: () => Promise<T>) => Promise<T>,
): DownloadPlan {
  const raw = (plan as Partial<RawPageSource>).fetchRawPage;
  return {
    ...plan,
    fetchPage: (token, call) => around(token, () => plan.fetchPage(token, call)),
    ...(raw ? { fetchRawPage: (token: string | undefined, call: CallOptions) => around(token, () => raw(token, call)) } : {}),
  } as DownloadPlan;
}

/** `plan` without its pass-through pages, so the engine uses (and a test can edit) parsed tasks. */
export function parsedOnly(plan: DownloadPlan): DownloadPlan {
  const { fetchRawPage: _raw, ...rest } = plan as DownloadPlan & Partial<RawPageSource>;
  return rest;
}
