import * as vscode from 'vscode';
import type { Connection, ConnectionStore } from '../connections';
import type { PlatformRegistry } from '../platforms';
import { redactTaskSecrets } from '../../core/secrets/taskSecrets';
import { keepSecrets } from '../secretSettings';
import { decodeUriName, encodeUriName } from './taskUriNames';

export const TASK_SCHEME = 'tasklens';

/**
 * Task JSON as read-only editor tabs: `tasklens:/<connection>/<project>/<batch>/<task_id>.json`.
 * Only the first segment (connection) and the file name (task id) matter; the middle ones make the
 * tab's path readable. The text is the API's JSON, pretty-printed, fields in the order received.
 */
export class TaskDocumentProvider implements vscode.FileSystemProvider {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  private readonly cache = new Map<string, { bytes: Uint8Array; mtime: number }>();

  constructor(
    private readonly store: ConnectionStore,
    private readonly platforms: PlatformRegistry,
  ) {}

  static uriFor(connection: Connection, taskId: string, pathSegments: readonly string[]): vscode.Uri {
    // The first and last segments identify the task and are carried reversibly; the middle ones are cosmetic.
    const segments = [encodeUriName(connection.name), ...pathSegments.map(safeSegment), `${encodeUriName(taskId)}.json`];
    return vscode.Uri.from({ scheme: TASK_SCHEME, path: `/${segments.join('/')}` });
  }

  /** Drops a closed tab's text (a big task is megabytes); reopening it fetches the task again. */
  forget(uri: vscode.Uri): void {
    this.cache.delete(uri.toString());
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    if (!uri.path.endsWith('.json'))
      return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0, permissions: vscode.FilePermission.Readonly };
    const { bytes, mtime } = await this.load(uri);
    return { type: vscode.FileType.File, ctime: mtime, mtime, size: bytes.byteLength, permissions: vscode.FilePermission.Readonly };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return (await this.load(uri)).bytes;
  }

  private async load(uri: vscode.Uri): Promise<{ bytes: Uint8Array; mtime: number }> {
    const cached = this.cache.get(uri.toString());
    if (cached) return cached;
    const { connection, taskId } = this.parse(uri);
    const platform = await this.platforms.get(connection);
    const doc = await platform.getTask(taskId);
    const raw = keepSecrets() ? doc.raw : redactTaskSecrets(doc.raw);
    const entry = { bytes: new TextEncoder().encode(`${JSON.stringify(raw, null, 2)}\n`), mtime: Date.now() };
    this.cache.set(uri.toString(), entry);
    return entry;
  }

  /** The task a `tasklens:` tab shows (for “Open Task View” on the tab); undefined for any other URI. */
  taskOf(uri: vscode.Uri): { connection: Connection; taskId: string; pathSegments: string[] } | undefined {
    if (uri.scheme !== TASK_SCHEME) return undefined;
    try {
      const { connection, taskId } = this.parse(uri);
      return { connection, taskId, pathSegments: uri.path.split('/').filter(Boolean).slice(1, -1) };
    } catch {
      return undefined;
    }
  }

  private parse(uri: vscode.Uri): { connection: Connection; taskId: string } {
    const segments = uri.path.split('/').filter(Boolean);
    const connection = this.store.get(decodeUriName(segments[0] ?? ''));
    const file = segments[segments.length - 1] ?? '';
    if (!connection || !file.endsWith('.json') || segments.length < 2) throw vscode.FileSystemError.FileNotFound(uri);
    return { connection, taskId: decodeUriName(file.slice(0, -'.json'.length)) };
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  writeFile(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
}

/** Names become path segments: no separators, no empty or dot-only segments. */
function safeSegment(name: string): string {
  const cleaned = name
    .replace(/[/\\]/g, '∕')
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .trim();
  return !cleaned || /^\.+$/.test(cleaned) ? '_' : cleaned.slice(0, 80);
}

export const READONLY_MESSAGE = new vscode.MarkdownString(
  'This is a task as the platform’s API returned it, so it is read-only. Use **Task Lens: Save a Copy to Workspace** to edit a copy.',
);
