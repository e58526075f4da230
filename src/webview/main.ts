/**
 * Entry of the task view page (bundled to dist/webview.js). Handshake: post `ready`, then
 * render what the host sends. Every incoming message is validated; anything else is ignored.
 */
import { isHostToPage, pageStateFor, type PageToHost } from '../shared/protocol';
import { createTaskView } from './shell/view';
import { compileGrammars } from './shell/highlight';
import { prepareRelativeTime, setDisplayLocale } from '../shared/format';
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
  let taskArrived = false;

  window.addEventListener('message', (event: MessageEvent) => {
    const receivedAt = performance.now();
    const msg: unknown = event.data;
    if (!isHostToPage(msg)) return;
    switch (msg.type) {
      case 'render': {
        taskArrived = true;
        const handle = view.render(msg.task, msg.context, receivedAt, msg.related);
        if (handle.taskId !== undefined) vscode.setState(pageStateFor(handle.taskId, msg.context));
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
        // The locale's formatter, before the task it will show arrives.
        prepareRelativeTime();
        break;
    }
  });

  post({ type: 'ready' });
  // While the host fetches the task: the first render would pay for the formatter's locale data
  // and for compiling the code grammars it meets. One grammar a macrotask, so a message that
  // arrives meanwhile waits for one at most; the rest compile on first use once a task is here.
  prepareRelativeTime();
  const grammars = compileGrammars();
  const compileNext = () => {
    if (!taskArrived && !grammars.next().done) setTimeout(compileNext, 0);
  };
  setTimeout(compileNext, 0);
}

start();
