import * as vscode from 'vscode';
import type { TreeNode } from '../../src/vscode/tree/node';
import { SCALE_FIXTURES as F } from '../../test/emulator/scale/catalog';
import { evalInWorkbench, waitFor } from '../../test/suite/helpers';
import { CONNECTION_NAME, connectToEmulator, labelOf, nodeAt, testApi } from './api';
import { epochNow, workbenchClockOffset, type ClockOffset } from './clock';
import { emulatorControl, lastRequestUrl, rawFetchMs, sleep, type BenchConfig } from './config';

export interface TreeResult {
  /** The page request the tree made, replayed by the raw baseline. */
  readonly request: string;
  readonly pageItems: number;
  /** One plain fetch (and JSON parse) of the same page. */
  readonly rawMs: number[];
  /** Expanding the batch until the tree provider returns the first page. */
  readonly treeMs: number[];
  /** Expanding the batch (TreeView.reveal) until the first task row is in the sidebar's DOM. */
  readonly sidebarMs: number[];
  /** Where each sidebar run's time went (see `SidebarParts`). */
  readonly sidebarParts: SidebarParts[];
  readonly clock: ClockOffset;
  /** Runs left out, and why. */
  readonly notes: string[];
}

/** A sidebar run split at the provider: the workbench asking, the provider loading, the rows drawing. */
export interface SidebarParts {
  /** From the reveal until the workbench asks the provider for the batch's children. */
  readonly askMs: number;
  /** The provider's getChildren (the page request and the nodes). */
  readonly providerMs: number;
  /** From getChildren returning until the first row is in the DOM. */
  readonly renderMs: number;
  /** Of `renderMs`: the provider's getTreeItem calls for the batch's children. */
  readonly treeItemMs: number;
}

type Sample = { ms: number; parts: SidebarParts };

const isEntry = (n: TreeNode) => /\bentry\b/.test(n.getTreeItem().contextValue ?? '');

/** A page expression: is a sidebar row labelled with `label` in the DOM? */
function rowPresent(label: string): string {
  return `[...document.querySelectorAll('.sidebar .monaco-list-row')].some((r) => (r.getAttribute('aria-label') ?? '').includes(${JSON.stringify(label)}))`;
}

/** Records in the page when that row appears (page clock); the page's own time, not a poll's. */
function watchForRow(label: string): string {
  return `(() => {
    window.__benchRowAt = null;
    const seen = () => ${rowPresent(label)};
    const observer = new MutationObserver(() => {
      if (!seen()) return;
      window.__benchRowAt = performance.timeOrigin + performance.now();
      observer.disconnect();
    });
    observer.observe(document.querySelector('.sidebar') ?? document.body, { subtree: true, childList: true, attributes: true });
    return true;
  })()`;
}

/**
 * Times expanding the batch until its first row is in the DOM. The workbench keeps the children of
 * items it has shown, so each run uses a connection of another name: items the workbench has never
 * seen. Parents are revealed first (from the provider's cache); then only the batch is expanded.
 * Exactly one page request must happen during the expansion, else the run is left out.
 */
async function sidebarOnce(
  config: BenchConfig,
  run: number,
  firstLabel: string,
  clock: ClockOffset,
): Promise<Sample | { skipped: string }> {
  const { view, tree } = await testApi();
  const name = `${CONNECTION_NAME} ${run + 1}`;
  await connectToEmulator(config, name);
  const batch = await nodeAt(name, F.projects.bulk.name, 'Batches', F.batches.bulkSized.name);
  await view.reveal(batch, { expand: false, select: false, focus: false });
  await waitFor(
    'the collapsed batch in the sidebar',
    () => evalInWorkbench<boolean>(`${rowPresent(F.batches.bulkSized.name)} && !${rowPresent(firstLabel)}`),
    10_000,
  );
  await sleep(300); // let the workbench settle
  await evalInWorkbench(watchForRow(firstLabel));
  await emulatorControl(config, '/stats/reset', { method: 'POST' });
  const original = tree.getChildren;
  const originalItem = tree.getTreeItem;
  const asked: { at: number; returned?: number; itemMs: number } = { at: 0, itemMs: 0 };
  tree.getTreeItem = (node: TreeNode) => {
    const itemStarted = performance.now();
    try {
      return originalItem.call(tree, node);
    } finally {
      if (node.parent?.id === batch.id) asked.itemMs += performance.now() - itemStarted;
    }
  };
  tree.getChildren = async (node?: TreeNode) => {
    if (node?.id !== batch.id) return original.call(tree, node);
    asked.at = epochNow();
    try {
      return await original.call(tree, node);
    } finally {
      asked.returned = epochNow();
    }
  };
  const started = epochNow();
  let seenAt: number;
  try {
    await view.reveal(batch, { expand: true, select: false, focus: false });
    seenAt =
      (await waitFor('the first task row in the sidebar', () => evalInWorkbench<number | null>('window.__benchRowAt ?? null'), 15_000)) -
      clock.offsetMs;
  } finally {
    tree.getChildren = original;
    tree.getTreeItem = originalItem;
  }
  const { hits } = await emulatorControl<{ hits: Record<string, number> }>(config, '/stats');
  const pages = hits['/v2/tasks'] ?? 0;
  const others = Object.entries(hits).filter(([p]) => p !== '/v2/tasks');
  if (pages !== 1 || others.length > 0)
    return { skipped: `requests during the expansion: ${JSON.stringify(hits)} (expected one /v2/tasks)` };
  if (asked.returned === undefined) return { skipped: 'the provider was not asked for the batch' };
  return {
    ms: seenAt - started,
    parts: {
      askMs: asked.at - started,
      providerMs: asked.returned - asked.at,
      renderMs: seenAt - asked.returned,
      treeItemMs: asked.itemMs,
    },
  };
}

export async function benchTree(config: BenchConfig): Promise<TreeResult> {
  const { tree } = await testApi();
  await connectToEmulator(config);
  await vscode.commands.executeCommand('workbench.view.extension.taskLens');
  const batch = await nodeAt(CONNECTION_NAME, F.projects.bulk.name, 'Batches', F.batches.bulkSized.name);
  // A warm-up load (connections, JIT) whose request the raw baseline replays.
  const warm = (await tree.getChildren(batch)).filter(isEntry);
  const firstLabel = labelOf(warm[0]);
  const url = await lastRequestUrl(config, '/v2/tasks');
  await rawFetchMs(config, url);

  const rawMs: number[] = [];
  const treeMs: number[] = [];
  const notes: string[] = [];
  for (let i = 0; i < config.treeRuns; i++) {
    rawMs.push(await rawFetchMs(config, url));
    tree.refresh(batch);
    const started = performance.now();
    const children = await tree.getChildren(batch);
    treeMs.push(performance.now() - started);
    const entries = children.filter(isEntry).length;
    if (entries !== warm.length) notes.push(`tree run ${i}: ${entries} items instead of ${warm.length}`);
  }

  const clock = await workbenchClockOffset();
  const sidebarMs: number[] = [];
  const sidebarParts: SidebarParts[] = [];
  for (let i = 0; i < config.treeRuns; i++) {
    const sample = await sidebarOnce(config, i, firstLabel, clock);
    if ('skipped' in sample) {
      notes.push(`sidebar run ${i}: ${sample.skipped}, left out`);
      continue;
    }
    sidebarMs.push(sample.ms);
    sidebarParts.push(sample.parts);
  }
  const request = url.replace(config.emulatorUrl, '');
  return { request, pageItems: warm.length, rawMs, treeMs, sidebarMs, sidebarParts, clock, notes };
}
