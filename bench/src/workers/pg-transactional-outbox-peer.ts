import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import {
  getDefaultLogger,
  initializeMessageStorage,
  initializePollingMessageListener,
  type GeneralMessageHandler,
  type PollingListenerConfig,
  type TransactionalMessage,
} from 'pg-transactional-outbox';
import { nowMs, openLoop } from '../support/clock';
import { EVENT_TYPE, productEvent } from '../support/payload';
import { ConfirmingPublisher } from './amqp-publish';
import type { WriteRecord } from './latency-record';
import { env, runWorker } from './worker-kit';

/**
 * Peer: pg-transactional-outbox with its polling listener, configured as its README's producer
 * example (batch 5, 250 ms polling, outbox protections off). Its logical-replication listener
 * needs `wal_level = logical`, which this server does not have (changing it needs a restart).
 * The library leaves the transport to a message handler; the thinnest adapter is a
 * GeneralMessageHandler that publishes to `product.events` on a confirm channel and resolves
 * on the broker's ack. Segment = aggregate id, so order is kept per aggregate, as ours.
 */
runWorker(async () => {
  const connectionString = env('DATABASE_URL');
  const publisher = await ConfirmingPublisher.open(
    env('AMQP_URL'),
    'bench-pg-transactional-outbox',
  );
  const config: PollingListenerConfig = {
    outboxOrInbox: 'outbox',
    dbListenerConfig: { connectionString, application_name: 'bench-pgtx-listener' },
    settings: {
      dbSchema: 'public',
      dbTable: 'outbox',
      enableMaxAttemptsProtection: false,
      enablePoisonousMessageProtection: false,
      nextMessagesBatchSize: Number(process.env.PEER_BATCH ?? 5),
      nextMessagesFunctionName: 'next_outbox_messages',
      nextMessagesPollingIntervalInMs: Number(process.env.PEER_POLL_MS ?? 250),
    },
  };
  const logger = getDefaultLogger('outbox');
  const handler: GeneralMessageHandler = {
    handle: async (message: TransactionalMessage): Promise<void> => {
      await publisher.publish(Buffer.from(JSON.stringify(message.payload)), {
        messageId: message.id,
        type: message.messageType,
      });
    },
  };
  const [shutdown] = initializePollingMessageListener(config, handler, logger);
  const store = initializeMessageStorage(config, logger);
  const pool = new Pool({ connectionString, max: 10, application_name: 'bench-pgtx-writer' });
  return {
    commands: {
      write: async ({ rate, durationMs }: { rate: number; durationMs: number }) => {
        const records: WriteRecord[] = [];
        await openLoop(rate, durationMs, async (i, scheduledAt) => {
          const id = randomUUID();
          const envelope = productEvent(id, i, 1);
          const client = await pool.connect();
          try {
            await client.query('BEGIN');
            await client.query(
              `INSERT INTO "bench_items" ("id", "name", "version") VALUES ($1, $2, 1)`,
              [id, `item ${i}`],
            );
            await store(
              {
                id: envelope.id,
                aggregateType: 'product',
                aggregateId: id,
                messageType: EVENT_TYPE,
                segment: id,
                payload: envelope,
                createdAt: new Date().toISOString(),
              },
              client,
            );
            await client.query('COMMIT');
          } finally {
            client.release();
          }
          records.push({ eventId: envelope.id, scheduledAt, committedAt: nowMs() });
        });
        return records;
      },
    },
    close: async () => {
      await shutdown();
      await pool.end();
      await publisher.close();
    },
  };
});
