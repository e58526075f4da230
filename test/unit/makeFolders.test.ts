/** makeFolders: `mkdir -p` that ends, with the folder it could not make named. */
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FolderCreationError, makeFolders } from '../../src/core/makeFolders';
import { runExport } from '../../src/core/export';
import { ExportOutputError } from '../../src/core/export/atomicOutput';

describe('makeFolders', function () {
  // Node 20's recursive mkdir spins forever under /proc: a hang fails this test by its timeout.
  this.timeout(5_000);
  let root: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'tl-folders-'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('creates the missing folders and returns the first it created', async () => {
    const deep = join(root, 'a', 'b', 'c');
    assert.equal(await makeFolders(deep), join(root, 'a'));
    assert.ok((await stat(deep)).isDirectory());
    assert.equal(await makeFolders(deep), undefined, 'nothing to create the second time');
  });

  it('names a file in the way', async () => {
    await writeFile(join(root, 'plain'), 'x');
    await assert.rejects(makeFolders(join(root, 'plain', 'sub')), (error: unknown) => {
      assert.ok(error instanceof FolderCreationError);
      assert.equal(error.code, 'ENOTDIR');
      assert.equal(error.folder, join(root, 'plain'));
      return true;
    });
  });

  it('ends with an error where the file system refuses new folders (/proc)', async function () {
    if (!existsSync('/proc/self')) this.skip();
    await assert.rejects(makeFolders('/proc/task-lens-test/sub'), (error: unknown) => {
      assert.ok(error instanceof FolderCreationError, String(error));
      assert.equal(error.folder, '/proc/task-lens-test');
      return true;
    });
  });

  it('export refuses such places in words, before reading the input', async function () {
    const input = join(root, 'in.jsonl');
    await writeFile(input, '{"task_id":"t1","status":"completed","threads":[]}\n');
    const places = [join(root, 'plain', 'x.jsonl'), ...(existsSync('/proc/self') ? ['/proc/x.jsonl', '/proc/sub/x.jsonl'] : [])];
    for (const out of places) {
      await assert.rejects(runExport({ input, out, format: 'sft' }), (error: unknown) => {
        assert.ok(error instanceof ExportOutputError, `${out}: ${String(error)}`);
        assert.match(error.message, /choose another output/);
        return true;
      });
    }
  });
});
