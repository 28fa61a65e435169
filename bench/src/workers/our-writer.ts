import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AmqpConnection } from '@app/amqp';
import { PRODUCT_EVENT_CONTRACTS } from '@app/event-contracts';
import { Outbox } from '@app/outbox';
import { OutboxRelay } from '@app/relay';
import { nowMs, openLoop } from '../support/clock';
import { EVENT_TYPE, EXCHANGE, productSnapshot } from '../support/payload';
import type { WriteRecord } from './latency-record';
import { env, runWorker } from './worker-kit';

/**
 * Ours as an API process runs it: TypeORM, `Outbox.add` in the business transaction, and the
 * relay in the same process (woken by the in-process signal after commit, NOTIFY as shipped).
 */
runWorker(async () => {
  const databaseUrl = env('DATABASE_URL');
  const dataSource = new DataSource({
    type: 'postgres',
    url: databaseUrl,
    extra: { max: 10, application_name: 'bench-our-writer' },
  });
  await dataSource.initialize();
  const outbox = new Outbox(
    { producer: 'product', publishes: PRODUCT_EVENT_CONTRACTS },
    dataSource,
  );
  outbox.onModuleInit();
  const connection = new AmqpConnection({
    url: env('AMQP_URL'),
    connectionName: 'bench-our-relay',
  });
  await connection.start();
  await connection.waitUntilConnected();
  const relay = new OutboxRelay({ databaseUrl, connection, exchanges: [EXCHANGE] });
  relay.start();
  return {
    commands: {
      write: async ({ rate, durationMs }: { rate: number; durationMs: number }) => {
        const records: WriteRecord[] = [];
        await openLoop(rate, durationMs, async (i, scheduledAt) => {
          const id = randomUUID();
          let eventId = '';
          await dataSource.transaction(async (manager) => {
            await manager.query(
              `INSERT INTO "bench_items" ("id", "name", "version") VALUES ($1, $2, 1)`,
              [id, `item ${i}`],
            );
            const event = await outbox.add(manager, {
              type: EVENT_TYPE,
              aggregateType: 'product',
              aggregateId: id,
              aggregateVersion: 1,
              data: productSnapshot(id, i, 1),
            });
            eventId = event.id;
          });
          records.push({ eventId, scheduledAt, committedAt: nowMs() });
        });
        return records;
      },
    },
    close: async () => {
      await relay.stop();
      await connection.close();
      await dataSource.destroy();
    },
  };
});
