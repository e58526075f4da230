/** Set by a test that wants the window reloaded after the run (see index.ts). */
export const reloadRequest = { pending: false };

export const RELOAD_CONNECTION = 'Survives reload';
