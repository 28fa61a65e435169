/** Every metric this system defines starts with this prefix (Prometheus' standard `process_*` and `nodejs_*` do not). */
export const METRIC_PREFIX = 'safe_deletion_';

/** `outbox_pending` → `safe_deletion_outbox_pending`. */
export function metricName(name: string): string {
  return `${METRIC_PREFIX}${name}`;
}
