/**
 * V8 settings for the CLI's process, which spends its life streaming large files: they lower its
 * peak memory for little or no time. Measured with heaptrack and `npm run bench` on downloads of
 * 10,000 and 100,000 tasks (4.5 KB each) and a Parquet export of 100,000; figures in bench/README.md.
 *
 * - WebAssembly stays on the baseline compiler (Liftoff). undici parses HTTP with llhttp compiled
 *   to WebAssembly; when llhttp's one large state-machine function tiers up, TurboFan's register
 *   allocator takes about 36 MB of zone memory on a background thread, and glibc keeps that memory
 *   in the thread's arena after it is freed. Without the tier-up a download peaks about 28 MB lower
 *   and uses about 10 % less CPU: compiling costs more than the faster parser saves.
 * - The young generation does not grow. A download makes little JavaScript garbage but receives
 *   its bytes in socket chunks that V8 frees only when it collects their wrappers; when the young
 *   generation grows (to 16 MB semi-spaces), collections come so seldom that dead chunks pile up to
 *   tens of megabytes.
 * - The old generation may grow by half over what survived the last full collection (V8's default
 *   allows about four times for a small heap). An export buffers a row group's values, which live
 *   long enough to be promoted and then die; by default they piled up to ~65 MB of heap between
 *   full collections (Parquet export of 100,000 tasks: 168 MB peak RSS, 112 MB with this, for
 *   about 9 % more time).
 *
 * V8 reads these each time it compiles a WebAssembly function or sizes a space, so they take effect
 * from here; the heap's size limits themselves are fixed at start-up and cannot be set this late.
 * Given on the command line, V8 raises a growth factor of 1 to its minimum of 2; set here, Node 20's
 * V8 keeps it. Should a later V8 raise it here too, a download of 100,000 tasks peaks about 10 MB
 * higher and nothing else changes (an unknown flag would only print a warning).
 * Applied when this module is evaluated, which main.ts makes the first thing the bundle does:
 * before loading the rest lets the young generation grow, and before the first request compiles
 * llhttp. Only the CLI does this: the extension host's V8 is shared with other extensions and not
 * ours to tune.
 */
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--liftoff-only');
setFlagsFromString('--semi-space-growth-factor=1');
setFlagsFromString('--heap-growing-percent=50');
