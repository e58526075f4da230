// Every command id the extension registers, in one place. `package.json` declares the same ids;
// an integration test checks the two lists match exactly.
export const CommandIds = {
  addConnection: 'taskLens.addConnection',
  openDemo: 'taskLens.openDemo',
  refresh: 'taskLens.refresh',
  showLog: 'taskLens.showLog',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];

export const VIEW_ID = 'taskLens.connections';
export const CONTEXT_CONNECTION_COUNT = 'taskLens.connectionCount';
