// Every command id the extension registers, in one place. `package.json` declares the same ids;
// an integration test checks the two lists match exactly.
export const CommandIds = {
  addConnection: 'taskLens.addConnection',
  openDemo: 'taskLens.openDemo',
  renameConnection: 'taskLens.renameConnection',
  removeConnection: 'taskLens.removeConnection',
  setApiKey: 'taskLens.setApiKey',
  clearApiKey: 'taskLens.clearApiKey',
  editConnections: 'taskLens.editConnections',
  refresh: 'taskLens.refresh',
  refreshNode: 'taskLens.refreshNode',
  loadMore: 'taskLens.loadMore',
  retry: 'taskLens.retry',
  filterByStatus: 'taskLens.filterByStatus',
  clearFilter: 'taskLens.clearFilter',
  copyId: 'taskLens.copyId',
  openLink: 'taskLens.openLink',
  goToTask: 'taskLens.goToTask',
  openTask: 'taskLens.openTask',
  openTaskPinned: 'taskLens.openTaskPinned',
  openTaskJson: 'taskLens.openTaskJson',
  saveTaskJsonCopy: 'taskLens.saveTaskJsonCopy',
  downloadDelivery: 'taskLens.downloadDelivery',
  downloadTasks: 'taskLens.downloadTasks',
  downloadTaskList: 'taskLens.downloadTaskList',
  syncDeliveries: 'taskLens.syncDeliveries',
  exportTaskFile: 'taskLens.exportTaskFile',
  showLog: 'taskLens.showLog',
  showReport: 'taskLens.showReport',
  openInExplorer: 'taskLens.openInExplorer',
  openSample: 'taskLens.openSample',
  refreshDeliveries: 'taskLens.refreshDeliveries',
  saveFilteredSet: 'taskLens.saveFilteredSet',
  showReviewAgreement: 'taskLens.showReviewAgreement',
  retryTask: 'taskLens.retryTask',
  downloadOutput: 'taskLens.downloadOutput',
  copyLink: 'taskLens.copyLink',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];

export const VIEW_ID = 'taskLens.connections';
export const DELIVERIES_VIEW_ID = 'taskLens.deliveries';
export const CONTEXT_CONNECTION_COUNT = 'taskLens.connectionCount';
/** '' | 'noKey' | 'auth' | 'unreachable': the single connection's problem, for welcome views. */
export const CONTEXT_PROBLEM = 'taskLens.problem';
