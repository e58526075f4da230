import * as vscode from 'vscode';
import type { Task } from '../../src/core/scale/types';
import type { Connection } from '../../src/vscode/connections';
import type { TaskPanel } from '../../src/vscode/panel/taskPanel';
import { isPageToHost } from '../../src/shared/protocol';
import { SCALE_FIXTURES as F } from '../../test/emulator/scale/catalog';
import { testApi } from './api';
import { emulatorControl, lastRequestUrl, rawFetchMs, sleep, type BenchConfig } from './config';

export type TaskKind = 'trivial' | 'typical' | 'big' | 'huge' | 'manyAnnotations';

export interface TaskViewSample {
  /** As the page reports it: from receiving the task to the first slice / the last one. */
  readonly pageFirstMs: number;
  readonly pageCompleteMs: number;
  /** From `panels.open()` until the page says `ready` (the webview has started). */
  readonly openReadyMs: number;
  /** From `panels.open()` until the host hears `rendered`: webview start, fetch, transfer, render. */
  readonly openFirstMs: number;
  readonly openCompleteMs: number;
  /** Elements in the page when it reported its complete render. */
  readonly nodes: number;
  /** API requests the open made, as the emulator saw them (a retry or a slow lookup shows here). */
  readonly requests: string[];
}

export interface TaskViewTask {
  readonly taskId: string;
  readonly bytes: number;
  readonly samples: TaskViewSample[];
  /** One plain fetch (and JSON parse) of the task the panel requested. */
  readonly rawMs: number[];
}

export type TaskViewResult = Record<TaskKind, TaskViewTask>;

const TRIVIAL_ID = 'bench-trivial-task-0001';

/** One turn, one short message: what the page costs with (almost) nothing to render. */
function trivialTask(): Task {
  const message = { role: 'user', content: { text: 'Hello' }, source_id: 'user', annotations: [] };
  return {
    task_id: TRIVIAL_ID,
    project: F.projects.main.id,
    status: 'completed',
    created_at: '2025-03-01T00:00:00.000Z',
    threads: [{ id: 'thread-1', turns: [{ id: 'turn-1', messages: [message], annotations: [] }], annotations: [] }],
  };
}

type Rendered = Omit<TaskViewSample, 'requests'>;

function openOnce(panel: TaskPanel, started: number): Promise<Rendered> {
  const heard: { ready?: number; first?: number; complete?: number } = {};
  let sub: vscode.Disposable;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`task ${panel.target.taskId}: no complete render within 60 s`));
    }, 60_000);
    sub = panel.panel.webview.onDidReceiveMessage((msg: unknown) => {
      if (!isPageToHost(msg)) return;
      const now = performance.now();
      if (msg.type === 'ready') heard.ready ??= now;
      if (msg.type !== 'rendered') return;
      heard[msg.phase] = now;
      if (msg.phase !== 'complete') return;
      clearTimeout(timer);
      sub.dispose();
      const { first, complete, nodes } = panel.timing;
      if (first === undefined || complete === undefined || heard.first === undefined || heard.ready === undefined) {
        reject(new Error(`task ${panel.target.taskId}: the page reported no first render`));
        return;
      }
      resolve({
        pageFirstMs: first,
        pageCompleteMs: complete,
        openReadyMs: heard.ready - started,
        openFirstMs: heard.first - started,
        openCompleteMs: now - started,
        nodes: nodes ?? -1,
      });
    });
  });
}

export async function benchTaskView(config: BenchConfig, connection: Connection): Promise<TaskViewResult> {
  const { panels } = await testApi();
  await emulatorControl(config, '/scale/tasks', { method: 'POST', body: JSON.stringify(trivialTask()) });
  const ids: Record<TaskKind, string> = {
    trivial: TRIVIAL_ID,
    typical: F.tasks.kitchenSink,
    big: F.tasks.big,
    huge: F.tasks.huge,
    manyAnnotations: F.tasks.manyAnnotations,
  };
  const result = {} as Record<TaskKind, { taskId: string; bytes: number; samples: TaskViewSample[]; rawMs: number[] }>;
  const kinds: TaskKind[] = ['trivial', 'typical', 'big', 'huge', 'manyAnnotations'];
  for (const kind of kinds) result[kind] = { taskId: ids[kind], bytes: 0, samples: [], rawMs: [] };

  // Round-robin so that drifting machine load touches every kind alike; run 0 is a warm-up.
  for (let run = 0; run <= config.taskViewRuns; run++) {
    for (const kind of kinds) {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await sleep(300); // let the closed webview go away before the next one starts
      await emulatorControl(config, '/stats/reset', { method: 'POST' });
      const started = performance.now();
      const panel = panels.open({ connection, taskId: ids[kind], pathSegments: [] }, { pin: true });
      const rendered = await openOnce(panel, started);
      panel.panel.dispose();
      const sample = { ...rendered, requests: await requestsSinceReset(config) };
      const url = await lastRequestUrl(config, '/v2/task');
      const raw = await rawFetchMs(config, url);
      if (run === 0) {
        result[kind].bytes = await bodyBytes(config, url);
        continue;
      }
      result[kind].samples.push(sample);
      result[kind].rawMs.push(raw);
    }
  }
  return result;
}

async function requestsSinceReset(config: BenchConfig): Promise<string[]> {
  const { requests } = await emulatorControl<{ requests: { path: string; status: number }[] }>(config, '/requests');
  return requests.map((r) => `${r.path} ${r.status}`);
}

async function bodyBytes(config: BenchConfig, url: string): Promise<number> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${process.env[config.keyEnv] ?? ''}` } });
  return (await res.arrayBuffer()).byteLength;
}
