import { strict as assert } from 'node:assert';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import { SCALE_FIXTURES as F } from '../emulator/scale/catalog';
import { nodeAt, SECRET_KEY, useEmulator } from './fixtures';

interface Result {
  file: string;
  count: number;
  paths: { manifest: string };
}

describe('Downloads into the workspace', function () {
  const emu = useEmulator();

  it('“Download Delivery” writes the delivery as JSONL under deliveries/<project>/ with a correct manifest', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder);
    const node = await nodeAt('Emu', F.projects.main.name, 'Deliveries', F.deliveries.weekly1.name);
    const result = (await vscode.commands.executeCommand('taskLens.downloadDelivery', node)) as Result | undefined;
    assert.ok(result, 'the download finished');
    assert.equal(path.relative(folder, result.file), path.join('deliveries', F.projects.main.name, `${F.deliveries.weekly1.name}.jsonl`));
    const lines = (await readFile(result.file, 'utf8')).split('\n').filter(Boolean);
    assert.equal(lines.length, F.deliveries.weekly1.taskCount);
    const ids = lines.map((l) => (JSON.parse(l) as { task_id: string }).task_id);
    assert.equal(new Set(ids).size, ids.length, 'every task once');
    const manifestText = await readFile(result.paths.manifest, 'utf8');
    const manifest = JSON.parse(manifestText);
    assert.equal(manifest.status, 'complete');
    assert.equal(manifest.count, F.deliveries.weekly1.taskCount);
    assert.match(JSON.stringify(manifest.source), new RegExp(F.deliveries.weekly1.id));
    assert.ok(JSON.stringify(manifest.source).includes(emu.current.url), 'the source names the server');
    assert.ok(!manifestText.includes(SECRET_KEY), 'the key is not in the manifest');
    assert.match(manifest.sha256 ?? manifest.checksum?.sha256 ?? JSON.stringify(manifest), /[0-9a-f]{64}/);
  });

  it('“Download Tasks” on a batch keeps it inside the folder even with a hostile name', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath as string;
    const node = await nodeAt('Emu', F.projects.hostile.name, 'Batches', F.batches.hostile.name);
    const result = (await vscode.commands.executeCommand('taskLens.downloadTasks', node)) as Result | undefined;
    assert.ok(result);
    const relative = path.relative(path.join(folder, 'deliveries'), result.file);
    assert.ok(!relative.startsWith('..') && !path.isAbsolute(relative), `written inside the download folder: ${result.file}`);
    assert.equal(path.dirname(relative).split(path.sep).length, 1, 'one folder level: <project>/<batch>.jsonl');
    assert.equal((await readFile(result.file, 'utf8')).split('\n').filter(Boolean).length, 3);
  });
});
