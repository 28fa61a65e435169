import { Gauge, type Registry } from 'prom-client';
import { metricName, runningTotalCounter } from '@app/metrics';
import { consumerStatuses } from './consumer-registry';
import { publishToApplySeconds } from './publish-to-apply';
import { registerQueueDepthMetrics } from './queue-depth-metrics';

/**
 * `safe_deletion_consumer_*` of every consumer of the process, by `queue`: messages by outcome,
 * transactions, whether it consumes, publish → apply, and the depths of its three queues.
 */
export function registerConsumerMetrics(registry: Registry): void {
  registry.registerMetric(publishToApplySeconds);
  runningTotalCounter({
    registry,
    name: metricName('consumer_messages_total'),
    help: 'messages handled by this process, by queue and outcome',
    labelNames: ['queue', 'outcome'],
    read: () =>
      consumerStatuses().flatMap((c) =>
        Object.entries(c.counts).map(
          ([outcome, count]) => [{ queue: c.queue, outcome }, count] as const,
        ),
      ),
  });
  runningTotalCounter({
    registry,
    name: metricName('consumer_transactions_total'),
    help: 'transactions that applied messages, by queue (messages per transaction = batching)',
    labelNames: ['queue'],
    read: () => consumerStatuses().map((c) => [{ queue: c.queue }, c.transactions] as const),
  });
  new Gauge({
    name: metricName('consumer_consuming'),
    help: '1 while the consumer of the queue is subscribed',
    labelNames: ['queue'],
    registers: [registry],
    collect() {
      this.reset();
      for (const c of consumerStatuses()) this.set({ queue: c.queue }, c.consuming ? 1 : 0);
    },
  });
  registerQueueDepthMetrics(registry);
}
