import { evalInWorkbench } from '../../test/suite/helpers';

/** Milliseconds since the epoch, sub-millisecond, comparable across processes on this machine. */
export const epochNow = (): number => performance.timeOrigin + performance.now();

export interface ClockOffset {
  /** Workbench page clock minus this host's clock. */
  readonly offsetMs: number;
  /** Half the probe round trip the offset was taken from: its uncertainty. */
  readonly uncertaintyMs: number;
}

/** Aligns the page's clock with ours through the probe round trip with the least delay. */
export async function workbenchClockOffset(samples = 7): Promise<ClockOffset> {
  let best = { rtt: Number.POSITIVE_INFINITY, offset: 0 };
  for (let i = 0; i < samples; i++) {
    const before = epochNow();
    const page = await evalInWorkbench<number>('performance.timeOrigin + performance.now()');
    const after = epochNow();
    if (after - before < best.rtt) best = { rtt: after - before, offset: page - (before + after) / 2 };
  }
  return { offsetMs: best.offset, uncertaintyMs: best.rtt / 2 };
}
