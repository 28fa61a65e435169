import { Controller, Get, Header, Inject, Optional, type OnModuleInit } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AmqpConnection, registerBrokerMetrics } from '@app/amqp';
import { registerConsumerMetrics } from '@app/inbox';
import { OutboxRelay, registerRelayMetrics } from '@app/relay';
import { registerDeadLetterMetrics } from './dead-letter-metrics';
import { metricsRegistry } from './metrics-registry';
import { registerMirrorMetrics } from './mirror-metrics';
import { registerPurgeMetrics } from './purge-metrics';

/**
 * Prometheus text, every name of this system under `safe_deletion_`: process metrics, HTTP,
 * broker connection, consumers and their queues, parked dead letters, relay throughput,
 * latency and backlog, mirrors, and incomplete purges.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController implements OnModuleInit {
  private readonly registry = metricsRegistry;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AmqpConnection) private readonly broker: AmqpConnection,
    @Optional() @Inject(OutboxRelay) private readonly relay?: OutboxRelay,
  ) {}

  onModuleInit(): void {
    registerBrokerMetrics(this.registry, this.broker);
    registerConsumerMetrics(this.registry);
    registerDeadLetterMetrics(this.registry, this.dataSource);
    registerMirrorMetrics(this.registry);
    registerPurgeMetrics(this.registry);
    if (this.relay) registerRelayMetrics(this.registry, this.relay);
  }

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  async metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
