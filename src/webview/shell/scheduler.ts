/**
 * Yielding to the event loop between render slices. MessageChannel where available (no 4 ms
 * clamping of nested timeouts); setTimeout otherwise. Not requestAnimationFrame: it pauses
 * while the panel is hidden, and the render must still finish.
 */
export type Schedule = (fn: () => void) => void;

export function defaultSchedule(win: (Window & typeof globalThis) | null): Schedule {
  const MC = win?.MessageChannel;
  if (typeof MC === 'function') {
    const channel = new MC();
    const queue: Array<() => void> = [];
    channel.port1.onmessage = () => queue.shift()?.();
    return (fn) => {
      queue.push(fn);
      channel.port2.postMessage(0);
    };
  }
  const st = win?.setTimeout?.bind(win) ?? setTimeout;
  return (fn) => void st(fn, 0);
}
