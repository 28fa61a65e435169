import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import {
  OnEvent,
  OutboxModule,
  TransactionalEventEmitter,
  TransactionalEventEmitterOperations,
  type OutboxEvent,
} from '@fullstackhouse/nestjs-outbox';
import {
  OutboxTransportEventMigrations,
  TypeORMDatabaseDriverFactory,
  TypeOrmOutboxTransportEvent,
} from '@fullstackhouse/nestjs-outbox-typeorm-driver';
import type { CloudEvent } from '@app/outbox';
import { nowMs, openLoop } from '../support/clock';
import { productEvent } from '../support/payload';
import { ConfirmingPublisher } from './amqp-publish';
import type { WriteRecord } from './latency-record';
import { env, runWorker } from './worker-kit';

/**
 * Peer: @fullstackhouse/nestjs-outbox with its TypeORM driver, set up as its README's Quick Start
 * does (TypeOrmModule + OutboxModule.registerAsync, maxEventsPerPoll 10, default middlewares).
 * The library delivers events to in-process listeners and has no broker transport, so the
 * thinnest adapter its docs allow is one @OnEvent listener that publishes the event to
 * `product.events` on a confirm channel and returns only once the broker has acked it.
 */
@Entity({ name: 'bench_items' })
class BenchItem {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('int') version!: number;
}

class ProductUpdated implements OutboxEvent {
  readonly name = 'ProductUpdated';
  constructor(readonly envelope: CloudEvent) {}
}

const PUBLISHER = Symbol('PUBLISHER');

@Injectable()
class RabbitMqPublishingListener {
  constructor(@Inject(PUBLISHER) private readonly publisher: ConfirmingPublisher) {}

  @OnEvent('ProductUpdated')
  async handle(event: { envelope: CloudEvent }): Promise<void> {
    await this.publisher.publish(Buffer.from(JSON.stringify(event.envelope)), {
      messageId: event.envelope.id,
      type: event.envelope.type,
    });
  }
}

/**
 * The README passes `OutboxTransportEventMigrations` with `migrationsRun: true`, but TypeORM
 * (0.3.31, which the driver itself depends on, and 1.1) refuses `MigrationOutbox1733250000`:
 * "migration name is wrong" (its suffix is not a 13-digit timestamp). So the bench runs the
 * driver's three migrations' `up()` itself, in order, before the app starts.
 */
async function migrate(url: string): Promise<void> {
  const dataSource = new DataSource({ type: 'postgres', url });
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    const exists = await runner.hasTable('outbox_transport_event');
    if (!exists) {
      for (const Migration of OutboxTransportEventMigrations) {
        await new Migration().up(runner as never);
      }
    }
  } finally {
    await runner.release();
    await dataSource.destroy();
  }
}

runWorker(async () => {
  await migrate(env('DATABASE_URL'));
  const publisher = await ConfirmingPublisher.open(env('AMQP_URL'), 'bench-nestjs-outbox');
  const pollingInterval = Number(process.env.PEER_POLL_MS ?? 30_000);

  @Module({
    imports: [
      TypeOrmModule.forRoot({
        type: 'postgres',
        url: env('DATABASE_URL'),
        entities: [TypeOrmOutboxTransportEvent, BenchItem],
      }),
      OutboxModule.registerAsync({
        imports: [TypeOrmModule.forFeature([TypeOrmOutboxTransportEvent])],
        useFactory: (dataSource: DataSource) => ({
          // The driver is typed against its own nested typeorm 0.3; at run time it only calls
          // transaction/find/save/remove, which the project's typeorm DataSource provides.
          driverFactory: new TypeORMDatabaseDriverFactory(
            dataSource as unknown as ConstructorParameters<typeof TypeORMDatabaseDriverFactory>[0],
          ),
          events: [
            {
              name: 'ProductUpdated',
              listeners: {
                retentionPeriod: 1000 * 60 * 60 * 24,
                maxExecutionTime: 1000 * 15,
                maxRetries: 5,
              },
            },
          ],
          pollingInterval,
          maxEventsPerPoll: Number(process.env.PEER_BATCH ?? 10),
        }),
        inject: [DataSource],
      }),
    ],
    providers: [RabbitMqPublishingListener, { provide: PUBLISHER, useValue: publisher }],
  })
  class PeerModule {}

  const app = await NestFactory.createApplicationContext(PeerModule, {
    logger: ['error', 'warn', 'log'],
  });
  app.enableShutdownHooks();
  const emitter = app.get(TransactionalEventEmitter);
  return {
    commands: {
      write: async ({ rate, durationMs }: { rate: number; durationMs: number }) => {
        const records: WriteRecord[] = [];
        await openLoop(rate, durationMs, async (i, scheduledAt) => {
          const item = Object.assign(new BenchItem(), {
            id: randomUUID(),
            name: `item ${i}`,
            version: 1,
          });
          const envelope = productEvent(item.id, i, 1);
          await emitter.emit(new ProductUpdated(envelope), [
            { entity: item, operation: TransactionalEventEmitterOperations.persist },
          ]);
          records.push({ eventId: envelope.id, scheduledAt, committedAt: nowMs() });
        });
        return records;
      },
    },
    close: async () => {
      await app.close();
      await publisher.close();
    },
  };
});
