/**
 * A jittered exponential pause: `baseMs · 2^attempt`, capped at `maxMs`, then a random point in
 * its upper half, so consumers that failed together do not come back together.
 */
export function jitteredBackoff(baseMs: number, maxMs: number, attempt: number): number {
  const step = Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(attempt, 0), 16));
  return Math.round(step / 2 + (Math.random() * step) / 2);
}
