import type * as vscode from 'vscode';
import { pageShellHtml } from '../panel/panelHtml';

/** The quality report's page: its own bundle and sheet in the shared shell (the figures arrive as a message). */
export function reportPanelHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  return pageShellHtml(webview, extensionUri, { title, script: 'report.js', sheets: ['report.css'] });
}
