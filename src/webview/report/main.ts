/**
 * Entry of the quality report page (bundled to dist/report.js). Handshake: post `ready`, then
 * render what the host sends (first the page's strings in the editor's language); every incoming
 * message is validated, anything else is ignored.
 */
import { setDisplayLocale } from '../../shared/format';
import { isHostToReport, type ReportToHost } from '../../shared/reportProtocol';
import { createReportView } from './reportView';
import { reportStrings } from './strings';

interface VsCodeApi {
  postMessage(msg: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

function start(): void {
  const vscode = acquireVsCodeApi();
  const post = (msg: ReportToHost) => vscode.postMessage(msg);
  let root = document.getElementById('root');
  if (!root) {
    root = document.createElement('div');
    root.id = 'root';
    document.body.appendChild(root);
  }
  const view = createReportView(root, { post });
  window.addEventListener('message', (event: MessageEvent) => {
    const msg: unknown = event.data;
    if (!isHostToReport(msg)) return;
    if (msg.type === 'strings') {
      reportStrings.set(msg.tables.report);
      setDisplayLocale(msg.locale);
    } else if (msg.type === 'progress') view.progress(msg.fraction, msg.text);
    else if (msg.type === 'report') view.show(msg.report, msg.scope);
    else if (msg.type === 'error') view.error(msg.message);
  });
  post({ type: 'ready' });
}

start();
