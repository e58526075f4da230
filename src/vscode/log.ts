import * as vscode from 'vscode';

/** The one output channel. Secrets registered here are masked in anything logged. */
export class Log implements vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;
  private readonly secrets = new Set<string>();

  constructor() {
    this.channel = vscode.window.createOutputChannel('Task Lens', { log: true });
  }

  /** Registers a secret so that it can never reach the log, even inside an error message. */
  addSecret(secret: string): void {
    // Short keys too: a mangled word in the log is better than a key in it.
    if (secret.length > 0) this.secrets.add(secret);
  }

  private redact(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join('••••');
    return out;
  }

  info(message: string): void {
    this.channel.info(this.redact(message));
  }

  warn(message: string): void {
    this.channel.warn(this.redact(message));
  }

  error(message: string, err?: unknown): void {
    const detail = err === undefined ? '' : `: ${err instanceof Error ? err.message : String(err)}`;
    this.channel.error(this.redact(message + detail));
  }

  debug(message: string): void {
    this.channel.debug(this.redact(message));
  }

  dispose(): void {
    this.channel.dispose();
  }
}
