import { Controller, Get, Header, Inject, Optional, type OnModuleInit } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { collectDefaultMetrics, Counter, Gauge } from 'prom-client';
import { metricsRegistry } from './metrics-registry';
import { registerMirrorMetrics } from './mirror-metrics';
import { registerPurgeMetrics } from './purge-metrics';
import { AmqpConnection } from '@app/amqp';
import { consumerStatuses } from '@app/inbox';
import { OutboxRelay } from '@app/relay';

/**
 * Prometheus text: process metrics, broker connection, consumers, relay throughput and
 * backlog, and incomplete purges.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController implements OnModuleInit {
  private readonly registry = metricsRegistry;

  constructor(
    @Inject(AmqpConnection) private readonly broker: AmqpConnection,
    @Optional() @Inject(OutboxRelay) private readonly relay?: OutboxRelay,
  ) {}

  onModuleInit(): void {
    collectDefaultMetrics({ register: this.registry });
    const broker = this.broker;
    new Gauge({
      name: 'broker_connected',
      help: '1 while the broker connection is open',
      registers: [this.registry],
      collect() {
        this.set(broker.isConnected ? 1 : 0);
      },
    });
    const reportedByConsumer = new Map<string, number>();
    new Counter({
      name: 'consumer_messages_total',
      help: 'messages handled by this process, by queue and outcome',
      labelNames: ['queue', 'outcome'],
      registers: [this.registry],
      collect() {
        for (const consumer of consumerStatuses()) {
          for (const [outcome, count] of Object.entries(consumer.counts)) {
            const key = `${consumer.queue}|${outcome}`;
            const reported = reportedByConsumer.get(key) ?? 0;
            if (count > reported) this.inc({ queue: consumer.queue, outcome }, count - reported);
            reportedByConsumer.set(key, count);
          }
        }
      },
    });
    const reportedTransactions = new Map<string, number>();
    new Counter({
      name: 'consumer_transactions_total',
      help: 'transactions that applied messages, by queue (messages per transaction = batching)',
      labelNames: ['queue'],
      registers: [this.registry],
      collect() {
        for (const consumer of consumerStatuses()) {
          const reported = reportedTransactions.get(consumer.queue) ?? 0;
          if (consumer.transactions > reported) {
            this.inc({ queue: consumer.queue }, consumer.transactions - reported);
          }
          reportedTransactions.set(consumer.queue, consumer.transactions);
        }
      },
    });
    registerMirrorMetrics(this.registry);
    registerPurgeMetrics(this.registry);
    const relay = this.relay;
    if (!relay) return;
    const counter = (name: string, help: string, read: () => number): void => {
      let reported = 0;
      new Counter({
        name,
        help,
        registers: [this.registry],
        collect() {
          const now = read();
          if (now > reported) this.inc(now - reported);
          reported = now;
        },
      });
    };
    const gauge = (name: string, help: string, read: () => number | undefined): void => {
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          this.set(read() ?? 0);
        },
      });
    };
    counter(
      'outbox_published_total',
      'rows published by this relay',
      () => relay.status().published,
    );
    counter(
      'outbox_failed_attempts_total',
      'failed publish attempts',
      () => relay.status().failedAttempts,
    );
    counter(
      'outbox_dead_lettered_total',
      'rows this relay moved to dead letter',
      () => relay.status().deadLettered,
    );
    gauge('outbox_pending', 'unpublished rows', () => relay.status().backlog?.pending);
    gauge(
      'outbox_dead_letters',
      'rows in the outbox dead-letter state',
      () => relay.status().backlog?.deadLettered,
    );
    gauge('outbox_stuck', '1 while the oldest pending row is older than the stuck threshold', () =>
      relay.status().backlog?.stuck ? 1 : 0,
    );
    gauge('outbox_oldest_pending_age_seconds', 'age of the oldest unpublished row', () => {
      const age = relay.status().backlog?.oldestPendingAgeMs;
      return age === undefined ? undefined : age / 1000;
    });
  }

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  async metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
