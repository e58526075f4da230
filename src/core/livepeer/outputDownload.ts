/**
 * “Download Output”: a completed task's output asset, saved as a file. The task must be
 * `completed` and its output asset `ready` (only then does it carry a `downloadUrl`, reference
 * §4); the URL usually points at a CDN on another host, so the API key stays behind (the HTTP
 * client sends it only to the connection's origin) and a redirect is followed without it.
 * The file goes to `<folder>/livepeer/outputs/<asset name> (<asset id>)<ext>`, resumable.
 */
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { isWebLinkUrl } from '../../shared/links';
import { downloadRange, type RangeDownloadResult } from '../download/rangeFile';
import { BadRequestError } from '../http/errors';
import type { CallOptions } from '../http/client';
import { resolveInside, sanitizeFileName } from '../fileNames';
import { makeFolders } from '../makeFolders';
import type { LivepeerClient } from './client';
import { shortId, valueLabel } from './looks';
import type { Asset, Task } from './types';

export interface OutputPlan {
  readonly task: Task;
  readonly asset: Asset;
  readonly assetId: string;
  readonly url: string;
  /** A single safe path component. */
  readonly fileName: string;
  /** The asset's own size, when it says (the server's Content-Length is what is checked). */
  readonly size: number | undefined;
}

export interface OutputDownloadOptions extends CallOptions {
  readonly force?: boolean;
  readonly idleTimeoutMs?: number;
  readonly onProgress?: (received: number, total: number | undefined) => void;
}

export interface OutputDownloadResult extends RangeDownloadResult {
  readonly plan: OutputPlan;
}

/** Whether a task, as listed, may have an output to download (the asset is checked when asked). */
export function mayHaveOutput(task: Task): boolean {
  return task.status?.phase === 'completed' && typeof task.outputAssetId === 'string' && task.outputAssetId !== '';
}

/** Finds the task's output file, or says why there is none yet. */
export async function planOutputDownload(client: LivepeerClient, taskId: string, call?: CallOptions): Promise<OutputPlan> {
  const task = await client.getTask(taskId, call);
  const phase = valueLabel(task.status?.phase);
  if (phase !== 'completed') {
    throw new BadRequestError(`Task ${taskId} is ${phase}: only a completed task has an output to download.`);
  }
  const assetId = task.outputAssetId;
  if (typeof assetId !== 'string' || assetId === '') {
    throw new BadRequestError(
      `Task ${taskId} (${valueLabel(task.type)}) has no output asset to download: its results, if any, are in its output section.`,
    );
  }
  const asset = await client.getAsset(assetId, {}, call);
  const assetPhase = valueLabel(asset.status?.phase);
  if (assetPhase !== 'ready') {
    throw new BadRequestError(`The output asset ${assetId} of task ${taskId} is ${assetPhase}: it can be downloaded once it is ready.`);
  }
  const url = asset.downloadUrl;
  if (!isWebLinkUrl(url)) {
    throw new BadRequestError(`The output asset ${assetId} of task ${taskId} is ready but has no http(s) download URL.`);
  }
  return {
    task,
    asset,
    assetId,
    url,
    fileName: outputFileName(asset, assetId, url),
    size: typeof asset.size === 'number' ? asset.size : undefined,
  };
}

/** `<name> (<first 8 of the id>)<ext>`, the extension taken from the URL (default `.mp4`). */
export function outputFileName(asset: Asset, assetId: string, url: string): string {
  const ext = path.posix.extname(new URL(url).pathname).toLowerCase();
  const extension = /^\.[a-z0-9]{1,8}$/.test(ext) ? ext : '.mp4';
  let name = typeof asset.name === 'string' && asset.name.trim() ? asset.name.trim() : 'asset';
  if (name.toLowerCase().endsWith(extension)) name = name.slice(0, -extension.length);
  return sanitizeFileName(`${name} (${shortId(assetId)})${extension}`);
}

/** Plans and downloads the output of `taskId` into `<root>/livepeer/outputs/`. */
export async function downloadTaskOutput(
  client: LivepeerClient,
  taskId: string,
  root: string,
  options: OutputDownloadOptions = {},
): Promise<OutputDownloadResult> {
  const plan = await planOutputDownload(client, taskId, options);
  const file = await resolveInside(root, 'livepeer', 'outputs', plan.fileName);
  // As for every download: a folder Task Lens creates keeps its files out of git.
  const created = await makeFolders(path.dirname(file));
  if (created !== undefined) {
    await writeFile(path.join(created, '.gitignore'), '# Created by Task Lens: downloaded files stay out of git.\n*\n', {
      mode: 0o600,
      flag: 'wx',
    }).catch(() => undefined);
  }
  const result = await downloadRange({
    http: client.http,
    url: plan.url,
    file,
    identity: `livepeer-asset:${plan.assetId}`,
    credentials: true,
    force: options.force,
    signal: options.signal,
    idleTimeoutMs: options.idleTimeoutMs,
    onProgress: options.onProgress,
  });
  return { ...result, plan };
}
