import * as vscode from 'vscode';
import { extension } from '../../test/suite/helpers';
import { readExtensionLog } from '../../test/suite/log';
import type { BenchConfig } from './config';
import { sleep } from './config';

/**
 * Where one `activate()` call went, from the extension host's own performance marks (ms, whole
 * milliseconds): before the code loads (localized messages), loading the code, waiting for the
 * extension context, the activate() call itself, and the rest until our await returned.
 */
export interface ActivationPhases {
  readonly beforeLoadMs: number;
  readonly codeLoadMs: number;
  readonly contextWaitMs: number;
  readonly activateCallMs: number;
  readonly afterMs: number;
}

export interface ActivationSample {
  /** Which extension was activated first in this host (the order alternates between loads). */
  readonly first: 'taskLens' | 'empty';
  /** `await extension.activate()`: loading dist/extension.js and running activate(). */
  readonly taskLensMs: number;
  /** The same for the do-nothing extension, in the same host. */
  readonly emptyMs: number;
  /** What Task Lens logs as "activated in X ms" (the body of activate() only). */
  readonly loggedMs: number | null;
  readonly taskLensPhases: ActivationPhases | null;
  readonly emptyPhases: ActivationPhases | null;
}

interface Mark {
  readonly name: string;
  readonly startTime: number;
}

/** VS Code's own marks in this extension host (vs/base/common/performance, Date.now() based). */
function marks(): readonly Mark[] {
  const perf = (globalThis as { MonacoPerformanceMarks?: { getMarks(): Mark[] } }).MonacoPerformanceMarks;
  return perf?.getMarks() ?? [];
}

function phases(id: string, startedAt: number, endedAt: number): ActivationPhases | null {
  const at = (what: string) => marks().find((m) => m.name === `code/extHost/${what}/${id}`)?.startTime;
  const [willLoad, didLoad, willActivate, didActivate] = [
    'willLoadExtensionCode',
    'didLoadExtensionCode',
    'willActivateExtension',
    'didActivateExtension',
  ].map(at);
  if (willLoad === undefined || didLoad === undefined || willActivate === undefined || didActivate === undefined) return null;
  return {
    beforeLoadMs: willLoad - startedAt,
    codeLoadMs: didLoad - willLoad,
    contextWaitMs: willActivate - didLoad,
    activateCallMs: didActivate - willActivate,
    afterMs: endedAt - didActivate,
  };
}

async function timeActivation(ext: vscode.Extension<unknown>): Promise<{ ms: number; phases: ActivationPhases | null }> {
  if (ext.isActive) throw new Error(`${ext.id} is already active; its activation cannot be timed in this host`);
  const startedAt = Date.now();
  const started = performance.now();
  await ext.activate();
  const ms = performance.now() - started;
  return { ms, phases: phases(ext.id, startedAt, Date.now()) };
}

async function loggedActivationMs(): Promise<number | null> {
  for (let i = 0; i < 30; i++) {
    const matches = [...(await readExtensionLog()).matchAll(/activated in ([\d.]+) ms/g)];
    const last = matches.at(-1);
    if (last) return Number(last[1]);
    await sleep(200);
  }
  return null;
}

/** Times both activations in this fresh extension host; `load` alternates which goes first. */
export async function measureActivation(config: BenchConfig, load: number): Promise<ActivationSample> {
  const empty = vscode.extensions.getExtension(config.emptyExtensionId);
  if (!empty) throw new Error(`the baseline extension ${config.emptyExtensionId} is not loaded`);
  // Let the start-up activations of built-in extensions settle: a user opens the view later too.
  await sleep(1500);
  const first = load % 2 === 0 ? 'taskLens' : 'empty';
  const ours = first === 'taskLens' ? await timeActivation(extension()) : undefined;
  const baseline = await timeActivation(empty);
  const taskLens = ours ?? (await timeActivation(extension()));
  return {
    first,
    taskLensMs: taskLens.ms,
    emptyMs: baseline.ms,
    loggedMs: await loggedActivationMs(),
    taskLensPhases: taskLens.phases,
    emptyPhases: baseline.phases,
  };
}
