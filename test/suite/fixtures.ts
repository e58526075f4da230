import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import type { TreeNode } from '../../src/vscode/tree/node';
import { startEmulator, type Emulator } from '../emulator/server';
import { extension, waitFor, webviewText } from './helpers';

/** A key distinctive enough that finding it anywhere (log, tabs, webview) is a real leak. */
export const SECRET_KEY = 'tl-it-SECRET-7c1f93e2b8d44a05';
export const KEY_ENV = 'TASKLENS_IT_KEY';

export interface ConnectionSetting {
  name: string;
  kind: 'scale' | 'livepeer';
  baseUrl: string;
  apiKeyEnv?: string;
}

export async function startTestEmulator(): Promise<Emulator> {
  const emulator = await startEmulator({ apiKey: SECRET_KEY });
  process.env[KEY_ENV] = SECRET_KEY;
  return emulator;
}

/**
 * Starts an emulator before the suite's tests and points the given connections at it (default: one
 * Scale connection “Emu”); afterwards closes editors, removes the connections and stops it.
 */
export function useEmulator(
  connections: (url: string) => ConnectionSetting[] = (url) => [{ name: 'Emu', kind: 'scale', baseUrl: url, apiKeyEnv: KEY_ENV }],
): { readonly current: Emulator } {
  const handle = { current: undefined as unknown as Emulator };
  before(async () => {
    handle.current = await startTestEmulator();
    await setConnections(connections(handle.current.url));
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setConnections([]);
    await handle.current?.close();
  });
  return handle;
}

export async function setConnections(connections: ConnectionSetting[], pageSize = 100): Promise<void> {
  const config = vscode.workspace.getConfiguration('taskLens');
  await config.update('pageSize', pageSize, vscode.ConfigurationTarget.Global);
  await config.update('connections', connections, vscode.ConfigurationTarget.Global);
  const api = await testApi();
  api.tree.refresh();
}

export async function testApi(): Promise<TestApi> {
  const api = (await extension().activate()) as TestApi | undefined;
  if (!api?.tree) throw new Error('The extension did not hand the tests its tree (extension mode is not Test?)');
  return api;
}

/** The children VS Code would render under `node` (the root when undefined). */
export async function childrenOf(node?: TreeNode): Promise<TreeNode[]> {
  return (await testApi()).tree.getChildren(node);
}

export function labelOf(node: TreeNode): string {
  const label = node.getTreeItem().label;
  return typeof label === 'string' ? label : (label?.label ?? '');
}

/** The id of the task a tree row opens ('' for other rows): rows are labelled by text, not id. */
export function taskIdOf(node: TreeNode): string {
  return /\/task:([^/]*)$/.exec(node.getTreeItem().id ?? '')?.[1] ?? '';
}

/** The row of task `id` among `parent`'s children (first page). */
export async function taskNodeIn(parent: TreeNode, id: string): Promise<TreeNode | undefined> {
  return (await childrenOf(parent)).find((n) => taskIdOf(n) === id);
}

export async function childByLabel(parent: TreeNode | undefined, label: string): Promise<TreeNode> {
  const children = await childrenOf(parent);
  const found = children.find((c) => labelOf(c) === label);
  if (!found) throw new Error(`No child “${label}” under ${parent?.id ?? 'the root'}; children: ${children.map(labelOf).join(', ')}`);
  return found;
}

/** Walks a path of labels from the root, e.g. ['Emu', 'Chat RLHF - Coding', 'Batches', 'Batch 250']. */
export async function nodeAt(...labels: string[]): Promise<TreeNode> {
  let node: TreeNode | undefined;
  for (const label of labels) node = await childByLabel(node, label);
  if (!node) throw new Error('empty path');
  return node;
}

// The extension's node classes live in its own bundle, so tests tell nodes apart the way menus
// do: by their contextValue.
export function contextOf(node: TreeNode): string {
  return node.getTreeItem().contextValue ?? '';
}

export const isEntry = (n: TreeNode) => /\bentry\b/.test(contextOf(n));
export const isLoadMore = (n: TreeNode) => contextOf(n) === 'loadMore';
export const isError = (n: TreeNode) => /\berror\b/.test(contextOf(n));

/** Clicks "Load more…" until the list ends; returns the entry nodes and how many pages it took. */
export async function loadAll(parent: TreeNode): Promise<{ entries: TreeNode[]; pages: number }> {
  let pages = 1;
  for (;;) {
    const children = await childrenOf(parent);
    const more = children.find(isLoadMore);
    if (!more) return { entries: children.filter(isEntry), pages };
    await vscode.commands.executeCommand('taskLens.loadMore', more);
    pages++;
  }
}

export { waitFor };

/** The text of the task view showing `marker`, after its page reported a complete render. */
export async function renderedText(marker: string): Promise<string> {
  const api = await testApi();
  return webviewText(marker, () => api.panels.all().some((p) => p.timing.complete !== undefined));
}
