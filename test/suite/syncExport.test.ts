import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { SyncSummary } from '../../src/core/platform/platform';
import { SCALE_FIXTURES as F } from '../emulator/scale/catalog';
import { nodeAt, SECRET_KEY, useEmulator } from './fixtures';
import { answerExportWithSft, extension, hasProbe } from './helpers';

interface ListedDelivery {
  name: string;
  task_count: number;
}

describe('Sync Project Deliveries and Export Task File', function () {
  const emu = useEmulator();

  /** The project's deliveries as the API lists them, asked directly (not through Task Lens). */
  async function listedDeliveries(): Promise<ListedDelivery[]> {
    const response = await fetch(`${emu.current.url}/v2/deliveries?project_id=${F.projects.main.id}`, {
      headers: { authorization: `Bearer ${SECRET_KEY}` },
    });
    const body = (await response.json()) as { deliveries: ListedDelivery[] };
    return body.deliveries;
  }

  function deliveryFile(name: string): string {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath as string;
    return path.join(folder, 'deliveries', F.projects.main.name, `${name}.jsonl`);
  }

  const lineCount = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean).length;

  it('downloads every delivery of the project once; a second sync asks the server for no delivery', async () => {
    const listed = await listedDeliveries();
    assert.ok(listed.length >= 2, 'the project has deliveries');
    // Files another suite downloaded came from another emulator (another origin): start clean.
    rmSync(path.dirname(deliveryFile(listed[0]?.name ?? '')), { recursive: true, force: true });
    const project = await nodeAt('Emu', F.projects.main.name);
    const first = (await vscode.commands.executeCommand('taskLens.syncDeliveries', project)) as SyncSummary | undefined;
    assert.ok(first, 'the sync finished');
    assert.deepEqual(first.failures, []);
    assert.equal(first.downloaded + first.upToDate, listed.length);
    for (const d of listed) assert.equal(lineCount(deliveryFile(d.name)), d.task_count, `${d.name}: every task, once`);

    emu.current.stats.reset();
    const second = (await vscode.commands.executeCommand('taskLens.syncDeliveries', project)) as SyncSummary | undefined;
    assert.deepEqual([second?.downloaded, second?.upToDate, second?.failures.length], [0, listed.length, 0]);
    assert.equal(emu.current.stats.hits('/v2/delivery'), 0, 'no delivery page was requested again');
  });

  it('exports a downloaded delivery to SFT, byte for byte what task-lens export writes', async function () {
    if (!hasProbe) this.skip();
    const input = deliveryFile(F.deliveries.weekly1.name);
    const exported = vscode.commands.executeCommand('taskLens.exportTaskFile', vscode.Uri.file(input));
    await answerExportWithSft();
    const result = (await exported) as { output: string; counts: { written: number } } | undefined;
    assert.ok(result, 'the export finished');
    assert.equal(result.output, input.replace(/\.jsonl$/, '.sft.jsonl'));
    assert.equal(lineCount(result.output), result.counts.written);
    assert.ok(result.counts.written > 0);

    const cliOut = mkdtempSync(path.join(os.tmpdir(), 'task-lens-export-'));
    try {
      const cli = path.join(extension().extensionPath, 'dist', 'cli.js');
      const expected = path.join(cliOut, 'sft.jsonl');
      execFileSync(process.execPath, [cli, 'export', input, '--format', 'sft', '--out', expected], { stdio: 'pipe' });
      assert.ok(readFileSync(result.output).equals(readFileSync(expected)), 'the same records as the CLI');
    } finally {
      rmSync(cliOut, { recursive: true, force: true });
    }
  });
});
