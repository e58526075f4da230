/** Security behaviour of the editor: what the page, the JSON tabs and the network may see. */
import { strict as assert } from 'node:assert';
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { Task } from '../../src/core/scale/types';
import { TaskDocumentProvider } from '../../src/vscode/documents/taskDocuments';
import { SCALE_FIXTURES as F } from '../emulator/scale/catalog';
import { childrenOf, KEY_ENV, labelOf, nodeAt, renderedText, SECRET_KEY, taskNodeIn, testApi, useEmulator, waitFor } from './fixtures';
import { evalInWebviews, hasProbe } from './helpers';

const TOKEN = /wst_SECRET_\d+/;
const MARKER = '[redacted by Task Lens]';

async function kitchenSink() {
  const batch = await nodeAt('Emu', F.projects.main.name, 'Batches', F.batches.showcase.name);
  const task = await taskNodeIn(batch, F.tasks.kitchenSink);
  assert.ok(task, 'the kitchen-sink task is in the Showcase batch');
  return task;
}

describe('Security: workspace_token', function () {
  useEmulator();
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('Security: the JSON tab and its saved copy carry the token redacted', async () => {
    const task = await kitchenSink();
    await vscode.commands.executeCommand('taskLens.openTaskJson', task);
    const editor = await waitFor('the JSON tab', () =>
      vscode.window.activeTextEditor?.document.uri.scheme === 'tasklens' ? vscode.window.activeTextEditor : undefined,
    );
    const text = editor.document.getText();
    assert.doesNotMatch(text, TOKEN);
    assert.ok(text.includes(MARKER));
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const target = vscode.Uri.joinPath(folder.uri, 'copies', 'kitchen-sink-secrets.json');
    await vscode.commands.executeCommand('taskLens.saveTaskJsonCopy', undefined, target);
    assert.doesNotMatch(await readFile(target.fsPath, 'utf8'), TOKEN);
  });

  it('Security: the task view page receives the token only after Reveal', async function () {
    const task = await kitchenSink();
    await vscode.commands.executeCommand('taskLens.openTask', task);
    await renderedText(F.tasks.kitchenSink.slice(-8));
    const api = await testApi();
    const panel = api.panels.all().find((p) => p.target.taskId === F.tasks.kitchenSink);
    assert.ok(panel);
    const posted: string[] = [];
    const webview = panel.panel.webview;
    const original = webview.postMessage.bind(webview);
    webview.postMessage = (message: unknown) => {
      posted.push(JSON.stringify(message));
      return original(message);
    };
    panel.show(panel.target);
    await waitFor('a render message', () => posted.some((m) => m.includes('"type":"render"')));
    const render = posted.find((m) => m.includes('"type":"render"')) ?? '';
    assert.doesNotMatch(render, TOKEN, 'the page was sent the token before Reveal');
    assert.ok(render.includes(MARKER));
    if (!hasProbe) return;
    posted.length = 0;
    await evalInWebviews(`document.querySelector('[data-action="reveal-secrets"]')?.click()`);
    await waitFor('a render after Reveal', () => posted.some((m) => m.includes('"type":"render"') && TOKEN.test(m)));
  });
});

describe('Security: restore-failure page', () => {
  it('Security: the page that says a task view could not be restored has a CSP', async () => {
    const api = await testApi();
    const fake = { webview: { html: '' } } as unknown as vscode.WebviewPanel;
    await api.panels.deserializeWebviewPanel(fake, { taskId: 't', connectionName: 'No such <b>connection</b>' });
    assert.match(fake.webview.html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'/);
    assert.ok(!fake.webview.html.includes('<b>'));
  });
});

describe('Security: JSON tabs for odd task ids', function () {
  const emu = useEmulator();
  const ids = ['odd/id:with/slashes', `long-${'x'.repeat(120)}`];
  before(() => {
    for (const id of ids) {
      emu.current.scale.registerExtraTask({
        task_id: id,
        project: F.projects.main.id,
        batch: F.batches.showcase.id,
        status: 'completed',
        threads: [],
      } as unknown as Task);
    }
  });

  for (const id of ids) {
    it(`Security: opens and reopens the JSON of “${id.slice(0, 24)}…”`, async () => {
      const connection = { name: 'Emu', kind: 'scale', baseUrl: emu.current.url, source: 'user' } as const;
      const uri = TaskDocumentProvider.uriFor(connection, id, [F.projects.main.name, F.batches.showcase.name]);
      const doc = await vscode.workspace.openTextDocument(uri);
      assert.equal((JSON.parse(doc.getText()) as { task_id: string }).task_id, id);
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      const again = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri.toString()));
      assert.equal((JSON.parse(again.getText()) as { task_id: string }).task_id, id);
    });
  }
});

describe('Security: apiKeyEnv from workspace settings', function () {
  const emu = useEmulator();
  let asked = 0;
  let answer: boolean | undefined = true;
  const config = () => vscode.workspace.getConfiguration('taskLens');
  const workspaceConnections = (list: object[]) => config().update('connections', list, vscode.ConfigurationTarget.Workspace);

  before(async () => {
    const api = await testApi();
    api.store.confirmEnvKey = async () => {
      asked++;
      return answer;
    };
    process.env.GITHUB_TOKEN = SECRET_KEY;
  });
  after(async () => {
    await workspaceConnections([]);
    delete process.env.GITHUB_TOKEN;
  });

  async function projectsOf(name: string): Promise<string[]> {
    (await testApi()).tree.refresh();
    const root = await nodeAt(name);
    return (await childrenOf(root)).map(labelOf);
  }

  it('Security: asks once per origin and variable before sending an environment key', async () => {
    await workspaceConnections([{ name: 'WsEnv', kind: 'scale', baseUrl: emu.current.url, apiKeyEnv: KEY_ENV }]);
    asked = 0;
    answer = true;
    assert.ok((await projectsOf('WsEnv')).includes(F.projects.main.name));
    assert.equal(asked, 1);
    assert.ok((await projectsOf('WsEnv')).includes(F.projects.main.name));
    assert.equal(asked, 1, 'asked again');
  });

  it('Security: a refusal sends nothing', async () => {
    const url = emu.current.url.replace('127.0.0.1', 'localhost');
    await workspaceConnections([{ name: 'WsRefused', kind: 'scale', baseUrl: url, apiKeyEnv: KEY_ENV }]);
    asked = 0;
    answer = false;
    emu.current.stats.reset();
    const labels = await projectsOf('WsRefused');
    assert.equal(asked, 1);
    assert.ok(!labels.includes(F.projects.main.name), labels.join(', '));
    assert.equal(emu.current.stats.hitsUnder('/v2'), 0);
  });

  it('Security: names outside SCALE_*, LIVEPEER_*, TASKLENS_* are refused for workspace connections', async () => {
    await workspaceConnections([{ name: 'WsGithub', kind: 'scale', baseUrl: emu.current.url, apiKeyEnv: 'GITHUB_TOKEN' }]);
    asked = 0;
    emu.current.stats.reset();
    const labels = await projectsOf('WsGithub');
    assert.equal(asked, 0);
    assert.ok(labels.some((l) => /SCALE_\*/.test(l)) || labels.length > 0, labels.join(', '));
    assert.ok(!labels.includes(F.projects.main.name));
    assert.equal(emu.current.stats.hitsUnder('/v2'), 0);
  });
});
