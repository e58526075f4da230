import * as path from 'node:path';
import * as vscode from 'vscode';
import { isCancelledError } from '../../core/http/errors';
import type { TaskDocument } from '../../core/platform/platform';
import { SAMPLE_FILE, SAMPLE_FOLDER } from '../../core/taskfile/sample';
import type { SubsetResult } from '../../core/taskfile/subset';
import type { ExplorerCommand } from '../../shared/explorerProtocol';
import type { Log } from '../log';
import type { FileTaskSource } from '../panel/panelHost';
import type { TaskTarget } from '../taskTarget';
import { ExplorerModel, type ExplorerSetChange, type QueryOutcome } from './explorerModel';
import { ExplorerPage, type ExplorerPageHost } from './explorerPage';
import { neighbour, platformOf, readFileTask, rowOf, targetAt } from './fileTasks';
import { IndexCache } from './indexCache';
import { showLine } from './lineDocuments';
import { saveSetAs } from './saveSet';
import type { ExplorerHost } from './explorerHost';

export const EXPLORER_VIEW_TYPE = 'taskLens.explorer';

/** What the explorers hand a toolbar command they do not run themselves (report, export). */
export type ExplorerCommandHandler = (name: 'report' | 'export', model: ExplorerModel) => Promise<void>;

export interface ExplorerDeps {
  readonly extensionUri: vscode.Uri;
  readonly log: Log;
  readonly memento: vscode.Memento;
  openTask(target: TaskTarget, options: { pin?: boolean; preserveFocus?: boolean; viewColumn?: vscode.ViewColumn }): void;
}

class ExplorerDocument implements vscode.CustomDocument {
  constructor(
    readonly uri: vscode.Uri,
    private readonly onDispose: () => void,
  ) {}
  dispose(): void {
    this.onDispose();
  }
}

/**
 * The delivery explorer: a read-only custom editor per task file, the model of each open file, and
 * the ExplorerHost API over them. Rows open in the task view, read from the file (FileTaskSource).
 */
export class Explorers implements vscode.CustomReadonlyEditorProvider<ExplorerDocument>, ExplorerHost, FileTaskSource, vscode.Disposable {
  private readonly models = new Map<string, ExplorerModel>();
  private readonly pages = new Map<string, ExplorerPage>();
  private readonly ready = new Map<string, Promise<void>>();
  private readonly watchers = new Map<string, vscode.Disposable>();
  private readonly setChanged = new vscode.EventEmitter<ExplorerSetChange>();
  readonly onDidChangeSet = this.setChanged.event;
  private readonly closed = new vscode.EventEmitter<vscode.Uri>();
  /** An explorer closed (its report, if any, goes back to reporting on its own). */
  readonly onDidClose = this.closed.event;
  readonly cache = new IndexCache();
  /** Run by extension.ts's composition for the report and export buttons. */
  commandHandler: ExplorerCommandHandler | undefined;
  /** For tests and the bench: time from a row's Enter to the task view's first render request. */
  readonly timing: { rowOpenMs?: number; indexMs?: number } = {};

  // ---- the custom editor ----

  openCustomDocument(uri: vscode.Uri): ExplorerDocument {
    const key = uri.toString();
    if (!this.models.has(key)) {
      const model = new ExplorerModel(uri);
      model.onDidChange((change) => this.setChanged.fire(change));
      this.models.set(key, model);
    }
    return new ExplorerDocument(uri, () => this.close(key));
  }

  resolveCustomEditor(document: ExplorerDocument, panel: vscode.WebviewPanel): void {
    const key = document.uri.toString();
    const model = this.models.get(key) as ExplorerModel;
    const page = new ExplorerPage(panel, model, this.pageHost);
    this.pages.set(key, page);
    panel.onDidDispose(() => {
      page.dispose();
      if (this.pages.get(key) === page) this.pages.delete(key);
    });
    void this.load(model);
    this.watch(model);
  }

  private close(key: string): void {
    const model = this.models.get(key);
    if (model) this.closed.fire(model.uri);
    model?.dispose();
    this.models.delete(key);
    this.ready.delete(key);
    this.watchers.get(key)?.dispose();
    this.watchers.delete(key);
  }

  /** Indexes the file (or takes the cached index) and shows the table. */
  private load(model: ExplorerModel): Promise<void> {
    const key = model.uri.toString();
    const started = performance.now();
    const loading = (async () => {
      const name = path.basename(model.uri.fsPath);
      try {
        const index = await this.cache.get(model.uri, (bytesRead, totalBytes) =>
          this.pages.get(key)?.post({ type: 'indexing', fileName: name, bytesRead, totalBytes }),
        );
        await model.setIndex(index);
        this.timing.indexMs = performance.now() - started;
        this.deps.log.info(
          `Explorer: indexed ${index.size} tasks of ${name} in ${this.timing.indexMs.toFixed(0)} ms (${index.unreadable.length} unreadable lines)`,
        );
        this.pages.get(key)?.showTable();
      } catch (error) {
        const cancelled = isCancelledError(error);
        const message = cancelled
          ? vscode.l10n.t('Indexing was cancelled.')
          : vscode.l10n.t('Could not read “{0}”: {1}', name, error instanceof Error ? error.message : String(error));
        if (!cancelled) this.deps.log.error(`Explorer: indexing ${name} failed`, error);
        this.pages.get(key)?.post({ type: 'failed', message, canRetry: true });
        throw error;
      }
    })();
    loading.catch(() => undefined);
    this.ready.set(key, loading);
    return loading;
  }

  /** A changed file (re-downloaded, edited) is indexed again; the query carries over. */
  private watch(model: ExplorerModel): void {
    const key = model.uri.toString();
    if (this.watchers.has(key)) return;
    const folder = vscode.Uri.file(path.dirname(model.uri.fsPath));
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, path.basename(model.uri.fsPath)));
    let timer: NodeJS.Timeout | undefined;
    const changed = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void this.load(model).catch(() => undefined), 500);
    };
    this.watchers.set(
      key,
      vscode.Disposable.from(watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), {
        dispose: () => clearTimeout(timer),
      }),
    );
  }

  private readonly pageHost: ExplorerPageHost;

  constructor(private readonly deps: ExplorerDeps) {
    this.pageHost = {
      extensionUri: this.deps.extensionUri,
      log: this.deps.log,
      memento: this.deps.memento,
      openRow: (model, position, pin) => this.openRow(model, position, pin),
      command: (model, name, position) => this.command(model, name, position),
      reindex: async (model) => {
        this.cache.forget(model.uri);
        await this.load(model).catch(() => undefined);
      },
    };
  }

  private async openRow(model: ExplorerModel, position: number, pin: boolean): Promise<void> {
    const started = performance.now();
    const first = targetAt(model, position, 'scale');
    if (!first?.file) return;
    const raw = (await readFileTask(first)).raw;
    const target = targetAt(model, position, platformOf(raw)) as TaskTarget;
    const document: TaskDocument = { id: target.taskId, raw, pathSegments: [], context: {}, treePath: [] };
    this.deps.openTask({ ...target, document }, { pin, preserveFocus: false, viewColumn: vscode.ViewColumn.Beside });
    this.timing.rowOpenMs = performance.now() - started;
  }

  private async command(model: ExplorerModel, name: ExplorerCommand, position: number | undefined): Promise<void> {
    switch (name) {
      case 'save':
        await saveSetAs(model);
        return;
      case 'openJson': {
        const target = position === undefined ? undefined : targetAt(model, position, 'scale');
        if (target?.file) await showLine(model.uri, target.file.entry);
        return;
      }
      case 'report':
      case 'export':
        await this.commandHandler?.(name, model);
        return;
      case 'reindex':
        return;
    }
  }

  // ---- tasks from files, for the task view ----

  read(target: TaskTarget): Promise<TaskDocument> {
    return readFileTask(target);
  }

  async openJson(target: TaskTarget): Promise<unknown> {
    return target.file ? showLine(target.file.uri, target.file.entry) : undefined;
  }

  navigate(target: TaskTarget, delta: 1 | -1): TaskTarget | undefined {
    const model = target.file && this.models.get(target.file.uri.toString());
    const next = model ? neighbour(model, target, delta) : undefined;
    if (!model || !next) return undefined;
    this.pages.get(model.uri.toString())?.post({ type: 'select', position: next.position });
    return next.target;
  }

  navigation(target: TaskTarget): { position: number; count: number } | null {
    const model = target.file && this.models.get(target.file.uri.toString());
    if (!model || !target.file) return null;
    const at = model.positionOf(rowOf(model, target.file));
    return at < 0 ? null : { position: at + 1, count: model.rows.length };
  }

  /** The sample delivery shipped in the extension. */
  async sampleFile(): Promise<vscode.Uri> {
    const uri = vscode.Uri.joinPath(this.deps.extensionUri, ...SAMPLE_FOLDER, SAMPLE_FILE);
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      throw new Error(
        vscode.l10n.t(
          'The sample delivery is missing from this installation ({0}). Reinstall Task Lens, or run npm run build.',
          uri.fsPath,
        ),
      );
    }
    return uri;
  }

  // ---- the ExplorerHost API ----

  /** Opens the explorer on a file and waits for its table. */
  async open(uri: vscode.Uri, viewColumn?: vscode.ViewColumn): Promise<ExplorerModel> {
    await vscode.commands.executeCommand('vscode.openWith', uri, EXPLORER_VIEW_TYPE, viewColumn ?? vscode.ViewColumn.Active);
    const key = uri.toString();
    const model = this.models.get(key);
    if (!model) throw new Error(`The delivery explorer did not open “${path.basename(uri.fsPath)}”.`);
    await this.ready.get(key);
    return model;
  }

  async applyConditions(
    uri: vscode.Uri,
    conditions: readonly string[],
    options: { statuses?: readonly string[]; search?: string } = {},
  ): Promise<QueryOutcome> {
    const model = this.models.get(uri.toString()) ?? (await this.open(uri));
    await this.ready.get(uri.toString());
    const query = { conditions: [...conditions], statuses: [...(options.statuses ?? [])], search: options.search ?? '' };
    const outcome = await model.apply(query, model.sort);
    if (!outcome.ok) this.pages.get(uri.toString())?.postSet(outcome.error);
    return outcome;
  }

  currentSet(uri: vscode.Uri): ExplorerSetChange | undefined {
    const model = this.models.get(uri.toString());
    return model?.index ? model.change() : undefined;
  }

  async saveSet(uri: vscode.Uri, target?: vscode.Uri): Promise<SubsetResult | undefined> {
    const model = this.models.get(uri.toString());
    if (!model?.index) throw new Error(`No explorer is open on “${path.basename(uri.fsPath)}”.`);
    return saveSetAs(model, target);
  }

  /** Whether a file is open in an explorer (the line tabs serve only those). */
  isOpen(fsPath: string): boolean {
    return [...this.models.values()].some((m) => m.uri.fsPath === fsPath);
  }

  /** For tests: the page of a file's explorer. */
  page(uri: vscode.Uri): ExplorerPage | undefined {
    return this.pages.get(uri.toString());
  }

  model(uri: vscode.Uri): ExplorerModel | undefined {
    return this.models.get(uri.toString());
  }

  dispose(): void {
    for (const w of this.watchers.values()) w.dispose();
    this.setChanged.dispose();
    this.closed.dispose();
  }
}
