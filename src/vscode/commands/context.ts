import type { ConnectionStore } from '../connections';
import type { Log } from '../log';
import type { PlatformRegistry } from '../platforms';
import type { TaskDocumentProvider } from '../documents/taskDocuments';
import type { TaskPanels } from '../panel/taskPanels';
import type { ReportPanels } from '../report/reportPanels';
import type { TaskLensTreeProvider } from '../tree/provider';
import type * as vscode from 'vscode';
import type { TreeNode } from '../tree/node';
import type { DeliveriesView } from '../explorer/deliveriesView';
import type { Explorers } from '../explorer/explorers';
import type { Confirmations } from '../confirm';
import type { LiveWatcher } from '../live/liveWatcher';
import type { ReviewStore } from '../panel/reviewStore';

/** What command handlers work with. */
export interface CommandContext {
  readonly store: ConnectionStore;
  readonly platforms: PlatformRegistry;
  readonly tree: TaskLensTreeProvider;
  readonly view: vscode.TreeView<TreeNode>;
  readonly documents: TaskDocumentProvider;
  readonly panels: TaskPanels;
  readonly reports: ReportPanels;
  readonly log: Log;
  /** `publisher.name`, the authority of the extension's deep links. */
  readonly extensionId: string;
  readonly explorers: Explorers;
  readonly deliveries: DeliveriesView;
  readonly live: LiveWatcher;
  readonly confirmations: Confirmations;
  /** The reviewer's blind choices (task view), read back for agreement over a set. */
  readonly reviews: ReviewStore;
}
