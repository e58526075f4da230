/**
 * Control endpoints for the moving Livepeer tasks and the output hosts, for tests in another
 * process (the VS Code suite, the CLI tests):
 *   POST /__emulator/livepeer/step {count?}          advance every task in flight
 *   POST /__emulator/livepeer/fail-at-end {taskId}   that task fails instead of completing
 *   GET  /__emulator/livepeer/output                 output/mirror origins and their request log
 *   POST /__emulator/livepeer/output {cut?, redirectToMirror?, chunkDelayMs?}   output faults
 *   POST /__emulator/livepeer/output/reset           clears the log and the faults
 */
import { CONTROL_PREFIX } from '../control';
import { RouteError, type Router } from '../router';
import type { Emulator } from '../server';
import type { OutputFaults } from './outputHost';

export function registerLivepeerControlRoutes(router: Router, emulator: Emulator): void {
  const control = router.group({ name: 'livepeer-control', control: true, errorBody: (status, message) => ({ status, error: message }) });
  const live = emulator.livepeerLive;
  const output = emulator.livepeerOutput;
  const base = `${CONTROL_PREFIX}/livepeer`;

  control.post(`${base}/step`, ({ body }) => {
    const count = isRecord(body) && typeof body.count === 'number' ? body.count : 1;
    return { status: 200, body: { changed: live.step(count), steps: live.steps } };
  });
  control.post(`${base}/fail-at-end`, ({ body }) => {
    if (!isRecord(body) || typeof body.taskId !== 'string') throw new RouteError(400, 'Send {"taskId": "<id>"}');
    live.failAtEnd(body.taskId);
    return { status: 200, body: { ok: true } };
  });
  control.get(`${base}/output`, () => ({
    status: 200,
    body: { outputOrigin: output.outputOrigin, mirrorOrigin: output.mirrorOrigin, requests: output.log, faults: output.faults },
  }));
  control.post(`${base}/output`, ({ body }) => {
    if (!isRecord(body)) throw new RouteError(400, 'Send a JSON object: {cut?, redirectToMirror?, chunkDelayMs?}');
    output.faults = { ...output.faults, ...(body as OutputFaults) };
    return { status: 200, body: { faults: output.faults } };
  });
  control.post(`${base}/output/reset`, () => {
    output.resetLog();
    output.faults = {};
    return { status: 200, body: { ok: true } };
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
