/**
 * Crash points for fault tests: with `FAILPOINTS=consumer.after-commit` (comma-separated) in
 * its environment, a process kills itself (SIGKILL, no cleanup) when it reaches that point.
 * Unset in production, each check is one lookup in an empty set.
 */
const armed = new Set(
  (process.env.FAILPOINTS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

export type FailpointName =
  | 'consumer.before-commit'
  | 'consumer.after-commit'
  | 'relay.before-publish'
  | 'relay.after-confirm'
  | 'mirror-sync.seed.after-page';

export function failpoint(name: FailpointName): void {
  if (armed.has(name)) process.kill(process.pid, 'SIGKILL');
}
