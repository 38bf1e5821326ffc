import { setFlagsFromString } from 'node:v8';

/** From this many targets a run trades some CPU for a heap that stays flat (issue 21). */
const largeRunTargets = 100;

/**
 * A run of many endpoints allocates fast and keeps little: its probes' objects live across socket
 * waits, get promoted, then die in V8's old space, which V8 lets grow before it compacts (measured:
 * heap capacity 89 → 158 MB from 100 to 300 endpoints while 61 → 68 MB was in use). V8's
 * --optimize-for-size makes it collect sooner: RSS at 300 endpoints 252 → 138 MB, growth ~5 MB per
 * 100 endpoints instead of ~30, for ~10% more CPU — so only for large runs, where memory is the limit.
 * Set before the probes start, it governs all the heap growth that follows.
 */
export function keepLargeRunHeapSmall(targets: number): void {
  if (targets >= largeRunTargets) setFlagsFromString('--optimize-for-size');
}
