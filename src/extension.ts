import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import { setDisplayLocale } from './shared/format';
import { DELIVERIES_VIEW_ID, VIEW_ID } from './vscode/commandIds';
import { trackConnectionCount } from './vscode/connectionCountContext';
import { registerCommands } from './vscode/commands';
import { TaskLinkHandler } from './vscode/deepLinks';
import { trackSelection } from './vscode/selectionContext';
import { ConnectionStore } from './vscode/connections';
import { Log } from './vscode/log';
import { PlatformRegistry } from './vscode/platforms';
import { registerTaskDocuments } from './vscode/documents/register';
import { TaskDocumentProvider } from './vscode/documents/taskDocuments';
import { EditorPanelHost } from './vscode/panel/panelHost';
import { TASK_VIEW_TYPE } from './vscode/panel/taskPanel';
import { TaskPanels } from './vscode/panel/taskPanels';
import { ReportPanels } from './vscode/report/reportPanels';
import type { TreeNode } from './vscode/tree/node';
import { TaskLensTreeProvider } from './vscode/tree/provider';
import { openDownloadsInExplorer } from './vscode/explorer/defaultEditor';
import { DeliveriesView } from './vscode/explorer/deliveriesView';
import { EXPLORER_VIEW_TYPE, Explorers } from './vscode/explorer/explorers';
import type { ExplorerHost } from './vscode/explorer/explorerHost';
import { LINE_SCHEME, LineDocumentProvider } from './vscode/explorer/lineDocuments';
import { linkExplorerAndReports } from './vscode/explorer/reportLink';
import { Confirmations } from './vscode/confirm';
import { LiveWatcher } from './vscode/live/liveWatcher';
import { CompareDocuments } from './vscode/panel/compareDocuments';
import { ReviewStore } from './vscode/panel/reviewStore';

/** Handed to the integration tests only (extension mode Test), so they can walk the tree as VS Code does. */
export interface TestApi {
  readonly tree: TaskLensTreeProvider;
  readonly view: vscode.TreeView<TreeNode>;
  readonly panels: TaskPanels;
  readonly store: ConnectionStore;
  readonly reports: ReportPanels;
  readonly explorers: Explorers;
  readonly deliveries: DeliveriesView;
  /** Live updates of tasks in flight (what is polled, what was announced). */
  readonly live: LiveWatcher;
  /** Set `answer` to reply to confirmations that would be modal dialogs. */
  readonly confirmations: Confirmations;
  /** The reviewer's blind choices, so a test can record some without clicking through a task. */
  readonly reviews: ReviewStore;
}

/** What the extension offers other parts (and, later, other extensions): the delivery explorer's set. */
export type { ExplorerHost };

/** Composes the extension's parts; nothing else happens here. */
export function activate(context: vscode.ExtensionContext): TestApi | undefined {
  const started = performance.now();
  setDisplayLocale(vscode.env.language);
  // core/ words (tree groups) are translated by @vscode/l10n from the same bundle as vscode.l10n.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  const log = new Log();
  const store = new ConnectionStore(context.secrets, log, context.globalState);
  const platforms = new PlatformRegistry(store, log);
  const tree = new TaskLensTreeProvider(store, platforms, log);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  const documents = new TaskDocumentProvider(store, platforms);
  const compareDocuments = new CompareDocuments();
  const reviews = new ReviewStore(context.workspaceState);
  // Rows of the explorer open in the task view, and the task view reads them through the explorer.
  const explorers: Explorers = new Explorers({
    extensionUri: context.extensionUri,
    log,
    memento: context.workspaceState,
    openTask: (target, options) => panels.open(target, options),
  });
  const panels = new TaskPanels(
    new EditorPanelHost(context.extensionUri, log, platforms, tree, view, compareDocuments, reviews, explorers),
    store,
  );
  const reports = new ReportPanels(context.extensionUri, log);
  const deliveries = new DeliveriesView(log);
  const live = new LiveWatcher(tree, view, panels, platforms, store, log);
  const confirmations = new Confirmations();
  const commandContext = {
    ...{ store, platforms, tree, view, documents, panels, reports, log, live, confirmations, explorers, deliveries, reviews },
    extensionId: context.extension.id,
  };

  context.subscriptions.push(
    log,
    store,
    platforms,
    tree,
    view,
    trackConnectionCount(store),
    trackSelection(view),
    panels,
    reports,
    live,
    ...registerTaskDocuments(documents),
    ...compareDocuments.register(),
    vscode.window.registerWebviewPanelSerializer(TASK_VIEW_TYPE, panels),
    explorers,
    deliveries,
    vscode.window.createTreeView(DELIVERIES_VIEW_ID, { treeDataProvider: deliveries }),
    vscode.window.registerCustomEditorProvider(EXPLORER_VIEW_TYPE, explorers, {
      webviewOptions: { retainContextWhenHidden: false, enableFindWidget: true },
      supportsMultipleEditorsPerDocument: false,
    }),
    vscode.workspace.registerTextDocumentContentProvider(LINE_SCHEME, new LineDocumentProvider((file) => explorers.isOpen(file))),
    openDownloadsInExplorer(EXPLORER_VIEW_TYPE, log),
    linkExplorerAndReports(explorers, reports),
    ...registerCommands(commandContext),
    vscode.window.registerUriHandler(new TaskLinkHandler(commandContext)),
  );
  log.info(`Task Lens ${context.extension.packageJSON.version} activated in ${(performance.now() - started).toFixed(1)} ms`);
  return context.extensionMode === vscode.ExtensionMode.Test
    ? { tree, view, panels, store, reports, live, confirmations, explorers, deliveries, reviews }
    : undefined;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
