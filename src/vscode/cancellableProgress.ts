/**
 * The progress notification of a long command: its title, a Cancel button that aborts the work's
 * signal, and the messages and increments the work reports.
 */
import * as vscode from 'vscode';
import { abortOnCancel } from './abortOnCancel';

export type ProgressReporter = vscode.Progress<{ message?: string; increment?: number }>;

/** `vscode.window.withProgress` as a cancellable notification, its token turned into `signal`. */
export function withCancellableProgress<T>(
  title: string,
  work: (progress: ProgressReporter, signal: AbortSignal) => PromiseLike<T>,
): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) =>
    abortOnCancel(token, (signal) => work(progress, signal)),
  );
}
