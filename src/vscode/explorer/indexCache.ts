import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { withCancellableProgress } from '../cancellableProgress';
import { indexTaskFile } from '../../core/taskfile/indexFile';
import type { TaskIndex } from '../../core/taskfile/taskIndex';
import { formatBytes } from '../../shared/format';

export interface IndexProgress {
  (bytesRead: number, totalBytes: number): void;
}

/** Indexes kept after their explorer closes, at most: each costs tens of MB for 100,000 tasks. */
const KEEP = 3;

/**
 * The index of each task file, built once in one streaming pass (a progress notification with
 * Cancel) and kept while the file is unchanged: the key is the path with its size and mtime, so an
 * edited or re-downloaded file is indexed again and a reopened one is not.
 */
export class IndexCache {
  private readonly entries = new Map<string, { key: string; index: Promise<TaskIndex> }>();

  async get(uri: vscode.Uri, onProgress?: IndexProgress): Promise<TaskIndex> {
    const file = uri.fsPath;
    const info = await stat(file);
    if (!info.isFile()) throw new Error(`“${file}” is not a file.`);
    const key = `${info.size}:${info.mtimeMs}`;
    const cached = this.entries.get(file);
    if (cached?.key === key) {
      // Most recently used last: the oldest is dropped first.
      this.entries.delete(file);
      this.entries.set(file, cached);
      return cached.index;
    }
    const index = this.build(uri, info.size, onProgress);
    this.entries.set(file, { key, index });
    index.catch(() => {
      if (this.entries.get(file)?.index === index) this.entries.delete(file);
    });
    while (this.entries.size > KEEP) this.entries.delete(this.entries.keys().next().value as string);
    return index;
  }

  /** An index already built for the file as it is now, without building one. */
  async peek(uri: vscode.Uri): Promise<TaskIndex | undefined> {
    const cached = this.entries.get(uri.fsPath);
    if (!cached) return undefined;
    const info = await stat(uri.fsPath).catch(() => undefined);
    return info && cached.key === `${info.size}:${info.mtimeMs}` ? cached.index : undefined;
  }

  forget(uri: vscode.Uri): void {
    this.entries.delete(uri.fsPath);
  }

  private build(uri: vscode.Uri, size: number, onProgress?: IndexProgress): Promise<TaskIndex> {
    const name = path.basename(uri.fsPath);
    return Promise.resolve(
      withCancellableProgress(vscode.l10n.t('Indexing “{0}” ({1})', name, formatBytes(size)), (progress, signal) => {
        let reported = 0;
        return indexTaskFile(uri.fsPath, {
          signal,
          onProgress: (bytesRead, totalBytes) => {
            const percent = totalBytes > 0 ? (bytesRead / totalBytes) * 100 : 100;
            if (percent - reported >= 1) {
              progress.report({ increment: percent - reported, message: `${Math.floor(percent)}%` });
              reported = percent;
            }
            onProgress?.(bytesRead, totalBytes);
          },
        });
      }),
    );
  }
}
