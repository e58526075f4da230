/**
 * Tree entries for Livepeer tasks and their assets: labels, descriptions and markdown tooltips in
 * which every value from the API is inert text (`markdownText`). Pure functions of the API objects, so the tree and tests see the same thing.
 * Their own words go through @vscode/l10n (the editor's bundle; English in the CLI).
 */
import * as l10n from '@vscode/l10n';
import { clockDuration, formatBytes, percent } from '../../shared/format';
import { markdownText as md } from '../platform/markdown';
import type { Entry } from '../platform/platform';
import { assetPhaseLook, msDate, phaseWithProgress, safeLink, shortId, sourceName, taskPhaseLook, valueLabel } from './looks';
import { liveStateOf } from './live';
import type { Asset, Task } from './types';

/** Which side of the task an asset is on. */
export type AssetRole = 'input' | 'output';

export function roleLabel(role: AssetRole): string {
  return role === 'input' ? l10n.t('Input asset') : l10n.t('Output asset');
}

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
      description: [phaseWithProgress(status.phase, status.progress), created && l10n.t('created {0}', created)]
        .filter(Boolean)
        .join(' · '),
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
    `**${l10n.t('{0} task', md(valueLabel(task.type)))}** — ${md(phaseWithProgress(status.phase, status.progress))}`,
    l10n.t('Task {0}', md(String(task.id ?? '?'))),
  ];
  if (typeof status.errorMessage === 'string' && status.errorMessage)
    lines.push(l10n.t('Error: {0}', md(status.errorMessage.slice(0, 500))));
  if (typeof status.retries === 'number') lines.push(l10n.t('Retries: {0}', status.retries));
  const source = sourceName(task);
  if (source) lines.push(l10n.t('Source: {0}', md(source)));
  for (const { role, id } of assetLinks(task)) lines.push(`${roleLabel(role)}: ${md(id)}`);
  const times: Array<[(when: string) => string, unknown]> = [
    [(when) => l10n.t('Created {0} UTC', when), task.createdAt],
    [(when) => l10n.t('Scheduled {0} UTC', when), task.scheduledAt],
    [(when) => l10n.t('Updated {0} UTC', when), status.updatedAt],
  ];
  for (const [line, ms] of times) if (msDate(ms)) lines.push(line(md(msDate(ms))));
  return lines.join('\n\n');
}

export function assetEntry(asset: Asset, role: AssetRole, fallbackId: string): Entry {
  const id = typeof asset.id === 'string' ? asset.id : fallbackId;
  const status = asset.status ?? {};
  const look = assetPhaseLook(status.phase);
  const name = typeof asset.name === 'string' && asset.name ? asset.name : l10n.t('Asset {0}', shortId(id));
  const size = formatBytes(asset.size);
  const length = clockDuration(asset.videoSpec?.duration);
  const progress =
    status.phase === 'processing' && typeof status.progress === 'number'
      ? l10n.t('processing {0}', percent(status.progress))
      : valueLabel(status.phase);
  const link = safeLink(asset.downloadUrl) ?? safeLink(asset.playbackUrl);
  return {
    key: `${role}:${id}`,
    type: 'asset',
    copyId: id,
    look: {
      label: name,
      description: [roleLabel(role), progress, size, length].filter(Boolean).join(' · '),
      icon: look.icon,
      tone: look.tone,
      tooltip: assetTooltip(asset, role, id, name),
    },
    link,
  };
}

function assetTooltip(asset: Asset, role: AssetRole, id: string, name: string): string {
  const status = asset.status ?? {};
  const lines = [
    `**${md(name)}** — ${md(role === 'input' ? l10n.t('input asset') : l10n.t('output asset'))}, ${md(valueLabel(status.phase))}`,
    l10n.t('Asset {0}', md(id)),
  ];
  if (typeof status.errorMessage === 'string' && status.errorMessage)
    lines.push(l10n.t('Error: {0}', md(status.errorMessage.slice(0, 500))));
  const facts: Array<[string, string]> = [
    [l10n.t('Size'), formatBytes(asset.size)],
    [l10n.t('Duration'), clockDuration(asset.videoSpec?.duration)],
    [l10n.t('Format'), typeof asset.videoSpec?.format === 'string' ? asset.videoSpec.format : ''],
    [l10n.t('Playback ID'), typeof asset.playbackId === 'string' ? asset.playbackId : ''],
    [l10n.t('Created'), msDate(asset.createdAt) && l10n.t('{0} UTC', msDate(asset.createdAt))],
    // Shown as text, never as links: the URLs come from the API and are opened only through `link`.
    [l10n.t('Playback URL'), typeof asset.playbackUrl === 'string' ? asset.playbackUrl.slice(0, 300) : ''],
    [l10n.t('Download URL'), typeof asset.downloadUrl === 'string' ? asset.downloadUrl.slice(0, 300) : ''],
  ];
  for (const [label, value] of facts) if (value) lines.push(`${label}: ${md(value)}`);
  return lines.join('\n\n');
}

/** Stands in for an asset the API no longer has (deleted, or in another project). */
export function missingAssetEntry(role: AssetRole, id: string): Entry {
  return {
    key: `${role}:${id}`,
    type: 'asset-missing',
    copyId: id,
    look: {
      label: role === 'input' ? l10n.t('Input asset not found') : l10n.t('Output asset not found'),
      description: shortId(id),
      icon: 'warning',
      tone: 'unknown',
      tooltip: `**${md(role === 'input' ? l10n.t('Input asset not found (404)') : l10n.t('Output asset not found (404)'))}**\n\n${l10n.t(
        'Asset {0} — it may have been deleted, or it belongs to another project.',
        md(id),
      )}`,
    },
  };
}
