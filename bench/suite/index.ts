// Entry the extension host loads (extensionTestsPath) for `npm run bench`, run by bench/host.mjs.
// Every window load is a fresh extension host, so each load times activation and then reloads the
// window, keeping its sample in a state file; the last load also measures the tree and the task
// view and writes everything to BENCH_OUT_FILE. A section that fails records its error instead.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { readExtensionLog } from '../../test/suite/log';
import { measureActivation, type ActivationSample } from './activation';
import { connectToEmulator } from './api';
import { readConfig } from './config';
import { benchTaskView } from './taskView';
import { benchTree } from './tree';

const say = (line: string) => console.log(`[task-lens-bench] ${line}`);

async function section<T>(name: string, work: () => Promise<T>): Promise<T | { error: string }> {
  say(`${name}…`);
  try {
    return await work();
  } catch (err) {
    say(`${name} failed: ${String(err)}`);
    return { error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
}

export async function run(): Promise<void> {
  const config = readConfig();
  const samples: (ActivationSample | { error: string })[] = existsSync(config.stateFile)
    ? JSON.parse(readFileSync(config.stateFile, 'utf8'))
    : [];
  samples.push(
    await section(`activation, extension host ${samples.length + 1} of ${config.activationLoads}`, () =>
      measureActivation(config, samples.length),
    ),
  );
  writeFileSync(config.stateFile, JSON.stringify(samples));
  if (samples.length < config.activationLoads) {
    await vscode.commands.executeCommand('workbench.action.reloadWindow');
    await new Promise(() => undefined); // the reload ends this extension host
  }
  const tree = await section('first page in the tree', () => benchTree(config));
  const taskView = await section('task view', async () => benchTaskView(config, await connectToEmulator(config)));
  // Warnings and errors the extension logged meanwhile explain outliers (retries, slow lookups).
  const logWarnings = (await readExtensionLog()).split('\n').filter((l) => /\[(warning|error)\]/i.test(l));
  writeFileSync(config.outFile, JSON.stringify({ vscodeVersion: vscode.version, activation: samples, tree, taskView, logWarnings }));
}
