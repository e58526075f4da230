/**
 * Entry of the task view page (bundled to dist/webview.js). Handshake: post `ready`, then
 * render what the host sends. Every incoming message is validated; anything else is ignored.
 */
import { isHostToPage, type PageState, type PageToHost } from '../shared/protocol';
import { createTaskView } from './shell/view';
import { setDisplayLocale } from '../shared/format';
import { livepeerStrings } from './livepeer/strings';
import { shellStrings } from './shell/strings';

interface VsCodeApi {
  postMessage(msg: unknown): void;
  setState(state: unknown): void;
  getState(): unknown;
}

declare function acquireVsCodeApi(): VsCodeApi;

function start(): void {
  const vscode = acquireVsCodeApi();
  const post = (msg: PageToHost) => vscode.postMessage(msg);
  let root = document.getElementById('root');
  if (!root) {
    root = document.createElement('div');
    root.id = 'root';
    document.body.appendChild(root);
  }
  const view = createTaskView(root, { post });

  window.addEventListener('message', (event: MessageEvent) => {
    const receivedAt = performance.now();
    const msg: unknown = event.data;
    if (!isHostToPage(msg)) return;
    switch (msg.type) {
      case 'render': {
        const handle = view.render(msg.task, msg.context, receivedAt, msg.related);
        if (handle.taskId !== undefined) {
          const state: PageState = {
            v: 1,
            taskId: handle.taskId,
            connectionName: msg.context.connectionName,
            platform: msg.context.platform,
          };
          vscode.setState(state);
        }
        break;
      }
      case 'live':
        view.live(msg.task, { stuck: msg.stuck, actions: msg.actions });
        break;
      case 'loading':
        view.loading();
        break;
      case 'error':
        view.error(msg.message);
        break;
      case 'strings':
        shellStrings.set(msg.tables.shell);
        livepeerStrings.set(msg.tables.livepeer);
        setDisplayLocale(msg.locale);
        break;
    }
  });

  post({ type: 'ready' });
}

start();
