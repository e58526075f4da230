import * as vscode from 'vscode';

/**
 * What the user asked for, and when. An answer that follows the request promptly may take focus;
 * a late one may not, because the user may have opened the palette or started typing somewhere
 * in the meantime (the editor API cannot tell); and one that arrives after the user moved to
 * another tab, editor or terminal, or picked something else in the tree, reveals nothing.
 */
export class UserIntent {
  /** How long after the request an answer still counts as the one the user is waiting for. */
  static promptMs = 500;
  private readonly askedAt = Date.now();
  private where: string;

  constructor(private readonly view?: vscode.TreeView<{ readonly id: string }>) {
    this.where = this.whereTheUserIs();
  }

  /** Focus may move to the answer: it came promptly, and the user is still where they asked. */
  mayFocus(): boolean {
    return Date.now() - this.askedAt <= UserIntent.promptMs && !this.movedOn();
  }

  /** The user has gone somewhere else since they asked (or since `settle`). */
  movedOn(): boolean {
    return this.whereTheUserIs() !== this.where;
  }

  /** Takes what Task Lens itself has just changed (the panel it opened) as where the user is. */
  settle(): void {
    this.where = this.whereTheUserIs();
  }

  private whereTheUserIs(): string {
    const group = vscode.window.tabGroups.activeTabGroup;
    const input = group.activeTab?.input as { uri?: vscode.Uri; viewType?: string } | undefined;
    return JSON.stringify([
      group.viewColumn,
      group.activeTab?.label ?? '',
      input?.uri?.toString() ?? input?.viewType ?? '',
      vscode.window.activeTerminal?.name ?? '',
      this.view?.selection[0]?.id ?? '',
    ]);
  }
}
