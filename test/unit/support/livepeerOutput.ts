/**
 * The bytes the emulator serves for an output asset, computed here from the formula written in
 * test/emulator/livepeer/outputBytes.ts rather than imported from it, so a test that compares a
 * downloaded file against these checks the emulator and the download alike.
 */
export function expectedOutputBytes(playbackId: string): Buffer {
  let c = 0;
  for (const ch of playbackId) c += ch.charCodeAt(0);
  c %= 256;
  const length = 1_048_576 + ((c * 4099) % 524_288);
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + Math.floor(i / 256) * 7 + c) % 256;
  return out;
}
