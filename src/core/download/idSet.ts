/**
 * The ids of the tasks in a file, to write a task the server lists twice only once. A download of
 * 100,000 tasks holds 100,000 ids, and a `Set` of strings costs about 70 bytes each; Scale's ids
 * are 24 hex digits (12 bytes), so those are kept packed in an open-addressing table in one buffer
 * (16 bytes a slot), and only other ids go into a plain `Set`. Exact: no hashing of ids into
 * something that could collide.
 */
const HEX_ID = /^[0-9a-f]{24}$/;
const SLOT = 16;
const KEY = 12;

export class IdSet {
  private table = Buffer.alloc(SLOT * 1024);
  private slots = 1024;
  private packed = 0;
  private readonly other = new Set<string>();
  private readonly key = Buffer.alloc(KEY);

  get size(): number {
    return this.packed + this.other.size;
  }

  has(id: string): boolean {
    if (!HEX_ID.test(id)) return this.other.has(id);
    this.key.write(id, 'hex');
    return this.find(this.key) >= 0;
  }

  /** Adds `id`; @returns false when it was there already. */
  add(id: string): boolean {
    if (!HEX_ID.test(id)) {
      if (this.other.has(id)) return false;
      this.other.add(id);
      return true;
    }
    this.key.write(id, 'hex');
    const at = this.find(this.key);
    if (at >= 0) return false;
    if ((this.packed + 1) * 2 > this.slots) this.grow();
    this.insert(this.key);
    this.packed++;
    return true;
  }

  /** Slot index holding `key`, or -1. */
  private find(key: Buffer): number {
    const mask = this.slots - 1;
    for (let i = hash(key) & mask; ; i = (i + 1) & mask) {
      const offset = i * SLOT;
      if (this.table[offset + KEY] === 0) return -1;
      if (this.table.compare(key, 0, KEY, offset, offset + KEY) === 0) return i;
    }
  }

  private insert(key: Buffer): void {
    const mask = this.slots - 1;
    let i = hash(key) & mask;
    while (this.table[i * SLOT + KEY] !== 0) i = (i + 1) & mask;
    key.copy(this.table, i * SLOT);
    this.table[i * SLOT + KEY] = 1;
  }

  private grow(): void {
    const old = this.table;
    const oldSlots = this.slots;
    this.slots *= 2;
    this.table = Buffer.alloc(SLOT * this.slots);
    for (let i = 0; i < oldSlots; i++) {
      if (old[i * SLOT + KEY] !== 0) this.insert(old.subarray(i * SLOT, i * SLOT + KEY));
    }
  }
}

/** FNV-1a over the 12 bytes (the leading ones are a timestamp, so all of them count). */
function hash(key: Buffer): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < KEY; i++) h = Math.imul(h ^ (key[i] as number), 0x01000193);
  return h >>> 0;
}
