import { strict as assert } from 'node:assert';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import { SCALE_FIXTURES as F } from '../emulator/scale/catalog';
import { extension } from './helpers';
import { nodeAt, useEmulator } from './fixtures';

type SettingSchema = { scope?: string; order?: number; markdownDescription?: string; description?: string; enum?: unknown[] };

describe('Settings', function () {
  useEmulator();

  it('declare a scope, an order and a description each (the download folder is per folder)', () => {
    const manifest = extension().packageJSON as { contributes: { configuration: { properties: Record<string, SettingSchema> } } };
    const settings = manifest.contributes.configuration.properties;
    assert.equal(settings['taskLens.download.folder']?.scope, 'resource');
    assert.equal(settings['taskLens.keepSecrets']?.scope, 'application');
    const orders = Object.values(settings).map((s) => s.order);
    for (const [key, s] of Object.entries(settings)) {
      assert.ok(s.scope, `${key} declares its scope`);
      assert.ok(typeof s.order === 'number', `${key} has an order`);
      assert.ok(s.markdownDescription ?? s.description, `${key} is described`);
    }
    assert.equal(new Set(orders).size, orders.length, 'no two settings share an order');
  });

  it('honours a per-folder taskLens.download.folder: the download lands in that folder’s value', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    await rm(path.join(folder.uri.fsPath, 'per-folder-downloads'), { recursive: true, force: true });
    const config = vscode.workspace.getConfiguration('taskLens', folder.uri);
    // A setting without resource scope cannot be written to a folder at all: this is what failed before.
    await config.update('download.folder', 'per-folder-downloads', vscode.ConfigurationTarget.WorkspaceFolder);
    try {
      assert.equal(
        vscode.workspace.getConfiguration('taskLens', folder.uri).inspect('download.folder')?.workspaceFolderValue,
        'per-folder-downloads',
      );
      const node = await nodeAt('Emu', F.projects.main.name, 'Deliveries', F.deliveries.weekly1.name);
      const result = (await vscode.commands.executeCommand('taskLens.downloadDelivery', node)) as { file: string } | undefined;
      assert.ok(result, 'the download finished');
      assert.equal(
        path.relative(folder.uri.fsPath, result.file),
        path.join('per-folder-downloads', F.projects.main.name, `${F.deliveries.weekly1.name}.jsonl`),
      );
      assert.equal((await readFile(result.file, 'utf8')).split('\n').filter(Boolean).length, F.deliveries.weekly1.taskCount);
    } finally {
      await config.update('download.folder', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
      await rm(path.join(folder.uri.fsPath, 'per-folder-downloads'), { recursive: true, force: true });
    }
  });
});
