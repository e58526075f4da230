/**
 * The deterministic bytes the emulator's output host serves for an asset's `downloadUrl`. Byte i
 * of the file of playback id `p` is a pure function of (p, i), so a test can compute the expected
 * file on its own (the formula is short on purpose: tests re-implement it rather than import it).
 *
 *   c      = sum of the char codes of p, mod 256
 *   length = 1_048_576 + (c * 4099) % 524_288
 *   byte i = ((i * 31 + (i >>> 8) * 7 + c) mod 256)
 */

export function playbackSeed(playbackId: string): number {
  let sum = 0;
  for (let i = 0; i < playbackId.length; i++) sum += playbackId.charCodeAt(i);
  return sum % 256;
}

export function outputLength(playbackId: string): number {
  return 1_048_576 + ((playbackSeed(playbackId) * 4099) % 524_288);
}

/** Bytes [start, end) of the file. */
export function outputBytes(playbackId: string, start: number, end: number): Buffer {
  const c = playbackSeed(playbackId);
  const out = Buffer.allocUnsafe(Math.max(0, end - start));
  for (let i = start; i < end; i++) out[i - start] = (i * 31 + (i >>> 8) * 7 + c) & 0xff;
  return out;
}

/** A strong validator that changes when the content would (it never does here). */
export function outputEtag(playbackId: string): string {
  return `"lp-${playbackId}-${outputLength(playbackId)}"`;
}
