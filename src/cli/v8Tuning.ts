/**
 * Two V8 settings for the CLI's process, which spends its life streaming bytes: both lower its
 * peak memory and neither costs time. Measured on downloads of 10,000 and 100,000 tasks (4.5 KB
 * each) with heaptrack and `npm run bench`; the figures are in bench/README.md.
 *
 * - WebAssembly stays on the baseline compiler (Liftoff). undici parses HTTP with llhttp compiled
 *   to WebAssembly; when llhttp's one large state-machine function tiers up, TurboFan's register
 *   allocator takes about 36 MB of zone memory on a background thread, and glibc keeps that memory
 *   in the thread's arena after it is freed. Without the tier-up the download uses about 28 MB less
 *   and about 10 % less CPU: compiling costs more than the faster parser saves.
 * - The young generation does not grow. The download makes little JavaScript garbage but receives
 *   its bytes in socket chunks that V8 frees only when it collects their wrappers; when the young
 *   generation grows (to 16 MB semi-spaces), collections come so seldom that dead chunks pile up to
 *   tens of megabytes. V8 reads this flag each time it would grow the space, so it takes effect
 *   from here; the heap's size limits themselves are fixed at start-up and cannot be set this late.
 *
 * Applied when this module is evaluated, which main.ts makes the first thing the bundle does: before
 * loading the rest lets the young generation grow, and before the first request compiles llhttp.
 * Only the CLI does this: the extension host's V8 is shared with other extensions and not ours to
 * tune.
 */
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--liftoff-only');
setFlagsFromString('--semi-space-growth-factor=1');
