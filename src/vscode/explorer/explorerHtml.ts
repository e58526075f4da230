import type * as vscode from 'vscode';
import { pageShellHtml } from '../panel/panelHtml';

/** The delivery explorer's page: its own bundle and sheet in the shared shell (rows arrive a window at a time). */
export function explorerHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  return pageShellHtml(webview, extensionUri, { title, script: 'explorer.js', sheets: ['explorer.css'] });
}
