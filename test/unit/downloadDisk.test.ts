/** The download engine and the disk: symlinks, failed renames, damaged manifests. */
import * as assert from 'node:assert/strict';
import { mkdir, readdir, readFile, rmdir, symlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { DownloadIncompleteError, plannedPaths, runDownload, UnsafePathError, type DownloadManifest } from '../../src/core/download';
import type { DownloadPlan } from '../../src/core/platform/platform';
import { SCALE_FIXTURES as F } from '../emulator/scale/catalog';
import { startEmulator, type Emulator } from '../emulator/server';
import { testScale } from './support/clients';
import { deliveryPlan, removeTempRoots, servedJsonl, tempRoot } from './support/downloadHelpers';

describe('download engine and the disk', function () {
  this.timeout(30_000);
  let emulator: Emulator;
  let plan: DownloadPlan;
  let reference: string;

  before(async () => {
    emulator = await startEmulator({});
    plan = deliveryPlan(testScale(emulator), F.projects.main, F.deliveries.weekly1, 150);
    reference = await servedJsonl(emulator, '/v2/delivery', { delivery_id: F.deliveries.weekly1.id });
  });
  after(async () => {
    await emulator.close();
    await removeTempRoots();
  });

  it('never writes through a symlink planted inside the folder', async () => {
    const outside = await tempRoot();
    const root = await tempRoot();
    await symlink(outside, plannedPaths(root, plan).folder, 'dir');
    await assert.rejects(runDownload(plan, root), UnsafePathError);

    const root2 = await tempRoot();
    const paths2 = plannedPaths(root2, plan);
    await mkdir(paths2.folder);
    await symlink(path.join(outside, 'stolen.jsonl'), paths2.partial);
    await assert.rejects(runDownload(plan, root2), UnsafePathError);

    const root3 = await tempRoot();
    const paths3 = plannedPaths(root3, plan);
    await mkdir(paths3.folder);
    await writeFile(path.join(outside, 'manifest'), '{}');
    await symlink(path.join(outside, 'manifest'), `${paths3.manifest}.tmp`);
    await assert.rejects(runDownload(plan, root3), UnsafePathError);
    assert.deepEqual(await readdir(outside), ['manifest']);
    assert.equal(await readFile(path.join(outside, 'manifest'), 'utf8'), '{}');
  });

  it('reports a failed final rename as a write failure, and finishes without refetching once fixed', async () => {
    const root = await tempRoot();
    const paths = plannedPaths(root, plan);
    // A non-empty folder where the file should go: the rename into place fails.
    await mkdir(path.join(paths.file, 'blocker'), { recursive: true });
    const error = await runDownload(plan, root, { force: true }).then(
      () => assert.fail('expected the rename to fail'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof DownloadIncompleteError, String(error));
    assert.equal(error.reason, 'write_failed');
    assert.ok(error.resumable);
    assert.equal(error.written, 150);
    assert.match(error.message, /run the download again/);

    await rmdir(path.join(paths.file, 'blocker'));
    await rmdir(paths.file);
    emulator.stats.reset();
    const result = await runDownload(plan, root);
    assert.equal(emulator.stats.hits('/v2/delivery'), 0, 'every page was in already');
    assert.equal(result.resumedFrom, 150);
    assert.equal(await readFile(result.file, 'utf8'), reference);
  });

  it('starts over, with a warning, when the manifest beside a partial file is damaged', async () => {
    const root = await tempRoot();
    const paths = plannedPaths(root, plan);
    await mkdir(paths.folder, { recursive: true });
    await writeFile(paths.partial, '{"task_id":"half');
    await writeFile(paths.manifest, '{"format":"task-lens-download/1","status":"par');
    const result = await runDownload(plan, root);
    assert.equal(await readFile(result.file, 'utf8'), reference);
    assert.equal(result.warnings.length, 1);
    assert.match(result.warnings[0] ?? '', /manifest could not be read/);
    const manifest = JSON.parse(await readFile(paths.manifest, 'utf8')) as DownloadManifest;
    assert.deepEqual(manifest.warnings, result.warnings);
  });
});
