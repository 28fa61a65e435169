import type { ConsumeMessage } from 'amqplib';
import { Histogram } from 'prom-client';
import { DELIVERY_LATENCY_BUCKETS, metricName } from '@app/metrics';
import { publishedAtOf } from '@app/outbox';

/**
 * Publish → apply of every message the consumers of this process applied: from the relay's
 * publish (`x-published-at`, its clock) to the commit of the inbox transaction (this clock).
 * Retries and requeued dead letters count with their whole wait.
 */
export const publishToApplySeconds = new Histogram({
  name: metricName('consumer_publish_to_apply_seconds'),
  help: 'time from a message published by a relay to its inbox transaction committed',
  labelNames: ['queue'],
  buckets: DELIVERY_LATENCY_BUCKETS,
  registers: [],
});

/** Records one applied message; one without a publish time (not sent by a relay) is left out. */
export function observePublishToApply(queue: string, msg: ConsumeMessage): void {
  const publishedAt = publishedAtOf(msg.properties.headers);
  if (publishedAt === undefined) return;
  publishToApplySeconds.observe({ queue }, Math.max(0, Date.now() - publishedAt) / 1000);
}
