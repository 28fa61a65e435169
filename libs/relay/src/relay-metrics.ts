import { Gauge, Histogram, type Registry } from 'prom-client';
import { DELIVERY_LATENCY_BUCKETS, metricName, runningTotalCounter } from '@app/metrics';
import type { OutboxRelay } from './outbox-relay';

/**
 * Commit → publish of every row the relays of this process published: from the row's
 * `created_at` (the database's clock, in the writing transaction) to the broker's confirm (the
 * relay's clock).
 */
export const commitToPublishSeconds = new Histogram({
  name: metricName('outbox_commit_to_publish_seconds'),
  help: 'time from an outbox row written to its broker confirm',
  buckets: DELIVERY_LATENCY_BUCKETS,
  registers: [],
});

/**
 * The relay's counters since start, its backlog (whole outbox table, read every 5 s) and the
 * commit → publish histogram, under `safe_deletion_outbox_*`.
 */
export function registerRelayMetrics(registry: Registry, relay: OutboxRelay): void {
  registry.registerMetric(commitToPublishSeconds);
  const total = (name: string, help: string, read: () => number): void => {
    runningTotalCounter({ registry, name: metricName(name), help, read: () => [[{}, read()]] });
  };
  total('outbox_published_total', 'rows published by this relay', () => relay.status().published);
  total(
    'outbox_failed_attempts_total',
    'failed publish attempts',
    () => relay.status().failedAttempts,
  );
  total(
    'outbox_dead_lettered_total',
    'rows this relay moved to dead letter',
    () => relay.status().deadLettered,
  );
  const gauge = (name: string, help: string, read: () => number | undefined): void => {
    new Gauge({
      name: metricName(name),
      help,
      registers: [registry],
      collect() {
        this.set(read() ?? 0);
      },
    });
  };
  const backlog = (): ReturnType<OutboxRelay['status']>['backlog'] => relay.status().backlog;
  gauge('outbox_pending', 'unpublished rows', () => backlog()?.pending);
  gauge(
    'outbox_dead_letters',
    'rows in the outbox dead-letter state',
    () => backlog()?.deadLettered,
  );
  gauge('outbox_stuck', '1 while the oldest pending row is older than the stuck threshold', () =>
    backlog()?.stuck ? 1 : 0,
  );
  gauge('outbox_oldest_pending_age_seconds', 'age of the oldest unpublished row', () => {
    const age = backlog()?.oldestPendingAgeMs;
    return age === undefined ? undefined : age / 1000;
  });
}
