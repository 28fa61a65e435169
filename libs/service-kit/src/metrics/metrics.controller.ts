import { Controller, Get, Header, Inject, Optional, type OnModuleInit } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { AmqpConnection } from '@app/amqp';
import { OutboxRelay } from '@app/relay';

/** Prometheus text: process metrics, broker connection and relay throughput and backlog. */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController implements OnModuleInit {
  private readonly registry = new Registry();

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
    const relay = this.relay;
    if (!relay) return;
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
    gauge('outbox_published_total', 'rows published by this relay', () => relay.status().published);
    gauge(
      'outbox_failed_attempts_total',
      'failed publish attempts',
      () => relay.status().failedAttempts,
    );
    gauge(
      'outbox_dead_lettered_total',
      'rows moved to dead letter by this relay',
      () => relay.status().deadLettered,
    );
    gauge('outbox_pending', 'unpublished rows', () => relay.status().backlog?.pending);
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
