import { strict as assert } from 'node:assert';
import { decodedQueryOf, parseTaskLink, taskLinkQuery, taskLinkText } from '../../src/shared/taskLink';

describe('task deep links', () => {
  it('round-trips connection names with the characters that split a query', () => {
    for (const connection of ['Emu', 'My Scale', 'a&b=c', '50% + more', 'x#y', 'naïve 日本', 'id=1&connection=evil']) {
      const parsed = parseTaskLink('/task', taskLinkQuery({ connection, taskId: '6650f0c2a1b2c3d4e5f60001' }));
      assert.deepEqual(parsed, { ok: true, link: { connection, taskId: '6650f0c2a1b2c3d4e5f60001' } }, connection);
    }
  });

  it('prints plain names plainly, and odd ones so one decoding by the editor gives back the fields', () => {
    const id = '6650f0c2a1b2c3d4e5f60001';
    assert.equal(
      taskLinkText('vscode', 'task-lens.task-lens', { connection: 'Emu', taskId: id }),
      `vscode://task-lens.task-lens/task?connection=Emu&id=${id}`,
    );
    assert.equal(
      taskLinkText('vscode', 'task-lens.task-lens', { connection: 'My Scale', taskId: id }),
      `vscode://task-lens.task-lens/task?connection=My%20Scale&id=${id}`,
    );
    for (const connection of ['a&b=c', '50% + more', 'x#y?z', 'naïve 日本']) {
      const text = taskLinkText('vscode', 'task-lens.task-lens', { connection, taskId: id });
      assert.doesNotMatch(text, /[\s#]/, 'nothing in the link ends it early');
      assert.deepEqual(parseTaskLink('/task', decodedQueryOf(text)), { ok: true, link: { connection, taskId: id } }, connection);
    }
  });

  it('refuses hostile or malformed links with a reason', () => {
    const cases: Array<[string, string, string]> = [
      ['/tasks', 'connection=Emu&id=abc', 'path'],
      ['/task/../x', 'connection=Emu&id=abc', 'path'],
      ['/task', 'id=abc', 'connection'],
      ['/task', 'connection=&id=abc', 'connection'],
      ['/task', 'connection=%20%20&id=abc', 'connection'],
      ['/task', `connection=${'x'.repeat(201)}&id=abc`, 'connection'],
      ['/task', 'connection=a%E2%80%AEb&id=abc', 'connection'],
      ['/task', 'connection=a%0Ab&id=abc', 'connection'],
      ['/task', 'connection=Emu', 'id'],
      ['/task', 'connection=Emu&id=../../etc/passwd', 'id'],
      ['/task', 'connection=Emu&id=a%20b', 'id'],
      ['/task', `connection=Emu&id=${'a'.repeat(201)}`, 'id'],
      ['/task', 'connection=Emu&id=<script>', 'id'],
      ['/task', 'connection=Emu&connection=Other&id=abc', 'repeated'],
      ['/task', 'connection=Emu&id=abc&id=def', 'repeated'],
    ];
    for (const [path, query, problem] of cases) assert.deepEqual(parseTaskLink(path, query), { ok: false, problem }, `${path}?${query}`);
  });

  it('ignores fields it does not know', () => {
    assert.deepEqual(parseTaskLink('/task', 'connection=Emu&id=abc&baseUrl=https://evil.example'), {
      ok: true,
      link: { connection: 'Emu', taskId: 'abc' },
    });
  });
});
