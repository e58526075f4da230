/** Set by a test that wants the window reloaded after the run (see index.ts). */
export const reloadRequest = { pending: false };

export const RELOAD_CONNECTION = 'Survives reload';

/** A copy of the sample delivery, in the workspace, whose row's task view is left open across the reload. */
export const RELOAD_FILE = ['reload', 'Survives reload.jsonl'] as const;
