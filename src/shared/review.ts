/**
 * Blind review, the parts both sides share: the key a turn's choice is stored under, the stable
 * per-task shuffle of candidate columns, and the annotators' order of candidates from a raw
 * ranking annotation (ranked_choices: one per tier; ranked_groups: tiers with ties).
 * No DOM, no vscode: the page, the host and plain-Node tests use it.
 */

/** Where a turn's choice is kept: thread and turn ids (their positions when an id is missing). */
export function turnKey(threadId: string | undefined, threadIndex: number, turnId: string | undefined, turnIndex: number): string {
  return `${threadId ?? `#${threadIndex}`}/${turnId ?? `#${turnIndex}`}`;
}

/** FNV-1a, 32 bits: a seed from a string. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast, good enough to shuffle a few columns. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A permutation of 0..n-1, the same for the same seed (task id + turn key) every time. */
export function seededOrder(n: number, seed: string): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  const next = rng(hash(seed));
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** "Candidate A", "Candidate B" … the blind names of shuffled columns. */
export function blindLetter(i: number): string {
  return i < 26 ? String.fromCharCode(65 + i) : String(i + 1);
}

/** Tiers of a raw ranking annotation (strings only), or undefined when it is not one. */
export function rankingTiersOf(annotation: unknown): string[][] | undefined {
  if (typeof annotation !== 'object' || annotation === null) return undefined;
  const a = annotation as { type?: unknown; value?: unknown };
  if (!Array.isArray(a.value)) return undefined;
  const name = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  if (a.type === 'ranked_choices') return a.value.map((v) => [name(v)]);
  if (a.type === 'ranked_groups') return a.value.map((g) => (Array.isArray(g) ? g.map(name) : [name(g)]));
  return undefined;
}
