/**
 * Crash points for fault tests: with `FAILPOINTS=consumer.after-commit` (comma-separated) in
 * its environment, a process kills itself (SIGKILL, no cleanup) when it reaches that point;
 * `relay.after-confirm@4` waits for the fourth time it gets there, so a crash can land in the
 * middle of a stream however fast the process runs.
 * Unset in production, each check is one lookup in an empty map.
 */
const armed = parseFailpoints(process.env.FAILPOINTS ?? '');

export type FailpointName =
  | 'consumer.before-commit'
  | 'consumer.after-commit'
  | 'relay.before-publish'
  | 'relay.after-confirm'
  | 'mirror-sync.seed.after-page';

export function failpoint(name: FailpointName): void {
  const remaining = armed.get(name);
  if (remaining === undefined) return;
  if (remaining > 1) {
    armed.set(name, remaining - 1);
    return;
  }
  process.kill(process.pid, 'SIGKILL');
}

/** `name` or `name@N` (N ≥ 1, the hit that kills), comma-separated: name → hits left. */
export function parseFailpoints(spec: string): Map<string, number> {
  const points = new Map<string, number>();
  for (const entry of spec.split(',').map((s) => s.trim())) {
    if (!entry) continue;
    const match = /^([\w.-]+)(?:@([1-9]\d*))?$/.exec(entry);
    if (!match) throw new Error(`FAILPOINTS: "${entry}" is not "name" or "name@N" (N ≥ 1)`);
    points.set(match[1], match[2] ? Number(match[2]) : 1);
  }
  return points;
}
