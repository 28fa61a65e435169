import { Controller, Get, HttpStatus, Inject, Optional, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { AmqpConnection } from '@app/amqp';
import { consumerStatuses } from '@app/inbox';
import { mirrorSyncStatuses } from '@app/mirror-sync';
import { OutboxRelay } from '@app/relay';
import { healthDetails } from './health-details';

/**
 * Liveness and readiness in one: 200 while the database answers. The broker and the relay
 * backlog are reported but never make the service unready, since the outbox keeps accepting
 * writes while the broker is away.
 */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AmqpConnection) private readonly broker: AmqpConnection,
    @Optional() @Inject(OutboxRelay) private readonly relay?: OutboxRelay,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'ready: the database answers' })
  @ApiServiceUnavailableResponse({ description: 'the database does not answer' })
  async check(@Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const database = await this.database();
    res.status(database.up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    res.setHeader('Cache-Control', 'no-store');
    const relay = this.relay?.status();
    return {
      status: database.up ? 'ok' : 'unavailable',
      database,
      broker: { up: this.broker.isConnected, lastError: this.broker.lastErrorMessage ?? null },
      consumers: consumerStatuses(),
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
