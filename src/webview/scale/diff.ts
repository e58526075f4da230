/**
 * Word-level diff of two candidate texts with jsdiff (`diff`, pinned), as plain segments; the
 * page turns them into DOM nodes (compare.ts). Very large or very different texts fall back to a
 * line diff rather than keep the page busy.
 */
import { diffLines, diffWordsWithSpace, type ChangeObject } from 'diff';

export interface Segment {
  kind: 'same' | 'add' | 'del';
  text: string;
}

export interface WordDiff {
  segments: Segment[];
  /** True when the texts were compared line by line (too large or too slow for words). */
  byLines: boolean;
}

/** Beyond this many characters in all, words are not compared (the line diff is instant). */
export const WORD_DIFF_MAX_CHARS = 200_000;

function segments(changes: ChangeObject<string>[]): Segment[] {
  return changes.map((c) => ({ kind: c.added ? 'add' : c.removed ? 'del' : 'same', text: c.value }));
}

/** The changes from `a` to `b`: removed words are `del`, added ones `add`. */
export function wordDiff(a: string, b: string): WordDiff {
  if (a.length + b.length <= WORD_DIFF_MAX_CHARS) {
    const words = diffWordsWithSpace(a, b, { timeout: 500 });
    if (words) return { segments: segments(words), byLines: false };
  }
  return { segments: segments(diffLines(a, b)), byLines: true };
}

/** The text of one side: `a` is the same and removed segments, `b` the same and added ones. */
export function sideText(d: WordDiff, side: 'a' | 'b'): string {
  return d.segments
    .filter((s) => s.kind === 'same' || s.kind === (side === 'a' ? 'del' : 'add'))
    .map((s) => s.text)
    .join('');
}
