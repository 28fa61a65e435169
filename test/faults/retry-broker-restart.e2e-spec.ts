import { DataSource } from 'typeorm';
import { AmqpConnection, declareConsumerQueues, eventsExchange } from '@app/amqp';
import { EventConsumer, inboxTableDdl } from '@app/inbox';
import { createCloudEvent, type CloudEvent } from '@app/outbox';
import { AmqpProbe, DatabaseProbe, rabbitmqctl, TestEnvironment, waitFor } from '@app/testing';

const EVENTS = 30;
const RETRY_DELAY_MS = 4_000;

/**
 * The broker stops (`rabbitmqctl stop_app`) while 30 messages wait out their delay in the
 * retry queue, and their delay passes while it is down. Once it is back, each message comes
 * back from the retry queue and is applied exactly once: the retry hop is at least once
 * (a quorum retry queue dead-letters with `at-least-once`), the inbox makes it exactly once.
 */
describe('broker restarted while messages wait in the retry queue', () => {
  let env: TestEnvironment;
  let db: DatabaseProbe;
  let amqp: AmqpProbe;
  let connection: AmqpConnection;
  let dataSource: DataSource;
  let consumer: EventConsumer;
  const failedOnce = new Set<string>();

  beforeAll(async () => {
    env = await TestEnvironment.create(['inbox']);
    db = await DatabaseProbe.connect(env.databaseUrl('inbox'));
    for (const sql of inboxTableDdl()) await db.query(sql);
    await db.query('CREATE TABLE applications (id text PRIMARY KEY, n int NOT NULL)');
    dataSource = new DataSource({ type: 'postgres', url: env.databaseUrl('inbox') });
    await dataSource.initialize();
    amqp = await AmqpProbe.connect(env.amqpUrl);
    connection = new AmqpConnection({ url: env.amqpUrl, connectionName: 'retry-restart-test' });
    await connection.start();
    await connection.waitUntilConnected();
  });

  afterAll(async () => {
    await consumer?.stop();
    await connection?.close();
    await amqp?.close();
    await dataSource?.destroy();
    await db?.close();
    await env?.destroy();
  });

  it('applies every message exactly once after the restart', async () => {
    const names = await declareConsumerQueues(connection, {
      consumer: 'restart',
      producer: 'thing',
      bindings: ['thing.changed'],
    });
    consumer = new EventConsumer({
      connection,
      dataSource,
      consumer: 'restart',
      producer: 'thing',
      // Fails each message's first attempt, then counts every application.
      handlers: {
        'thing.changed': async (manager, event: CloudEvent) => {
          if (!failedOnce.has(event.id)) {
            failedOnce.add(event.id);
            throw new Error('first attempt fails');
          }
          await manager.query(
            `INSERT INTO applications (id, n) VALUES ($1, 1)
             ON CONFLICT (id) DO UPDATE SET n = applications.n + 1`,
            [event.subject],
          );
        },
      },
      maxBatch: 1,
      retryBaseDelayMs: RETRY_DELAY_MS,
      retryMaxDelayMs: RETRY_DELAY_MS,
      settleGraceMs: 0,
    });
    consumer.start();
    await waitFor(() => consumer.isConsuming, { what: 'consuming' });

    const events = Array.from({ length: EVENTS }, (_, i) =>
      createCloudEvent({
        source: '/services/thing',
        type: 'thing.changed',
        subject: `r-${i}`,
        aggregateVersion: 1,
        data: {},
      }),
    );
    await amqp.publishAll(
      eventsExchange('thing'),
      events.map((e) => ({
        routingKey: e.type,
        body: e,
        options: { messageId: e.id, type: e.type, contentType: 'application/cloudevents+json' },
      })),
    );
    await waitFor(() => consumer.counts.retried === EVENTS, {
      what: 'every first attempt retried',
    });
    const waitingSince = Date.now();
    expect(await amqp.messageCount(names.retryQueue)).toBe(EVENTS);

    await rabbitmqctl('stop_app');
    try {
      await waitFor(() => !connection.isConnected, { what: 'the connection lost' });
      // The retry delay runs out while the broker is down.
      await waitFor(() => Date.now() > waitingSince + RETRY_DELAY_MS + 1_000, {
        what: 'the retry delay over',
      });
    } finally {
      await rabbitmqctl('start_app');
    }
    await connection.waitUntilConnected(60_000);

    await waitFor(
      async () =>
        (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM applications'))[0].n ===
        EVENTS,
      { what: 'every message applied', timeoutMs: 240_000, intervalMs: 500 },
    );
    const twice = await db.query('SELECT id, n FROM applications WHERE n <> 1');
    expect(twice).toEqual([]);
    const [inbox] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM inbox_messages WHERE consumer = 'restart'`,
    );
    expect(inbox.n).toBe(EVENTS);
    expect(consumer.counts.applied).toBe(EVENTS);
  }, 360_000);
});
