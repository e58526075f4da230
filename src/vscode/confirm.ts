import * as vscode from 'vscode';

/**
 * Modal confirmations for actions that change something on the server. Integration tests cannot
 * click a modal dialog (the test workbench refuses to show them), so they set `answer`, which is
 * then asked instead; `asked` records every question either way.
 */
export class Confirmations {
  answer: ((message: string, detail: string) => boolean) | undefined;
  readonly asked: Array<{ readonly message: string; readonly detail: string }> = [];

  async confirm(message: string, detail: string, action: string): Promise<boolean> {
    this.asked.push({ message, detail });
    if (this.answer) return this.answer(message, detail);
    const picked = await vscode.window.showWarningMessage(message, { modal: true, detail }, action);
    return picked === action;
  }
}
