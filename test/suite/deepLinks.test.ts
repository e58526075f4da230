import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { SCALE_FIXTURES as F } from '../emulator/scale/catalog';
import { KEY_ENV, nodeAt, taskNodeIn, testApi, useEmulator } from './fixtures';
import { readExtensionLog } from './log';
import { evalInWebviews, evalInWorkbench, hasProbe, pressKey, waitFor } from './helpers';

/** A connection name with every character that splits a query string. */
const ODD_NAME = 'Team & Co = #1 + 50%';

/** The link, spelled out by hand: the editor's scheme, publisher.name, the path and the query. */
function expectedLink(connection: string, id: string): string {
  return `${vscode.env.uriScheme}://task-lens.task-lens/task?connection=${connection}&id=${id}`;
}

/** The notifications on screen: toasts, or the list in the notification center when it is open. */
async function toasts(): Promise<string> {
  return evalInWorkbench<string>(`[...document.querySelectorAll('.notification-list-item-message')].map(e => e.textContent).join(' | ')`);
}

/**
 * Opens a link the way the editor opens one from outside, confirming the “open this URI?” prompt
 * if it asks, until `done` says the link took effect.
 */
async function openLink(link: string, done: () => Promise<boolean>): Promise<void> {
  const opened = vscode.commands.executeCommand('vscode.open', vscode.Uri.parse(link));
  await waitFor(
    `the effect of ${link}`,
    async () => {
      if (await done()) return true;
      if (hasProbe && (await evalInWorkbench<boolean>(`Boolean(document.querySelector('.monaco-dialog-box'))`))) await pressKey('Enter');
      return false;
    },
    30_000,
  ).catch(async (err: unknown) => {
    const dialog = hasProbe ? await evalInWorkbench<string>(`document.querySelector('.monaco-dialog-box')?.innerText ?? 'no dialog'`) : '';
    const log = (await readExtensionLog()).split('\n').slice(-5).join('\n');
    throw new Error(`${String(err)}; notifications: ${hasProbe ? await toasts() : '?'}; ${dialog}; log: ${log}`);
  });
  await opened;
}

describe('Deep links to tasks', function () {
  const emu = useEmulator((url) => [
    { name: 'Emu', kind: 'scale', baseUrl: url, apiKeyEnv: KEY_ENV },
    { name: ODD_NAME, kind: 'scale', baseUrl: url, apiKeyEnv: KEY_ENV },
  ]);
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('“Copy Link” on a task row copies vscode://task-lens.task-lens/task?connection=…&id=…', async () => {
    const batch = await nodeAt('Emu', F.projects.main.name, 'Batches', F.batches.showcase.name);
    const task = await taskNodeIn(batch, F.tasks.kitchenSink);
    assert.ok(task);
    assert.match(task.getTreeItem().contextValue ?? '', /\btask\b/, 'the row offers the task menu (Copy Link is in it)');
    const link = (await vscode.commands.executeCommand('taskLens.copyLink', task)) as string;
    assert.equal(link, expectedLink('Emu', F.tasks.kitchenSink));
    assert.equal(await vscode.env.clipboard.readText(), expectedLink('Emu', F.tasks.kitchenSink));
  });

  it('a connection name with & = # + % survives the round trip, and the link opens that task', async () => {
    const batch = await nodeAt(ODD_NAME, F.projects.main.name, 'Batches', F.batches.showcase.name);
    const task = await taskNodeIn(batch, F.tasks.sideBySide);
    assert.ok(task);
    const link = (await vscode.commands.executeCommand('taskLens.copyLink', task)) as string;
    assert.equal(link, expectedLink('Team%20%2526%20Co%20%253D%20%25231%20%252B%2050%2525', F.tasks.sideBySide));
    emu.current.stats.reset();
    const opensTask = async () => (await testApi()).panels.all().find((p) => p.target.taskId === F.tasks.sideBySide);
    await openLink(link, async () => Boolean(await opensTask()));
    const panel = await opensTask();
    assert.ok(panel);
    assert.equal(panel.target.connection.name, ODD_NAME);
    assert.ok(emu.current.stats.hits('/v2/task') >= 1, 'the task was fetched');
  });

  it('“Copy Link” in the task view toolbar copies the same link', async function () {
    if (!hasProbe) this.skip();
    const batch = await nodeAt('Emu', F.projects.main.name, 'Batches', F.batches.showcase.name);
    const task = await taskNodeIn(batch, F.tasks.kitchenSink);
    await vscode.commands.executeCommand('taskLens.openTask', task);
    await vscode.env.clipboard.writeText('');
    await waitFor(
      'the Copy Link button',
      async () => {
        const frames = await evalInWebviews<boolean>(
          `(() => { const b = document.querySelector('.toolbar [data-command="copyLink"]'); if (!b) return false; b.click(); return true; })()`,
        );
        return frames.some((f) => f.value === true);
      },
      50_000,
    );
    await waitFor(
      'the link in the clipboard',
      async () => (await vscode.env.clipboard.readText()) === expectedLink('Emu', F.tasks.kitchenSink),
    );
  });

  it('refuses hostile links: unknown connection, bad id, other paths — no request, no panel, a message', async function () {
    emu.current.stats.reset();
    const base = `${vscode.env.uriScheme}://task-lens.task-lens`;
    const cases: Array<[string, RegExp]> = [
      [`${base}/task?connection=Nobody&id=${F.tasks.kitchenSink}`, /no connection of that name/],
      [`${base}/task?connection=Emu&id=..%2F..%2Fetc%2Fpasswd`, /task ID is not valid/],
      [`${base}/task?connection=Emu&id=%3Cimg%20src%3Dx%3E`, /task ID is not valid/],
      [`${base}/task?connection=a%E2%80%AEb&id=abc`, /names no valid connection/],
      [`${base}/settings?connection=Emu&id=abc`, /does not point at a task/],
    ];
    for (const [link, message] of cases) {
      await openLink(link, async () => !hasProbe || message.test(await toasts()));
      await vscode.commands.executeCommand('notifications.clearAll');
      // The next message must not arrive while the cleared ones are still leaving.
      if (hasProbe) await waitFor('no notification on screen', async () => (await toasts()) === '');
      await new Promise((r) => setTimeout(r, 300));
    }
    assert.equal((await testApi()).panels.all().length, 0, 'no task view opened');
    assert.equal(emu.current.stats.hits('/v2/task'), 0, 'nothing was fetched');
  });
});
