import { DataSource } from 'typeorm';
import { AmqpConnection, declareConsumerQueues, eventsExchange } from '@app/amqp';
import {
  EventConsumer,
  inboxTableDdl,
  PermanentMessageError,
  upsertIfNewer,
  type EventConsumerOptions,
  type EventHandler,
  type StagedFlush,
} from '@app/inbox';
import { createCloudEvent, type CloudEvent } from '@app/outbox';
import { AmqpProbe, DatabaseProbe, TestEnvironment, waitFor } from '@app/testing';

interface Thing {
  id: string;
  version: number;
  poison?: boolean;
  flaky?: boolean;
}

/**
 * A backlog reaches the consumer many messages at a time: they are applied several per
 * transaction, each exactly once, and one bad message in a batch costs the others nothing. What
 * the handlers stage is flushed once per transaction, and a flush that fails is replayed one
 * message at a time like a failing handler.
 */
describe('EventConsumer applying messages in batches', () => {
  let env: TestEnvironment;
  let db: DatabaseProbe;
  let amqp: AmqpProbe;
  let connection: AmqpConnection;
  let dataSource: DataSource;
  const consumers: EventConsumer[] = [];
  /** Flaky events fail their first attempt (in whatever transaction it runs) and then pass. */
  const failedOnce = new Set<string>();
  let round = 0;

  beforeAll(async () => {
    env = await TestEnvironment.create(['inbox']);
    db = await DatabaseProbe.connect(env.databaseUrl('inbox'));
    for (const sql of inboxTableDdl()) await db.query(sql);
    await db.query('CREATE TABLE things (id text PRIMARY KEY, version int NOT NULL)');
    // One row per flush that committed: its transaction and the ids it wrote, in its order.
    await db.query('CREATE TABLE thing_flushes (tx bigint NOT NULL, ids text[] NOT NULL)');
    dataSource = new DataSource({ type: 'postgres', url: env.databaseUrl('inbox') });
    await dataSource.initialize();
    amqp = await AmqpProbe.connect(env.amqpUrl);
    connection = new AmqpConnection({ url: env.amqpUrl, connectionName: 'inbox-batch-test' });
    await connection.start();
    await connection.waitUntilConnected();
  });

  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((c) => c.stop()));
  });

  afterAll(async () => {
    await connection?.close();
    await amqp?.close();
    await dataSource?.destroy();
    await db?.close();
    await env?.destroy();
  });

  async function applyThing(
    manager: Parameters<EventConsumerOptions['handlers'][string]>[0],
    event: CloudEvent,
  ) {
    const thing = event.data as Thing;
    if (thing.poison) throw new PermanentMessageError(`thing ${thing.id} is poison`);
    if (thing.flaky && !failedOnce.has(event.id)) {
      failedOnce.add(event.id);
      throw new Error(`thing ${thing.id} failed once`);
    }
    await upsertIfNewer(manager, {
      table: 'things',
      values: { id: thing.id, version: thing.version },
    });
  }

  /** Writes every staged thing in one statement; a poison thing fails the whole flush. */
  const writeThings: StagedFlush<Thing> = async (manager, things) => {
    const refused = things.find((t) => t.poison);
    if (refused) throw new PermanentMessageError(`thing ${refused.id} refused by the flush`);
    await manager.query(
      `INSERT INTO things (id, version)
       SELECT * FROM unnest($1::text[], $2::int[]) ON CONFLICT (id) DO UPDATE
          SET version = EXCLUDED.version WHERE things.version < EXCLUDED.version`,
      [things.map((t) => t.id), things.map((t) => t.version)],
    );
    await manager.query('INSERT INTO thing_flushes VALUES (txid_current(), $1)', [
      things.map((t) => t.id),
    ]);
  };

  const stageThing: EventHandler = (_manager, event, stage) => {
    stage('things', [event.data as Thing], writeThings);
    return Promise.resolve();
  };

  async function flushesOf(prefix: string): Promise<{ tx: string; ids: string[] }[]> {
    return db.query('SELECT tx, ids FROM thing_flushes WHERE ids[1] LIKE $1', [`${prefix}-%`]);
  }

  /** A consumer of its own queue (one per test), with the backlog published before it starts. */
  async function consumeBacklog(
    things: Thing[],
    extra: CloudEvent[] = [],
    tuning: Partial<EventConsumerOptions> = {},
  ) {
    round++;
    const options: EventConsumerOptions = {
      connection,
      dataSource,
      consumer: `batch${round}`,
      producer: 'thing',
      handlers: { 'thing.changed': applyThing },
      prefetch: 50,
      maxBatch: 20,
      retryBaseDelayMs: 50,
      settleGraceMs: 0,
      ...tuning,
    };
    const names = await declareConsumerQueues(connection, {
      consumer: options.consumer,
      producer: 'thing',
      bindings: ['thing.changed'],
    });
    const events = [
      ...things.map((t) =>
        createCloudEvent({
          source: '/services/thing',
          type: 'thing.changed',
          subject: t.id,
          aggregateVersion: t.version,
          data: t,
        }),
      ),
      ...extra,
    ];
    await amqp.publishAll(
      eventsExchange('thing'),
      events.map((e) => ({
        routingKey: e.type,
        body: e,
        options: { messageId: e.id, type: e.type, contentType: 'application/cloudevents+json' },
      })),
    );
    const consumer = new EventConsumer(options);
    consumers.push(consumer);
    consumer.start();
    return { consumer, names, events };
  }

  async function inboxCount(consumer: string): Promise<number> {
    const [row] = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM inbox_messages WHERE consumer = $1',
      [consumer],
    );
    return row.n;
  }

  it('applies a backlog of 300 with far fewer transactions than messages, each once', async () => {
    const things = Array.from({ length: 300 }, (_, i) => ({ id: `a-${i}`, version: 1 }));
    const { consumer } = await consumeBacklog(things);
    await waitFor(() => consumer.counts.applied === 300, { what: 'every message applied' });

    const status = consumer.status();
    expect(status.transactions).toBeLessThanOrEqual(150);
    expect(status.counts).toEqual({ applied: 300, duplicate: 0, retried: 0, 'dead-lettered': 0 });
    expect(await inboxCount(status.queue.split('.')[0])).toBe(300);
    const [row] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM things WHERE id LIKE 'a-%' AND version = 1`,
    );
    expect(row.n).toBe(300);
  });

  it('a repeated message id inside a batch is applied once and counted as a duplicate', async () => {
    const things = Array.from({ length: 40 }, (_, i) => ({ id: `d-${i}`, version: 1 }));
    const copy = createCloudEvent({
      source: '/services/thing',
      type: 'thing.changed',
      subject: 'd-0',
      aggregateVersion: 2,
      data: { id: 'd-0', version: 2 },
    });
    const { consumer } = await consumeBacklog(things, [copy, copy, copy]);
    await waitFor(() => consumer.counts.applied + consumer.counts.duplicate === 43, {
      what: 'every copy settled',
    });
    expect(consumer.counts).toMatchObject({ applied: 41, duplicate: 2 });
    const [row] = await db.query<{ version: number }>(
      `SELECT version FROM things WHERE id = 'd-0'`,
    );
    expect(row.version).toBe(2);
  });

  it('one poison and one flaky message in a batch: the rest are applied, the poison is dead-lettered, the flaky one retried', async () => {
    const things: Thing[] = Array.from({ length: 60 }, (_, i) => ({
      id: `p-${i}`,
      version: 1,
      poison: i === 25,
      flaky: i === 35,
    }));
    const { consumer, names } = await consumeBacklog(things);
    await waitFor(() => consumer.counts.applied === 59, { what: 'all but the poison applied' });
    await waitFor(async () => (await amqp.messageCount(names.deadLetterQueue)) === 1, {
      what: 'the poison in the dead-letter queue',
    });
    expect(consumer.counts['dead-lettered']).toBe(1);
    expect(consumer.counts.retried).toBe(1);

    const [dead] = await amqp.drain(names.deadLetterQueue);
    expect(JSON.parse(dead.content.toString()).data.id).toBe('p-25');
    expect(String(dead.properties.headers?.['x-dead-letter-reason'])).toContain('poison');
    const applied = await db.query<{ id: string }>(`SELECT id FROM things WHERE id LIKE 'p-%'`);
    expect(applied.map((r) => r.id).sort()).toEqual(
      things
        .filter((t) => !t.poison)
        .map((t) => t.id)
        .sort(),
    );
  });

  it('flushes what the handlers staged once per transaction, in staging order', async () => {
    const things = Array.from({ length: 100 }, (_, i) => ({ id: `f-${i}`, version: 1 }));
    const { consumer } = await consumeBacklog(things, [], {
      handlers: { 'thing.changed': stageThing },
    });
    await waitFor(() => consumer.counts.applied === 100, { what: 'every message applied' });

    const flushes = await flushesOf('f');
    expect(flushes.length).toBe(consumer.status().transactions);
    expect(new Set(flushes.map((f) => f.tx)).size).toBe(flushes.length);
    expect(flushes.length).toBeLessThan(100);
    const ids = flushes.flatMap((f) => f.ids);
    expect(ids.sort()).toEqual(things.map((t) => t.id).sort());
    // Delivery order is publish order: each flush has its items in it.
    for (const { ids: written } of flushes) {
      const order = written.map((id) => Number(id.split('-')[1]));
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
  });

  it('a flush that fails is replayed one message at a time: the poison alone is dead-lettered', async () => {
    const things: Thing[] = Array.from({ length: 60 }, (_, i) => ({
      id: `g-${i}`,
      version: 1,
      poison: i === 30,
    }));
    const { consumer, names } = await consumeBacklog(things, [], {
      handlers: { 'thing.changed': stageThing },
    });
    await waitFor(() => consumer.counts.applied === 59, { what: 'all but the poison applied' });
    await waitFor(async () => (await amqp.messageCount(names.deadLetterQueue)) === 1, {
      what: 'the poison in the dead-letter queue',
    });
    const [dead] = await amqp.drain(names.deadLetterQueue);
    expect(JSON.parse(dead.content.toString()).data.id).toBe('g-30');
    expect(String(dead.properties.headers?.['x-dead-letter-reason'])).toContain(
      'thing g-30 refused by the flush',
    );
    // Each other thing was written by exactly one committed flush.
    const ids = (await flushesOf('g')).flatMap((f) => f.ids);
    expect(ids.sort()).toEqual(
      things
        .filter((t) => !t.poison)
        .map((t) => t.id)
        .sort(),
    );
  });

  it('maxBatch 1 applies one message per transaction', async () => {
    const things = Array.from({ length: 30 }, (_, i) => ({ id: `s-${i}`, version: 1 }));
    const { consumer } = await consumeBacklog(things, [], { maxBatch: 1 });
    await waitFor(() => consumer.counts.applied === 30, { what: 'every message applied' });
    expect(consumer.status().transactions).toBe(30);
  });
});
