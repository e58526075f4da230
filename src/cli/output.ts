/**
 * JSON to stdout. Lists are JSON Lines (one compact object per line) written as pages arrive, with
 * backpressure, so `task-lens tasks … | head` and multi-gigabyte outputs both behave.
 */
import type { Writable } from 'node:stream';
import { escapeJsonText } from '../shared/displayText';

export class JsonOutput {
  constructor(private readonly stream: Writable) {}

  /** One pretty-printed document. */
  async document(value: unknown): Promise<void> {
    await this.write(`${escapeJsonText(JSON.stringify(value, null, 2))}\n`);
  }

  /** One compact line (NDJSON), e.g. an event as it happens. */
  async line(value: unknown): Promise<void> {
    await this.write(`${escapeJsonText(JSON.stringify(value))}\n`);
  }

  /** One compact line per item; stops after `max` items. Returns how many were written. */
  async lines(items: AsyncIterable<unknown> | Iterable<unknown>, max = Number.POSITIVE_INFINITY): Promise<number> {
    let written = 0;
    if (max <= 0) return 0;
    for await (const item of items) {
      // Server text often reaches a terminal: C1, bidi and zero-width characters go out escaped.
      await this.write(`${escapeJsonText(JSON.stringify(item))}\n`);
      if (++written >= max) break; // Leaving the loop closes the iterator: no further pages fetched.
    }
    return written;
  }

  private write(text: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      this.stream.once('error', onError);
      const flushed = this.stream.write(text, (error) => {
        if (error) reject(error);
      });
      const done = (): void => {
        this.stream.off('error', onError);
        resolve();
      };
      if (flushed) done();
      else this.stream.once('drain', done);
    });
  }
}
