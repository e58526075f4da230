import * as vscode from 'vscode';
import { isTaskLensError } from '../../core/http/errors';
import type { Children, Entry, FilterValues } from '../../core/platform/platform';
import { CONTEXT_PROBLEM, VIEW_ID } from '../commandIds';
import { Connection, ConnectionStore } from '../connections';
import { Log } from '../log';
import { MissingKeyError, PlatformRegistry } from '../platforms';
import { ConnectionNode } from './connectionNode';
import { EntryNode } from './entryNode';
import { ErrorNode, LoadMoreNode, MessageNode, ProblemKind } from './infoNodes';
import { TreeNode } from './node';
import { UserIntent } from '../userIntent';
import { PagedList } from './pagedList';
import type { TreeContext } from './treeContext';

/**
 * The Task Lens tree. Children load lazily and page with "Load more…"; the loaded pages and the
 * filters are kept per node id, so refreshing a node re-reads only that node.
 */
export class TaskLensTreeProvider implements vscode.TreeDataProvider<TreeNode>, TreeContext, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly listsLoaded = new vscode.EventEmitter<void>();
  /** A list finished loading (the live watcher looks for tasks in flight then). */
  readonly onDidLoadList = this.listsLoaded.event;
  private readonly subscription: vscode.Disposable;
  private readonly lists = new Map<string, PagedList>();
  private readonly filters = new Map<string, FilterValues>();
  private roots: ConnectionNode[] = [];

  constructor(
    private readonly connections: ConnectionStore,
    private readonly platforms: PlatformRegistry,
    private readonly log: Log,
  ) {
    this.subscription = connections.onDidChange(() => this.refresh());
  }

  /**
   * Forgets what a node (or the whole tree) loaded and redraws. The redraw is always of the whole
   * tree: VS Code matches the element passed to the event by identity, and a node built by a palette
   * command or rebuilt by getChildren would be ignored. Everything not forgotten comes from the
   * cache, so redrawing costs no requests.
   */
  refresh(node?: TreeNode): void {
    if (!node) this.lists.clear();
    else for (const id of [...this.lists.keys()]) if (id === node.id || id.startsWith(`${node.id}/`)) this.lists.delete(id);
    this.changed.fire(undefined);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) return node.getChildren ? await node.getChildren() : [];
    const roots = this.connections.list().map((c) => new ConnectionNode(this, c, () => this.platforms.get(c)));
    this.roots = roots;
    // With a single connection, its problems (no key, key rejected, unreachable) are explained by
    // the view's welcome content, which has room for the why and the buttons to fix it.
    let problem: ProblemKind | '' = '';
    if (roots.length === 1) {
      const children = await roots[0].getChildren();
      if (children.length === 1 && children[0] instanceof ErrorNode && children[0].problem !== 'other') problem = children[0].problem;
    }
    await vscode.commands.executeCommand('setContext', CONTEXT_PROBLEM, problem);
    return problem ? [] : roots;
  }

  /**
   * The node instances for a path of entries picked in the palette, loading each level as the tree
   * would, so that reveal and filters act on the items the user sees.
   */
  async nodeForPath(connection: Connection, path: readonly Entry[]): Promise<EntryNode | undefined> {
    let parent: TreeNode =
      this.roots.find((r) => r.connection.name === connection.name) ??
      new ConnectionNode(this, connection, () => this.platforms.get(connection));
    for (const entry of path) {
      const children = await this.getChildren(parent);
      parent = children.find((c) => c instanceof EntryNode && c.entry.key === entry.key) ?? new EntryNode(this, parent, connection, entry);
    }
    return parent instanceof EntryNode ? parent : undefined;
  }

  /**
   * Reveals the deepest loaded node along a path of entry keys (e.g. a task's project, batch, task):
   * a task on a page not loaded yet reveals its batch instead. Returns how deep it got.
   *
   * The tree takes focus only when asked to (`focus`) and only while the answer is prompt; when the
   * user has moved on while the path loaded, nothing is revealed at all.
   */
  async revealKeys(
    view: vscode.TreeView<TreeNode>,
    connection: Connection,
    keys: readonly string[],
    options: { focus?: boolean; intent?: UserIntent } = {},
  ): Promise<number> {
    const intent = options.intent ?? new UserIntent(view);
    const focus = () => options.focus === true && intent.mayFocus();
    if (focus()) await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
    if (this.roots.length === 0) await this.getChildren(undefined);
    let node: TreeNode | undefined = this.roots.find((r) => r.connection.name === connection.name);
    if (!node) return 0;
    let depth = 0;
    for (const key of keys) {
      const children: TreeNode[] = await this.getChildren(node);
      const next = children.find((c) => c instanceof EntryNode && c.entry.key === key);
      if (!next) break;
      node = next;
      depth++;
    }
    if (intent.movedOn()) return 0;
    // A view that has just been shown renders its first level on its own and can undo a reveal
    // made meanwhile (seen in the web workbench), so reveal again until the node is selected.
    for (let attempt = 0; attempt < 5 && view.selection[0]?.id !== node.id; attempt++) {
      await view.reveal(node, { select: true, focus: focus(), expand: true });
      await new Promise((r) => setTimeout(r, 200 * attempt));
      intent.settle();
    }
    return depth;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  pageSize(): number {
    const size = vscode.workspace.getConfiguration('taskLens').get<number>('pageSize', 100);
    return Math.min(100, Math.max(1, Math.floor(size) || 100));
  }

  async childrenOf(owner: TreeNode, source: () => Promise<Children>): Promise<TreeNode[]> {
    let list = this.lists.get(owner.id);
    try {
      if (!list) {
        list = new PagedList(await source(), this.filters.get(owner.id) ?? {});
        this.lists.set(owner.id, list);
      }
      const fresh = !list.loaded;
      await list.ensureLoaded(this.pageSize());
      if (fresh) this.listsLoaded.fire();
    } catch (err) {
      this.lists.delete(owner.id);
      return [this.errorNode(owner, err)];
    }
    const connection = owner.connection;
    if (!connection) return [];
    const nodes: TreeNode[] = list.entries.map((e) => new EntryNode(this, owner, connection, e));
    if (nodes.length === 0)
      nodes.push(
        new MessageNode(
          owner,
          this.filterDescription(owner) ? vscode.l10n.t('Nothing matches the filter') : vscode.l10n.t('Nothing here yet'),
        ),
      );
    if (list.hasMore) nodes.push(new LoadMoreNode(owner, list));
    return nodes;
  }

  /** Loads the next page of a list; a second click while loading joins the running load. */
  async loadMore(node: LoadMoreNode): Promise<void> {
    const list = this.lists.get(node.parent.id);
    if (!list || list.isLoading) return;
    const loading = list.loadMore(this.pageSize());
    this.changed.fire(undefined);
    try {
      await loading;
    } finally {
      this.changed.fire(undefined);
    }
  }

  connectionNamed(name: string): Connection | undefined {
    return this.connections.get(name);
  }

  /** Every loaded entry of a connection that follows a task live (see `Entry.live`). */
  liveEntries(): Array<{ readonly connectionName: string; readonly entry: Entry }> {
    const out: Array<{ connectionName: string; entry: Entry }> = [];
    const names = this.connections.list().map((c) => c.name);
    for (const [listId, list] of this.lists) {
      const connectionName = connectionOfList(listId, names);
      if (connectionName === undefined) continue;
      for (const entry of list.entries) if (entry.live) out.push({ connectionName, entry });
    }
    return out;
  }

  /**
   * Puts a task's new entry in place of the old one wherever it is listed, and redraws from the
   * cache (no request). When its phase changed, what was loaded under it (its assets) is
   * forgotten, so it is read again when shown.
   */
  replaceLiveEntry(connectionName: string, taskId: string, next: (old: Entry) => Entry): boolean {
    let replaced = false;
    const names = this.connections.list().map((c) => c.name);
    for (const [listId, list] of [...this.lists]) {
      if (connectionOfList(listId, names) !== connectionName) continue;
      list.entries = list.entries.map((entry) => {
        if (entry.live?.taskId !== taskId) return entry;
        replaced = true;
        const updated = next(entry);
        if (updated.live?.phase !== entry.live.phase) {
          const below = `${listId}/${entry.key}`;
          for (const id of [...this.lists.keys()]) if (id === below || id.startsWith(`${below}/`)) this.lists.delete(id);
        }
        return updated;
      });
    }
    if (replaced) this.changed.fire(undefined);
    return replaced;
  }

  filtersOf(owner: TreeNode): FilterValues {
    return this.filters.get(owner.id) ?? {};
  }

  setFilters(owner: TreeNode, values: FilterValues): void {
    if (Object.keys(values).length) this.filters.set(owner.id, values);
    else this.filters.delete(owner.id);
    this.refresh(owner);
  }

  filterDescription(owner: TreeNode): string {
    const values = this.filters.get(owner.id);
    return values
      ? Object.entries(values)
          .map(([k, v]) => `${k}: ${v.replace(/_/g, ' ')}`)
          .join(', ')
      : '';
  }

  private errorNode(owner: TreeNode, err: unknown): ErrorNode {
    const message = err instanceof Error ? err.message : String(err);
    const problem: ProblemKind =
      err instanceof MissingKeyError
        ? 'noKey'
        : isTaskLensError(err) && err.kind === 'auth'
          ? 'auth'
          : isTaskLensError(err) && (err.kind === 'network' || err.kind === 'timeout')
            ? 'unreachable'
            : 'other';
    this.log.warn(`Loading ${owner.id} failed: ${message}`);
    return new ErrorNode(owner, problem, message);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
    this.listsLoaded.dispose();
  }
}

/** Which connection a list belongs to: the longest connection name whose node id prefixes it. */
function connectionOfList(listId: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const name of names) {
    const id = `conn:${name}`;
    if ((listId === id || listId.startsWith(`${id}/`)) && (best === undefined || name.length > best.length)) best = name;
  }
  return best;
}
