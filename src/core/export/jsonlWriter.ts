/** JSON Lines to a file with backpressure, so memory stays flat however many records are written. */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

export class JsonlWriter {
  private readonly stream: WriteStream;
  private failure: Error | undefined;

  constructor(file: string) {
    this.stream = createWriteStream(file, { flags: 'wx' });
    this.stream.on('error', (error) => {
      this.failure = error;
    });
  }

  async write(record: unknown): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.stream.write(`${JSON.stringify(record)}\n`)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    if (this.failure) throw this.failure;
    await new Promise<void>((resolve, reject) => {
      this.stream.end((error?: Error | null) => (error ? reject(error) : resolve()));
    });
  }

  abandon(): void {
    this.stream.destroy();
  }
}
