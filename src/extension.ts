import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import { setDisplayLocale } from './shared/format';
import { VIEW_ID } from './vscode/commandIds';
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

/** Handed to the integration tests only (extension mode Test), so they can walk the tree as VS Code does. */
export interface TestApi {
  readonly tree: TaskLensTreeProvider;
  readonly view: vscode.TreeView<TreeNode>;
  readonly panels: TaskPanels;
  readonly store: ConnectionStore;
  readonly reports: ReportPanels;
}

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
  const panels = new TaskPanels(new EditorPanelHost(context.extensionUri, log, platforms, tree, view), store);
  const reports = new ReportPanels(context.extensionUri, log);
  const commandContext = { store, platforms, tree, view, documents, panels, reports, log, extensionId: context.extension.id };

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
    ...registerTaskDocuments(documents),
    vscode.window.registerWebviewPanelSerializer(TASK_VIEW_TYPE, panels),
    ...registerCommands(commandContext),
    vscode.window.registerUriHandler(new TaskLinkHandler(commandContext)),
  );
  log.info(`Task Lens ${context.extension.packageJSON.version} activated in ${(performance.now() - started).toFixed(1)} ms`);
  return context.extensionMode === vscode.ExtensionMode.Test ? { tree, view, panels, store, reports } : undefined;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
