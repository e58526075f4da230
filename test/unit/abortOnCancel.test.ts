import { strict as assert } from 'node:assert';
import { abortOnCancel, type CancellationSource } from '../../src/vscode/abortOnCancel';

/** A stand-in for the token `withProgress` hands over: one cancel, listeners counted. */
function fakeToken(): CancellationSource & { cancel(): void; readonly listening: number } {
  const listeners = new Set<(event: unknown) => unknown>();
  return {
    onCancellationRequested: (listener: (event: unknown) => unknown) => {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
    cancel: () => {
      for (const listener of [...listeners]) listener(undefined);
    },
    get listening() {
      return listeners.size;
    },
  };
}

describe('vscode/abortOnCancel (cancellation token → AbortSignal)', () => {
  it('aborts the signal when the token is cancelled, not before, with an AbortError', async () => {
    const token = fakeToken();
    const result = await abortOnCancel(token, async (signal) => {
      assert.equal(signal.aborted, false);
      assert.equal(token.listening, 1);
      token.cancel();
      assert.equal(signal.aborted, true);
      assert.equal((signal.reason as Error).name, 'AbortError');
      return 'seen';
    });
    assert.equal(result, 'seen');
  });

  it('lets work that watches its signal end early on a cancel', async () => {
    const token = fakeToken();
    const work = abortOnCancel(
      token,
      (signal) =>
        new Promise<never>((_resolve, reject) => {
          signal.addEventListener('abort', () => reject(new Error('stopped by cancel')), { once: true });
        }),
    );
    setTimeout(() => token.cancel(), 5);
    await assert.rejects(work, /stopped by cancel/);
  });

  it('passes the work’s value and its error through, and stops listening either way', async () => {
    const token = fakeToken();
    assert.deepEqual(await abortOnCancel(token, () => Promise.resolve({ n: 3 })), { n: 3 });
    assert.equal(token.listening, 0);
    const failure = new Error('refused');
    await assert.rejects(
      abortOnCancel(token, () => Promise.reject(failure)),
      (error) => error === failure,
    );
    assert.equal(token.listening, 0);
  });

  it('turns a synchronous throw into a rejection and stops listening', async () => {
    const token = fakeToken();
    await assert.rejects(
      abortOnCancel(token, () => {
        throw new Error('bad setting');
      }),
      /bad setting/,
    );
    assert.equal(token.listening, 0);
  });

  it('gives each run its own signal: a cancel after one run settled does not reach the next', async () => {
    const token = fakeToken();
    let first: AbortSignal | undefined;
    await abortOnCancel(token, (signal) => {
      first = signal;
      return Promise.resolve();
    });
    await abortOnCancel(token, (second) => {
      assert.notEqual(second, first);
      assert.equal(token.listening, 1);
      return Promise.resolve();
    });
    token.cancel();
    assert.equal(first?.aborted, false);
  });
});
