import { performance } from 'node:perf_hooks';

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes on one machine. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/**
 * Open loop: call `fire(i, scheduledAt)` at `rate` per second for `durationMs`, never waiting for
 * earlier calls to finish, so a stall shows up as latency measured from the scheduled time.
 */
export async function openLoop(
  rate: number,
  durationMs: number,
  fire: (i: number, scheduledAt: number) => Promise<void>,
): Promise<{ scheduled: number; maxLagMs: number }> {
  const count = Math.floor((rate * durationMs) / 1000);
  const start = nowMs() + 20;
  const inFlight: Promise<void>[] = [];
  let maxLagMs = 0;
  for (let i = 0; i < count; i++) {
    const at = start + (i * 1000) / rate;
    const wait = at - nowMs();
    if (wait > 1) await sleep(wait);
    maxLagMs = Math.max(maxLagMs, nowMs() - at);
    inFlight.push(fire(i, at));
  }
  await Promise.all(inFlight);
  return { scheduled: count, maxLagMs };
}
