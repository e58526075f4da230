/**
 * Page bodies are collected into buffers that are reused from page to page instead of allocated
 * anew. Node frees a dropped Buffer only when V8 collects its wrapper, and the download makes
 * little JavaScript garbage, so fresh buffers would pile up to tens of megabytes between
 * collections: reuse keeps memory flat. A buffer goes back to the pool only when the engine is done
 * with the page sliced from it (written, or verified), so a page is never overwritten in use.
 */
export class BodyPool {
  private readonly free: Buffer[] = [];

  /** A buffer of at least `size` bytes (contents undefined). */
  take(size: number): Buffer {
    const index = this.free.findIndex((buffer) => buffer.length >= size);
    if (index !== -1) return this.free.splice(index, 1)[0] as Buffer;
    // Replace the smallest free one (it is too small), with room to grow.
    this.free.sort((a, b) => a.length - b.length).shift();
    return Buffer.allocUnsafeSlow(Math.max(size, 64 * 1024) * 2);
  }

  give(buffer: Buffer): void {
    // At most a few: two pages are in flight at any time (one written, one fetched).
    if (this.free.length < 4) this.free.push(buffer);
  }
}
