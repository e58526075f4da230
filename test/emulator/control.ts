/**
 * Control endpoints under `/__emulator/` so a separate process (the VS Code test suite, a demo
 * script) can switch faults and read counters. No auth, no faults, not counted as API hits.
 */
import type { FaultConfig } from './faults';
import { RouteError, type Router } from './router';
import type { Emulator } from './server';

export const CONTROL_PREFIX = '/__emulator';

export function registerControlRoutes(router: Router, emulator: Emulator): void {
  const control = router.group({
    name: 'control',
    control: true,
    errorBody: (status, message) => ({ status_code: status, error: message }),
  });

  control.get(`${CONTROL_PREFIX}/health`, () => ({ status: 200, body: { ok: true } }));

  control.get(`${CONTROL_PREFIX}/faults`, () => ({ status: 200, body: emulator.faults.current() }));
  control.post(`${CONTROL_PREFIX}/faults`, (request) => {
    if (typeof request.body !== 'object' || request.body === null || Array.isArray(request.body)) {
      throw new RouteError(400, 'Send a JSON object describing the faults (see test/emulator/faults.ts)');
    }
    emulator.faults.set(request.body as FaultConfig);
    return { status: 200, body: emulator.faults.current() };
  });
  control.delete(`${CONTROL_PREFIX}/faults`, () => {
    emulator.faults.clear();
    return { status: 200, body: emulator.faults.current() };
  });

  control.get(`${CONTROL_PREFIX}/stats`, () => ({ status: 200, body: emulator.stats.snapshot() }));
  control.get(`${CONTROL_PREFIX}/requests`, (request) => {
    const path = request.query.get('path') ?? undefined;
    return { status: 200, body: { requests: emulator.stats.requests(path) } };
  });
  control.post(`${CONTROL_PREFIX}/stats/reset`, () => {
    emulator.stats.reset();
    return { status: 200, body: emulator.stats.snapshot() };
  });
}
