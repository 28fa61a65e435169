import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AmqpConnection } from '@app/amqp';
import { consumerStatuses } from '@app/inbox';
import { mirrorSyncStatuses } from '@app/mirror-sync';
import { OutboxRelay } from '@app/relay';
import { healthDetails } from './health-details';

/** What anyone may see: one word per part, never an error text, a count or a queue name. */
export interface PublicHealth {
  /** `ok` when ready: database, broker and consumers all `up`. */
  status: 'ok' | 'unavailable';
  database: 'up' | 'down';
  broker: 'up' | 'down';
  /** `up` while every consumer of the process consumes. */
  consumers: 'up' | 'down';
}

/**
 * Reads the service's state for `/health/ready` (statuses) and `/admin/health` (everything,
 * errors included). Ready means the service can do all its work: the database answers, the
 * broker connection is open and every consumer consumes. The relay and its backlog are reported
 * but never make the service unready: its outbox keeps them for later.
 */
@Injectable()
export class HealthReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AmqpConnection) private readonly broker: AmqpConnection,
    @Optional() @Inject(OutboxRelay) private readonly relay?: OutboxRelay,
  ) {}

  async statuses(): Promise<PublicHealth> {
    const database = await this.database();
    const broker = this.broker.isConnected;
    const consumers = consumerStatuses().every((c) => c.consuming);
    return {
      status: database.up && broker && consumers ? 'ok' : 'unavailable',
      database: database.up ? 'up' : 'down',
      broker: broker ? 'up' : 'down',
      consumers: consumers ? 'up' : 'down',
    };
  }

  async details(): Promise<Record<string, unknown> & { status: PublicHealth['status'] }> {
    const database = await this.database();
    const relay = this.relay?.status();
    const consumers = consumerStatuses();
    const ready = database.up && this.broker.isConnected && consumers.every((c) => c.consuming);
    return {
      status: ready ? 'ok' : 'unavailable',
      database,
      broker: { up: this.broker.isConnected, lastError: this.broker.lastErrorMessage ?? null },
      consumers,
      mirrors: mirrorSyncStatuses(),
      ...healthDetails(),
      relay: relay
        ? {
            running: relay.running,
            published: relay.published,
            failedAttempts: relay.failedAttempts,
            deadLettered: relay.deadLettered,
            backlog: relay.backlog ?? null,
            lastError: relay.lastError ?? null,
          }
        : null,
    };
  }

  private async database(): Promise<{ up: boolean; error?: string }> {
    try {
      await Promise.race([
        this.dataSource.query('SELECT 1'),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error('timeout after 2000 ms')), 2_000),
        ),
      ]);
      return { up: true };
    } catch (err) {
      return { up: false, error: (err as Error).message };
    }
  }
}
