import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import type { Connection } from '../../src/vscode/connections';
import type { TreeNode } from '../../src/vscode/tree/node';
import { extension } from '../../test/suite/helpers';
import type { BenchConfig } from './config';

export const CONNECTION_NAME = 'Bench';

export async function testApi(): Promise<TestApi> {
  const api = (await extension().activate()) as TestApi | undefined;
  if (!api?.tree) throw new Error('Task Lens did not hand over its TestApi (is the extension mode Test?)');
  return api;
}

/** One Scale connection to the bench emulator (the only one), page size 100 (the API's maximum). */
export async function connectToEmulator(config: BenchConfig, name = CONNECTION_NAME): Promise<Connection> {
  const settings = vscode.workspace.getConfiguration('taskLens');
  await settings.update('pageSize', 100, vscode.ConfigurationTarget.Global);
  const connection = { name, kind: 'scale' as const, baseUrl: config.emulatorUrl, apiKeyEnv: config.keyEnv };
  await settings.update('connections', [connection], vscode.ConfigurationTarget.Global);
  (await testApi()).tree.refresh();
  return { ...connection, source: 'user' };
}

export function labelOf(node: TreeNode): string {
  const label = node.getTreeItem().label;
  return typeof label === 'string' ? label : (label?.label ?? '');
}

/** Walks labels from the root, loading each level as the view would. */
export async function nodeAt(...labels: string[]): Promise<TreeNode> {
  const { tree } = await testApi();
  let node: TreeNode | undefined;
  for (const label of labels) {
    const children: TreeNode[] = await tree.getChildren(node);
    node = children.find((c) => labelOf(c) === label);
    if (!node) throw new Error(`no “${label}” in the tree; found ${children.map(labelOf).join(', ')}`);
  }
  if (!node) throw new Error('empty path');
  return node;
}
