import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** What a page of ours loads: its bundle under dist/, its sheets under media/css/ (after shell.css). */
export interface PageShell {
  readonly title: string;
  /** The page bundle, e.g. `webview.js`. */
  readonly script: string;
  /** Sheets besides the codicons and `shell.css`, e.g. `['report.css']`. */
  readonly sheets: readonly string[];
  /** Allow `data:` images (the task view shows inline raster attachments). */
  readonly dataImages?: boolean;
}

/**
 * The HTML shell of every Task Lens webview (task view, quality report, delivery explorer): one
 * strict CSP — nothing but our own script by nonce, our own sheets and fonts, no inline style or
 * script, no eval — and the page bundle. API and file data never go into the HTML; they arrive as
 * messages after the page's `ready`.
 */
export function pageShellHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: PageShell): string {
  const nonce = randomBytes(16).toString('base64');
  const asset = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
  const csp = [
    "default-src 'none'",
    `img-src ${page.dataImages ? 'data: ' : ''}${webview.cspSource}`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const sheets = [['dist', 'codicons', 'codicon.css'], ['media', 'css', 'shell.css'], ...page.sheets.map((s) => ['media', 'css', s])];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${sheets.map((parts) => `<link rel="stylesheet" href="${asset(...parts)}">`).join('\n')}
<title>${escapeHtml(page.title)}</title>
</head>
<body>
<div id="root"></div>
<script nonce="${nonce}" src="${asset('dist', page.script)}"></script>
</body>
</html>`;
}

/** The task view's page. */
export function taskPanelHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  return pageShellHtml(webview, extensionUri, { title, script: 'webview.js', sheets: ['scale.css', 'livepeer.css'], dataImages: true });
}

/** A page that only says something (e.g. why a panel could not be restored): no script, no loads at all. */
export function messagePageHtml(text: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; base-uri 'none'; form-action 'none'"></head><body><p>${escapeHtml(text)}</p></body></html>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
