import { strict as assert } from 'node:assert';
import { isHostToPage, isPageState, pageStateFor, type RenderContext } from '../../../src/shared/protocol';

const context: RenderContext = { connectionName: 'weekly.jsonl', platform: 'scale', pinned: true, revealSecrets: false };
const ref = { uri: 'file:///home/me/deliveries/weekly%201%23b.jsonl', offset: 1234, length: 567, line: 3 };

describe('task view page state (what survives a window reload)', () => {
  it('keeps the line of a task file when the render says where it is, and nothing of the task', () => {
    const state = pageStateFor('task-1', { ...context, file: 'weekly.jsonl, line 3', fileRef: ref });
    assert.deepEqual(state, { v: 1, taskId: 'task-1', connectionName: 'weekly.jsonl', platform: 'scale', file: ref });
    // What the webview keeps is JSON: it must come back valid.
    assert.ok(isPageState(JSON.parse(JSON.stringify(state))));
  });

  it('keeps no file for a task from a connection, as before', () => {
    const state = pageStateFor('task-1', { ...context, connectionName: 'Prod' });
    assert.equal('file' in state, false);
    assert.ok(isPageState(state));
    assert.ok(isPageState({ v: 1, taskId: 't', connectionName: 'Prod', platform: 'scale' }), 'a state saved by an older version');
  });

  it('accepts the file URIs vscode.Uri writes (spaces, #, a Windows drive, a UNC share)', () => {
    for (const uri of ['file:///tmp/a%20b%23c.jsonl', 'file:///c%3A/Users/me/a.jsonl', 'file://server/share/a.jsonl', 'file:///t.jsonl'])
      assert.ok(isPageState({ v: 1, taskId: 't', connectionName: 'c', platform: 'scale', file: { ...ref, uri } }), uri);
    assert.ok(isPageState({ v: 1, taskId: 't', connectionName: 'c', platform: 'scale', file: { ...ref, offset: 0, line: 0 } }));
  });

  it('rejects a hostile or malformed file reference', () => {
    const bad: unknown[] = [
      null,
      'file:///a.jsonl',
      [],
      { ...ref, uri: undefined },
      { ...ref, uri: 7 },
      { ...ref, uri: '' },
      { ...ref, uri: 'https://example.com/a.jsonl' },
      { ...ref, uri: 'vscode-remote://ssh-remote+x/a.jsonl' },
      { ...ref, uri: 'untitled:Untitled-1' },
      { ...ref, uri: '/home/me/a.jsonl' },
      { ...ref, uri: 'file:' },
      { ...ref, uri: 'file:///' },
      { ...ref, uri: 'file:///a.jsonl?x=1' },
      { ...ref, uri: 'file:///a.jsonl#frag' },
      { ...ref, uri: 'file://[bad/a.jsonl' },
      { ...ref, uri: `file:///${'a'.repeat(9_000)}` },
      ...['offset', 'length', 'line'].flatMap((key) =>
        [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '3', null, undefined, true].map((v) => ({ ...ref, [key]: v })),
      ),
    ];
    for (const file of bad) {
      assert.equal(isPageState({ v: 1, taskId: 't', connectionName: 'c', platform: 'scale', file }), false, JSON.stringify(file));
      assert.equal(isHostToPage({ type: 'render', task: {}, context: { ...context, fileRef: file } }), file === null, JSON.stringify(file));
    }
    assert.equal(isPageState({ v: 1, taskId: 'x'.repeat(1_001), connectionName: 'c', platform: 'scale' }), false, 'an absurd id');
  });
});
