import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { SCALE_FIXTURES as F } from '../emulator/scale/catalog';
import {
  childrenOf,
  contextOf,
  isEntry,
  isError,
  isLoadMore,
  KEY_ENV,
  labelOf,
  loadAll,
  nodeAt,
  SECRET_KEY,
  setConnections,
  useEmulator,
  testApi,
} from './fixtures';
import { evalInWorkbench, hasProbe, pressKey, screenshot, typeText, waitFor } from './helpers';
import { readExtensionLog } from './log';

describe('Tree: projects → batches → tasks', function () {
  const emu = useEmulator();

  it('shows the connection, its projects, and Batches / Deliveries / All tasks under a project', async () => {
    const projects = (await childrenOf(await nodeAt('Emu'))).map(labelOf);
    for (const p of Object.values(F.projects)) assert.ok(projects.includes(p.name), `missing project ${p.name} in ${projects.join(', ')}`);
    const groups = (await childrenOf(await nodeAt('Emu', F.projects.main.name))).map(labelOf);
    assert.deepEqual(groups, ['Batches', 'Deliveries', 'All tasks']);
  });

  it('pages a batch of 250 tasks at page size 100 to the end: 3 pages, 250 items, no duplicates', async () => {
    const batch = await nodeAt('Emu', F.projects.main.name, 'Batches', F.batches.batch250.name);
    const first = await childrenOf(batch);
    assert.equal(first.filter(isEntry).length, 100);
    const more = first.find(isLoadMore);
    assert.ok(more, 'a Load more… item ends the first page');
    assert.match(String(more.getTreeItem().description), /100 loaded/);
    emu.current.stats.reset();
    const { entries, pages } = await loadAll(batch);
    assert.equal(pages, 3);
    assert.equal(entries.length, 250);
    assert.equal(new Set(entries.map((e) => e.id)).size, 250, 'every task appears once');
    assert.equal(emu.current.stats.hits('/v2/tasks'), 2, 'two more pages were fetched');
  });

  it('guards “Load more…” against double clicks: one request per page', async () => {
    const batch = await nodeAt('Emu', F.projects.main.name, 'Batches', F.batches.pagingA.name).catch(() => undefined);
    const target = batch ?? (await nodeAt('Emu', F.projects.paging.name, 'Batches', F.batches.pagingA.name));
    await vscode.commands.executeCommand('taskLens.refreshNode', target);
    const more = (await childrenOf(target)).find(isLoadMore);
    assert.ok(more);
    emu.current.stats.reset();
    await Promise.all([1, 2, 3].map(() => vscode.commands.executeCommand('taskLens.loadMore', more)));
    assert.equal(emu.current.stats.hits('/v2/tasks'), 1);
    assert.equal((await childrenOf(target)).filter(isEntry).length, 200);
  });

  it('shows the total in “Load more…” when the platform knows it (a delivery)', async () => {
    const delivery = await nodeAt('Emu', F.projects.main.name, 'Deliveries', F.deliveries.weekly1.name);
    const more = (await childrenOf(delivery)).find(isLoadMore);
    assert.ok(more);
    assert.match(String(more.getTreeItem().description), /100 of 150 loaded/);
  });

  it('filters a batch’s tasks by status on the server, shows it in the description, and clears it', async function () {
    if (!hasProbe) this.skip();
    const batch = await nodeAt('Emu', F.projects.main.name, 'Batches', F.batches.inProgress.name);
    const all = await loadAll(batch);
    assert.ok(
      all.entries.some((e) => !/^error/.test(String(e.getTreeItem().description))),
      'the batch mixes statuses',
    );
    emu.current.stats.reset();
    const filtering = vscode.commands.executeCommand('taskLens.filterByStatus', batch);
    await waitFor('the status quick pick', () =>
      evalInWorkbench<boolean>(`!!document.querySelector('.quick-input-widget:not([style*="display: none"]) .quick-input-list')`),
    );
    await typeText('error');
    await pressKey('Enter');
    await filtering;
    const filtered = await nodeAt('Emu', F.projects.main.name, 'Batches', F.batches.inProgress.name);
    assert.match(String(filtered.getTreeItem().description), /status: error/);
    assert.match(contextOf(filtered), /\bfiltered\b/);
    const tasks = (await loadAll(filtered)).entries;
    assert.ok(tasks.length > 0);
    for (const t of tasks) assert.match(String(t.getTreeItem().description), /^error/);
    assert.ok(
      emu.current.stats.requests().some((r) => r.path === '/v2/tasks' && r.query.some(([k, v]) => k === 'status' && v === 'error')),
      'the filter went to the server',
    );
    await vscode.commands.executeCommand('workbench.view.extension.taskLens');
    await (await testApi()).view.reveal(filtered, { expand: true, select: true });
    await waitFor('the filter in the sidebar', () =>
      evalInWorkbench<string[]>(
        `[...document.querySelectorAll('.sidebar .monaco-list-row')].map(r => r.getAttribute('aria-label') ?? '')`,
      ).then((rows) => (rows.some((r) => r.includes(F.batches.inProgress.name) && r.includes('status: error')) ? rows : undefined)),
    );
    await screenshot('tree-filtered-by-status');
    await vscode.commands.executeCommand('taskLens.clearFilter', filtered);
    const cleared = await nodeAt('Emu', F.projects.main.name, 'Batches', F.batches.inProgress.name);
    assert.doesNotMatch(String(cleared.getTreeItem().description), /status:/);
    await waitFor('the cleared filter in the sidebar', () =>
      evalInWorkbench<string[]>(
        `[...document.querySelectorAll('.sidebar .monaco-list-row')].map(r => r.getAttribute('aria-label') ?? '')`,
      ).then((rows) =>
        rows.some((r) => r.includes(F.batches.inProgress.name)) && !rows.some((r) => r.includes('status: error')) ? rows : undefined,
      ),
    );
    assert.equal((await loadAll(cleared)).entries.length, all.entries.length);
  });

  it('renders the items in the sidebar (what the user sees)', async function () {
    if (!hasProbe) this.skip();
    await vscode.commands.executeCommand('workbench.view.extension.taskLens');
    const { view } = await (await import('./fixtures')).testApi();
    const batch = await nodeAt('Emu', F.projects.main.name, 'Batches', F.batches.batch250.name);
    await view.reveal(batch, { expand: true, select: true, focus: true });
    const rows = await waitFor('tree rows in the sidebar', () =>
      evalInWorkbench<string[]>(
        `[...document.querySelectorAll('.sidebar .monaco-list-row')].map(r => r.getAttribute('aria-label') ?? r.textContent)`,
      ).then((r) =>
        r.some((x) => x.includes(F.batches.batch250.name)) && r.some((x) => x.includes(F.tasks.firstOfBatch250)) ? r : undefined,
      ),
    );
    assert.ok(rows.some((r) => r.includes(F.projects.main.name)));
    await screenshot('tree-batch-expanded');
  });

  it('never writes the API key to the log', async () => {
    const log = await readExtensionLog();
    assert.ok(log.length > 0);
    assert.ok(!log.includes(SECRET_KEY), 'the key is in the log');
  });
});

describe('Tree: problems', function () {
  const emu = useEmulator(() => []);
  before(() => {
    process.env.TASKLENS_IT_WRONG_KEY = 'tl-it-WRONG-0000';
  });

  it('a 401 shows the auth item (with Set API Key) and no exception in the log', async () => {
    await setConnections([
      { name: 'Good', kind: 'scale', baseUrl: emu.current.url, apiKeyEnv: KEY_ENV },
      { name: 'Wrong key', kind: 'scale', baseUrl: emu.current.url, apiKeyEnv: 'TASKLENS_IT_WRONG_KEY' },
    ]);
    const children = await childrenOf(await nodeAt('Wrong key'));
    assert.equal(children.length, 1);
    const item = children[0].getTreeItem();
    assert.ok(isError(children[0]));
    assert.equal(item.label, 'API key rejected');
    assert.match(String(item.description), /401/);
    assert.match(contextOf(children[0]), /keyProblem/);
    assert.equal(item.command?.command, 'taskLens.setApiKey');
    const log = await readExtensionLog();
    assert.doesNotMatch(log, /\[error\]/);
    assert.doesNotMatch(log, /\n\s+at /, 'no stack trace in the log');
    assert.ok(!log.includes('tl-it-WRONG-0000'), 'the wrong key is not logged either');
  });

  it('a connection without a key shows the “no API key” welcome content', async function () {
    await setConnections([{ name: 'Keyless', kind: 'scale', baseUrl: emu.current.url }]);
    assert.deepEqual(await childrenOf(undefined), []);
    if (!hasProbe) this.skip();
    await vscode.commands.executeCommand('workbench.view.extension.taskLens');
    await waitFor('the no-key welcome view', () =>
      evalInWorkbench<string>(`document.querySelector('.sidebar .welcome-view-content')?.innerText ?? ''`).then((t) =>
        t.includes('no API key') && t.includes('Set API Key') ? t : undefined,
      ),
    );
  });

  it('Set API Key checks the key with one call: a rejected key is reported (401) and not saved; a good one is', async function () {
    if (!hasProbe) this.skip();
    await setConnections([{ name: 'Keyless', kind: 'scale', baseUrl: emu.current.url }]);
    const [conn] = (await childrenOf(undefined)).length ? await childrenOf(undefined) : [undefined];
    assert.equal(conn, undefined, 'no key yet: the welcome view shows instead of the tree');
    const enterKey = async (key: string) => {
      const setting = vscode.commands.executeCommand('taskLens.setApiKey');
      await waitFor('the API key input', () =>
        evalInWorkbench<boolean>(`!!document.querySelector('.quick-input-widget:not([style*="display: none"]) input[type="password"]')`),
      );
      await typeText(key);
      await pressKey('Enter');
      await setting;
    };
    emu.current.stats.reset();
    await enterKey('tl-it-REJECTED-1111');
    const notice = await waitFor('the rejection message', () =>
      evalInWorkbench<string>(
        `[...document.querySelectorAll('.notifications-toasts .notification-list-item-message')].map(e => e.textContent).join(' | ')`,
      ).then((t) => (/rejected the key \(401\)/.test(t) ? t : undefined)),
    );
    assert.match(notice, /not saved/);
    assert.equal(emu.current.stats.hits('/v2/projects'), 1, 'one cheap call checked the key');
    assert.deepEqual(await childrenOf(undefined), [], 'still no key');
    await vscode.commands.executeCommand('notifications.clearAll');
    await enterKey(SECRET_KEY);
    const roots = await waitFor('the connection with its key', async () =>
      (await childrenOf(undefined)).length === 1 ? childrenOf(undefined) : undefined,
    );
    assert.ok(
      (await childrenOf(roots[0])).some((c) => labelOf(c) === F.projects.main.name),
      'the saved key is used',
    );
    const log = await readExtensionLog();
    assert.ok(!log.includes(SECRET_KEY) && !log.includes('tl-it-REJECTED-1111'), 'keys never reach the log');
    // The key is bound to the origin it was entered for: point the connection elsewhere (the same
    // emulator under another host name) and the key must not be sent there.
    emu.current.stats.reset();
    await setConnections([{ name: 'Keyless', kind: 'scale', baseUrl: emu.current.url.replace('127.0.0.1', 'localhost') }]);
    assert.deepEqual(await childrenOf(undefined), [], 'the moved connection has no usable key');
    assert.equal(emu.current.stats.requests().filter((r) => r.authorized).length, 0, 'no request carried the key to the other host');
    await setConnections([{ name: 'Keyless', kind: 'scale', baseUrl: emu.current.url }]);
    await vscode.commands.executeCommand('taskLens.clearApiKey', (await childrenOf(undefined))[0]);
  });

  it('an unreachable server shows the “can’t reach” welcome content', async function () {
    await setConnections([{ name: 'Offline', kind: 'scale', baseUrl: 'http://127.0.0.1:9', apiKeyEnv: KEY_ENV }]);
    assert.deepEqual(await childrenOf(undefined), []);
    if (!hasProbe) this.skip();
    await waitFor('the unreachable welcome view', () =>
      evalInWorkbench<string>(`document.querySelector('.sidebar .welcome-view-content')?.innerText ?? ''`).then((t) =>
        t.includes('can’t reach') && t.includes('Retry') ? t : undefined,
      ),
    );
  });
});
