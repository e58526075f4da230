/**
 * Tree entries for Livepeer tasks and their assets: labels, descriptions and markdown tooltips in
 * which every value from the API is inert text (`markdownText`). Pure functions of the API objects, so the tree and tests see the same thing.
 */
import { clockDuration, formatBytes, percent } from '../../shared/format';
import { markdownText as md } from '../platform/markdown';
import type { Entry } from '../platform/platform';
import { assetPhaseLook, msDate, phaseWithProgress, safeLink, shortId, sourceName, taskPhaseLook, valueLabel } from './looks';
import { liveStateOf } from './live';
import type { Asset, Task } from './types';

/** Which side of the task an asset is on. */
export type AssetRole = 'input' | 'output';

export const ROLE_LABEL: Record<AssetRole, string> = { input: 'Input asset', output: 'Output asset' };

/** `task:<id>`; the list position keeps id-less tasks (never seen, but tolerated) distinct. */
export function taskKey(task: Task, position: string | number): string {
  return typeof task.id === 'string' ? `task:${task.id}` : `task:#${position}`;
}

/** The asset ids a task links to, input first. */
export function assetLinks(task: Task): Array<{ role: AssetRole; id: string }> {
  const links: Array<{ role: AssetRole; id: string }> = [];
  if (typeof task.inputAssetId === 'string' && task.inputAssetId) links.push({ role: 'input', id: task.inputAssetId });
  if (typeof task.outputAssetId === 'string' && task.outputAssetId) links.push({ role: 'output', id: task.outputAssetId });
  return links;
}

export function taskLabel(task: Task): string {
  return `${valueLabel(task.type)} · ${sourceName(task) ?? shortId(task.id)}`;
}

/** A task without its children (the platform adds the lazy asset loader). */
export function taskEntryBase(task: Task, position: string | number): Entry {
  const status = task.status ?? {};
  const look = taskPhaseLook(status.phase);
  const created = msDate(task.createdAt);
  const id = typeof task.id === 'string' ? task.id : undefined;
  return {
    key: taskKey(task, position),
    type: 'task',
    copyId: id,
    look: {
      label: taskLabel(task),
      description: [phaseWithProgress(status.phase, status.progress), created && `created ${created}`].filter(Boolean).join(' · '),
      icon: look.icon,
      tone: look.tone,
      tooltip: taskTooltip(task),
    },
    task: id ? { id, pathSegments: ['tasks', valueLabel(task.type)] } : undefined,
    live: liveStateOf(task),
  };
}

function taskTooltip(task: Task): string {
  const status = task.status ?? {};
  const lines = [
    `**${md(valueLabel(task.type))} task** — ${md(phaseWithProgress(status.phase, status.progress))}`,
    `Task ${md(String(task.id ?? '?'))}`,
  ];
  if (typeof status.errorMessage === 'string' && status.errorMessage) lines.push(`Error: ${md(status.errorMessage.slice(0, 500))}`);
  if (typeof status.retries === 'number') lines.push(`Retries: ${status.retries}`);
  const source = sourceName(task);
  if (source) lines.push(`Source: ${md(source)}`);
  for (const { role, id } of assetLinks(task)) lines.push(`${ROLE_LABEL[role]}: ${md(id)}`);
  const times: Array<[string, unknown]> = [
    ['Created', task.createdAt],
    ['Scheduled', task.scheduledAt],
    ['Updated', status.updatedAt],
  ];
  for (const [label, ms] of times) if (msDate(ms)) lines.push(`${label} ${md(msDate(ms))} UTC`);
  return lines.join('\n\n');
}

export function assetEntry(asset: Asset, role: AssetRole, fallbackId: string): Entry {
  const id = typeof asset.id === 'string' ? asset.id : fallbackId;
  const status = asset.status ?? {};
  const look = assetPhaseLook(status.phase);
  const name = typeof asset.name === 'string' && asset.name ? asset.name : `Asset ${shortId(id)}`;
  const size = formatBytes(asset.size);
  const length = clockDuration(asset.videoSpec?.duration);
  const progress =
    status.phase === 'processing' && typeof status.progress === 'number'
      ? `processing ${percent(status.progress)}`
      : valueLabel(status.phase);
  const link = safeLink(asset.downloadUrl) ?? safeLink(asset.playbackUrl);
  return {
    key: `${role}:${id}`,
    type: 'asset',
    copyId: id,
    look: {
      label: name,
      description: [ROLE_LABEL[role], progress, size, length].filter(Boolean).join(' · '),
      icon: look.icon,
      tone: look.tone,
      tooltip: assetTooltip(asset, role, id, name),
    },
    link,
  };
}

function assetTooltip(asset: Asset, role: AssetRole, id: string, name: string): string {
  const status = asset.status ?? {};
  const lines = [`**${md(name)}** — ${md(ROLE_LABEL[role].toLowerCase())}, ${md(valueLabel(status.phase))}`, `Asset ${md(id)}`];
  if (typeof status.errorMessage === 'string' && status.errorMessage) lines.push(`Error: ${md(status.errorMessage.slice(0, 500))}`);
  const facts: Array<[string, string]> = [
    ['Size', formatBytes(asset.size)],
    ['Duration', clockDuration(asset.videoSpec?.duration)],
    ['Format', typeof asset.videoSpec?.format === 'string' ? asset.videoSpec.format : ''],
    ['Playback ID', typeof asset.playbackId === 'string' ? asset.playbackId : ''],
    ['Created', msDate(asset.createdAt) && `${msDate(asset.createdAt)} UTC`],
  ];
  for (const [label, value] of facts) if (value) lines.push(`${label}: ${md(value)}`);
  // Shown as text, never as links: the URLs come from the API and are opened only through `link`.
  for (const [label, url] of [
    ['Playback URL', asset.playbackUrl],
    ['Download URL', asset.downloadUrl],
  ] as const) {
    if (typeof url === 'string' && url) lines.push(`${label}: ${md(url.slice(0, 300))}`);
  }
  return lines.join('\n\n');
}

/** Stands in for an asset the API no longer has (deleted, or in another project). */
export function missingAssetEntry(role: AssetRole, id: string): Entry {
  return {
    key: `${role}:${id}`,
    type: 'asset-missing',
    copyId: id,
    look: {
      label: `${ROLE_LABEL[role]} not found`,
      description: shortId(id),
      icon: 'warning',
      tone: 'unknown',
      tooltip: `**${md(ROLE_LABEL[role])} not found (404)**\n\nAsset ${md(id)} — it may have been deleted, or it belongs to another project.`,
    },
  };
}
