/**
 * Turns an editor cancellation token into the AbortSignal core code takes, for as long as one piece
 * of work runs. Only types come from `vscode`, so unit tests drive it with a fake token.
 */
import type { CancellationToken } from 'vscode';

/** The part of a `vscode.CancellationToken` this listens to. */
export type CancellationSource = Pick<CancellationToken, 'onCancellationRequested'>;

/**
 * Runs `work` with a signal that aborts (with no reason given, so an `AbortError`) when `token`
 * asks for cancellation. The listener is dropped once the work settles, whichever way.
 */
export async function abortOnCancel<T>(token: CancellationSource, work: (signal: AbortSignal) => PromiseLike<T>): Promise<T> {
  const abort = new AbortController();
  const subscription = token.onCancellationRequested(() => abort.abort());
  try {
    return await work(abort.signal);
  } finally {
    subscription.dispose();
  }
}
