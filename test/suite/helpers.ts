import * as vscode from 'vscode';

export const EXTENSION_ID = 'task-lens.task-lens';

export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`Extension ${EXTENSION_ID} is not loaded`);
  return ext;
}

/** True when the runner gave us a probe into the workbench page (the server + chromium runner). */
export const hasProbe = Boolean(process.env.TASKLENS_PROBE_URL);

async function callProbe<T>(route: string, body: unknown): Promise<T> {
  const url = process.env.TASKLENS_PROBE_URL;
  if (!url) throw new Error('No workbench probe in this runner');
  const res = await fetch(url + route, { method: 'POST', body: JSON.stringify(body) });
  const json = (await res.json()) as { value?: T; error?: string };
  if (json.error) throw new Error(`probe ${route}: ${json.error}`);
  return json.value as T;
}

/** Evaluates an expression in the workbench page (what the user sees). */
export const evalInWorkbench = <T>(expression: string) => callProbe<T>('/eval', { expression });
/** Evaluates an expression in every webview's content frame. */
export const evalInWebviews = <T>(expression: string) =>
  callProbe<{ url: string; value?: T; error?: string }[]>('/webview', { expression });
export const screenshot = (name: string) => callProbe<{ file: string }>('/screenshot', { name });
export const pressKey = (key: string) => callProbe<boolean>('/press', { key });
export const typeText = (text: string) => callProbe<boolean>('/type', { text });
export type SequenceStep = { label?: string; wait?: number; press?: string; type?: string; until?: string; timeout?: number };
/** Starts key presses in the runner (their timing then does not depend on this extension host) and returns at once. */
export const startSequence = (steps: SequenceStep[]) => callProbe<boolean>('/sequence', { steps });
/** How far the running sequence got: each step with the time it ended (ms after the start). */
export const sequenceResult = () =>
  callProbe<{ done: boolean; log: { step: string; at: number; error?: string }[] }>('/sequence/result', {});
/** Moves the mouse onto the first element matching `selector` in the workbench page. */
export const hover = (selector: string) => callProbe<boolean>('/hover', { selector });

/** Polls until `check` returns a truthy value, or fails with the last value seen. */
export async function waitFor<T>(what: string, check: () => Promise<T> | T, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await check();
      if (last) return last as NonNullable<T>;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `Timed out waiting for ${what}; last value: ${JSON.stringify(last)}${lastError ? `, last error: ${String(lastError)}` : ''}`,
  );
}

/**
 * Waits for a task view page showing `marker`, once `rendered()` says a page finished rendering
 * (big tasks render progressively), and returns its text (what the user reads). The timeout is
 * long because a webview in VS Code for the web now and then waits 30 s for its service worker.
 */
export function webviewText(marker: string, rendered: () => Promise<boolean> | boolean = () => true): Promise<string> {
  return waitFor(
    `a rendered task view showing “${marker}”`,
    async () => {
      if (!(await rendered())) return undefined;
      const frames = await evalInWebviews<string>(`document.getElementById('root')?.innerText ?? ''`);
      return frames.map((f) => f.value ?? '').find((t) => t.includes(marker));
    },
    50_000,
  );
}

/** Answers Export Task File…'s two questions as a user pressing Enter would: SFT (the first format), then the suggested path. */
export async function answerExportWithSft(): Promise<void> {
  const quickInputOpen = () =>
    evalInWorkbench<boolean>(`!!document.querySelector('.quick-input-widget:not([style*="display: none"]) input')`);
  await waitFor('the format picker', quickInputOpen);
  await pressKey('Enter'); // SFT, the first format
  await waitFor(
    'the output path',
    async () =>
      (await quickInputOpen()) &&
      (await evalInWorkbench<string>(`document.querySelector('.quick-input-widget input')?.value ?? ''`)).endsWith('.sft.jsonl'),
  );
  await pressKey('Enter'); // the suggested path beside the input
}
