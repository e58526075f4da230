/**
 * The ids of the tasks in a file, to write a task the server lists twice only once. A download of
 * 100,000 tasks holds 100,000 ids, and a `Set` of strings costs about 70 bytes each; Scale's ids
 * are 24 hex digits (12 bytes), so those are kept packed in an open-addressing table of three
 * 32-bit words a slot (an all-zero slot is empty; the all-zero id is remembered apart), filled to
 * at most 80 %: 100,000 ids take 1.5 MB. Only other ids go into a plain `Set`. Exact: no hashing of
 * ids into something that could collide.
 */
const HEX_ID = /^[0-9a-f]{24}$/;
const WORDS = 3;
const MAX_LOAD = 0.8;

export class IdSet {
  private table = new Uint32Array(WORDS * 1024);
  private slots = 1024;
  private packed = 0;
  private hasZero = false;
  private readonly other = new Set<string>();
  private readonly bytes = Buffer.alloc(4 * WORDS);
  private readonly key = new Uint32Array(WORDS);

  get size(): number {
    return this.packed + (this.hasZero ? 1 : 0) + this.other.size;
  }

  /** Bytes the packed table takes (it is most of the set's memory for Scale's ids). */
  get tableBytes(): number {
    return this.table.byteLength;
  }

  has(id: string): boolean {
    if (!HEX_ID.test(id)) return this.other.has(id);
    if (this.read(id)) return this.hasZero;
    return this.find(this.key) >= 0;
  }

  /** Adds `id`; @returns false when it was there already. */
  add(id: string): boolean {
    if (!HEX_ID.test(id)) {
      if (this.other.has(id)) return false;
      this.other.add(id);
      return true;
    }
    if (this.read(id)) {
      const added = !this.hasZero;
      this.hasZero = true;
      return added;
    }
    if (this.find(this.key) >= 0) return false;
    if (this.packed + 1 > this.slots * MAX_LOAD) this.grow();
    insert(this.table, this.slots, this.key, 0);
    this.packed++;
    return true;
  }

  /** Puts the id's 12 bytes in `key`; @returns true for the all-zero id (no slot can hold it). */
  private read(id: string): boolean {
    this.bytes.write(id, 'hex');
    for (let w = 0; w < WORDS; w++) this.key[w] = this.bytes.readUInt32LE(4 * w);
    return this.key[0] === 0 && this.key[1] === 0 && this.key[2] === 0;
  }

  /** Slot index holding `key`, or -1. */
  private find(key: Uint32Array): number {
    const { table } = this;
    const mask = this.slots - 1;
    for (let i = hash(key, 0) & mask; ; i = (i + 1) & mask) {
      const at = i * WORDS;
      const a = table[at] as number;
      const b = table[at + 1] as number;
      const c = table[at + 2] as number;
      if (a === key[0] && b === key[1] && c === key[2]) return i;
      if (a === 0 && b === 0 && c === 0) return -1;
    }
  }

  private grow(): void {
    const old = this.table;
    this.slots *= 2;
    this.table = new Uint32Array(WORDS * this.slots);
    for (let at = 0; at < old.length; at += WORDS) {
      if (old[at] !== 0 || old[at + 1] !== 0 || old[at + 2] !== 0) insert(this.table, this.slots, old, at);
    }
  }
}

/** Puts the key at `from` in `source` into the first free slot of its probe sequence. */
function insert(table: Uint32Array, slots: number, source: Uint32Array, from: number): void {
  const mask = slots - 1;
  let i = hash(source, from) & mask;
  while (table[i * WORDS] !== 0 || table[i * WORDS + 1] !== 0 || table[i * WORDS + 2] !== 0) i = (i + 1) & mask;
  table.set(source.subarray(from, from + WORDS), i * WORDS);
}

/**
 * FNV-1a over the 12 bytes, word by word (the leading bytes are a timestamp, so all of them count),
 * with a final mix so the low bits the mask keeps depend on every byte.
 */
function hash(key: Uint32Array, from: number): number {
  let h = 0x811c9dc5;
  for (let w = 0; w < WORDS; w++) {
    const word = key[from + w] as number;
    for (let shift = 0; shift < 32; shift += 8) h = Math.imul(h ^ ((word >>> shift) & 0xff), 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}
