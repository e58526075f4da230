/**
 * Compact storage for the index: growable typed arrays (one number per row, no per-row objects,
 * so 100,000 tasks and a million annotations cost tens of megabytes) and an interning string pool
 * (a status, key or category value is stored once and referred to by number).
 */

type TypedArray = Uint8Array | Uint16Array | Uint32Array | Float64Array;
type TypedArrayConstructor<T extends TypedArray> = new (length: number) => T;

export class GrowableArray<T extends TypedArray> {
  private data: T;
  length = 0;

  constructor(
    private readonly make: TypedArrayConstructor<T>,
    capacity = 1024,
  ) {
    this.data = new make(capacity);
  }

  push(value: number): number {
    if (this.length === this.data.length) {
      const bigger = new this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length] = value;
    return this.length++;
  }

  get(index: number): number {
    return this.data[index] as number;
  }

  set(index: number, value: number): void {
    this.data[index] = value;
  }

  /** The filled part, trimmed to size so the spare capacity can be freed. */
  seal(): T {
    return this.data.slice(0, this.length) as T;
  }
}

/** Strings by number; id 0 means "no string", so a zeroed column reads as empty. */
export class StringPool {
  private readonly ids = new Map<string, number>();
  private readonly strings: string[] = [''];
  /** Lower-case forms, made on first use by `~`, so repeated filters do not redo them. */
  private readonly lowered: (string | undefined)[] = [];

  intern(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  /** The id of a string already seen, or undefined (a key nobody used). */
  lookup(value: string): number | undefined {
    return this.ids.get(value);
  }

  get(id: number): string {
    return this.strings[id] ?? '';
  }

  lower(id: number): string {
    return (this.lowered[id] ??= this.get(id).toLowerCase());
  }

  get size(): number {
    return this.strings.length;
  }
}
