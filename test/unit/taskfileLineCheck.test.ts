import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkTaskAt } from '../../src/core/taskfile/lineCheck';
import { TempFolder } from './support/taskFiles';

/** Where each line sits, counted here from the bytes written (UTF-8, one `\n` after each line). */
function places(lines: string[]): { offset: number; length: number; lineNumber: number }[] {
  let offset = 0;
  return lines.map((line, i) => {
    const length = Buffer.byteLength(line, 'utf8');
    const place = { offset, length, lineNumber: i + 1 };
    offset += length + 1;
    return place;
  });
}

describe('task file line check (restoring a task view)', () => {
  const folder = new TempFolder();
  after(() => folder.remove());
  const lines = [
    JSON.stringify({ task_id: 'first', status: 'completed', note: 'héllo ✓' }),
    '',
    JSON.stringify({ task_id: 'second', status: 'pending' }),
    JSON.stringify({ id: 'lp-1', status: { phase: 'done' } }),
    JSON.stringify({ id: 42, status: 'completed' }),
  ];
  const at = places(lines);

  it('reads the task back when the line still holds it (task_id, Livepeer id, numeric id)', async () => {
    const file = folder.write(lines);
    const first = await checkTaskAt(file, at[0]!, 'first');
    assert.ok(first.ok);
    assert.deepEqual(first.task, JSON.parse(lines[0]!));
    assert.ok((await checkTaskAt(file, at[2]!, 'second')).ok);
    assert.ok((await checkTaskAt(file, at[3]!, 'lp-1')).ok);
    assert.ok((await checkTaskAt(file, at[4]!, '42')).ok);
  });

  it('says changed when the line holds another task, is no task, or runs past the end', async () => {
    const file = folder.write(lines);
    assert.deepEqual(await checkTaskAt(file, at[0]!, 'second'), { ok: false, reason: 'changed' });
    assert.deepEqual(await checkTaskAt(file, at[1]!, 'first'), { ok: false, reason: 'changed' }, 'a blank line');
    assert.deepEqual(await checkTaskAt(file, { ...at[2]!, offset: at[2]!.offset + 1 }, 'second'), { ok: false, reason: 'changed' });
    assert.deepEqual(await checkTaskAt(file, { ...at[4]!, length: at[4]!.length + 10 }, '42'), { ok: false, reason: 'changed' });
    assert.deepEqual(
      await checkTaskAt(file, { offset: Number.MAX_SAFE_INTEGER - 5, length: 5, lineNumber: 1 }, 'first'),
      { ok: false, reason: 'changed' },
      'far past the end: nothing is read or allocated',
    );
    assert.deepEqual(await checkTaskAt(file, at[0]!, ''), { ok: false, reason: 'changed' }, 'an empty id matches nothing');
  });

  it('says changed when the file was written again with other tasks at those offsets', async () => {
    const name = 'rewritten.jsonl';
    folder.write(lines, { name });
    const other = [JSON.stringify({ task_id: 'tsrif', status: 'completed', note: 'héllo ✓' }), ...lines.slice(1)];
    assert.equal(Buffer.byteLength(other[0]!), at[0]!.length, 'same length, other task');
    const file = folder.write(other, { name });
    assert.deepEqual(await checkTaskAt(file, at[0]!, 'first'), { ok: false, reason: 'changed' });
  });

  it('says missing when the file is gone or is a folder', async () => {
    assert.deepEqual(await checkTaskAt(join(folder.path, 'gone.jsonl'), at[0]!, 'first'), { ok: false, reason: 'missing' });
    const dir = join(folder.path, 'a-folder.jsonl');
    mkdirSync(dir);
    assert.deepEqual(await checkTaskAt(dir, at[0]!, 'first'), { ok: false, reason: 'missing' });
    assert.deepEqual(await checkTaskAt(join(folder.path, 'gone.jsonl', 'x'), at[0]!, 'first'), { ok: false, reason: 'missing' });
  });
});
