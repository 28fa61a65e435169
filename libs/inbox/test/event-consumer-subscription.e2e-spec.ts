import { DataSource } from 'typeorm';
import { AmqpConnection, declareConsumerQueues, eventsExchange } from '@app/amqp';
import { DeadLetterParker, deadLetterTableDdl } from '@app/dead-letters';
import {
  consumerStatuses,
  EventConsumer,
  inboxTableDdl,
  upsertIfNewer,
  type EventConsumerOptions,
} from '@app/inbox';
import { createCloudEvent, type CloudEvent } from '@app/outbox';
import {
  AmqpProbe,
  clearPolicy,
  closeConsumerChannels,
  countChannels,
  DatabaseProbe,
  setQueuePolicy,
  TestEnvironment,
  waitFor,
} from '@app/testing';

/**
 * The broker ends a subscription while the connection stays up (a channel error, a deleted
 * queue, a refused declaration), or refuses a retry copy: the consumer and the dead-letter
 * parker subscribe again by themselves, settle every message, and never take the shared
 * connection down. A stop during the setup leaves nothing consuming.
 */
describe('EventConsumer and DeadLetterParker keeping their subscription', () => {
  let env: TestEnvironment;
  let db: DatabaseProbe;
  let amqp: AmqpProbe;
  let connection: AmqpConnection;
  let dataSource: DataSource;
  let disconnects = 0;
  const running: { stop(): Promise<void> }[] = [];
  /** Events that fail their first attempt, then pass. */
  const failOnce = new Set<string>();
  let round = 0;

  beforeAll(async () => {
    env = await TestEnvironment.create(['inbox']);
    db = await DatabaseProbe.connect(env.databaseUrl('inbox'));
    for (const sql of [...inboxTableDdl(), ...deadLetterTableDdl()]) await db.query(sql);
    await db.query('CREATE TABLE things (id text PRIMARY KEY, version int NOT NULL)');
    dataSource = new DataSource({ type: 'postgres', url: env.databaseUrl('inbox') });
    await dataSource.initialize();
    amqp = await AmqpProbe.connect(env.amqpUrl);
    connection = new AmqpConnection({ url: env.amqpUrl, connectionName: 'subscription-test' });
    connection.on('disconnected', () => disconnects++);
    await connection.start();
    await connection.waitUntilConnected();
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((c) => c.stop()));
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
    if (failOnce.delete(event.id)) throw new Error(`thing ${event.subject} failed once`);
    const thing = event.data as { id: string; version: number };
    await upsertIfNewer(manager, { table: 'things', values: thing });
  }

  function options(tuning: Partial<EventConsumerOptions> = {}): EventConsumerOptions {
    round++;
    return {
      connection,
      dataSource,
      consumer: `sub${round}`,
      producer: 'thing',
      handlers: { 'thing.changed': applyThing },
      retryBaseDelayMs: 50,
      settleGraceMs: 0,
      ...tuning,
    };
  }

  function consumer(opts: EventConsumerOptions): EventConsumer {
    const c = new EventConsumer(opts);
    running.push(c);
    c.start();
    return c;
  }

  async function declared(opts: EventConsumerOptions) {
    const names = await declareConsumerQueues(connection, {
      consumer: opts.consumer,
      producer: opts.producer,
      bindings: Object.keys(opts.handlers),
    });
    return names;
  }

  async function publishThing(id: string, flaky = false): Promise<CloudEvent> {
    const event = createCloudEvent({
      source: '/services/thing',
      type: 'thing.changed',
      subject: id,
      aggregateVersion: 1,
      data: { id, version: 1 },
    });
    if (flaky) failOnce.add(event.id);
    await amqp.publishEvent(eventsExchange('thing'), event);
    return event;
  }

  async function thingApplied(id: string, timeoutMs = 5_000): Promise<void> {
    await waitFor(
      async () => (await db.query('SELECT 1 FROM things WHERE id = $1', [id])).length === 1,
      { what: `${id} applied`, timeoutMs },
    );
  }

  it('subscribes again when the broker closes its channel, and the next event is applied within 5 s', async () => {
    const c = consumer(options());
    await waitFor(() => c.isConsuming, { what: 'consuming' });
    const before = disconnects;

    expect(await closeConsumerChannels(env.vhost)).toBe(1);
    await publishThing('closed-1');
    await thingApplied('closed-1');
    expect(c.isConsuming).toBe(true);
    expect(c.status().lastError).toBeNull();
    expect(disconnects).toBe(before);
  });

  it('subscribes again when its queue is deleted (consumer cancelled), redeclaring it', async () => {
    const opts = options();
    const c = consumer(opts);
    await waitFor(() => c.isConsuming, { what: 'consuming' });
    await amqp.deleteQueue(`${opts.consumer}.thing`);

    await waitFor(async () => (await amqp.consumerCount(`${opts.consumer}.thing`)) === 1, {
      what: 'a consumer on the redeclared queue',
      timeoutMs: 5_000,
    });
    await publishThing('cancelled-1');
    await thingApplied('cancelled-1');
  });

  it('requeues a message whose retry copy the broker refused, and applies it on redelivery', async () => {
    const opts = options();
    const names = await declared(opts);
    // A quorum queue refuses a publish once it holds more than max-length: one that never expires.
    await amqp.publish('', names.retryQueue, Buffer.from('filler'));
    await setQueuePolicy(
      env.vhost,
      'refuse-retries',
      `^${names.retryQueue.replace(/\./g, '\\.')}$`,
      {
        'max-length': 0,
        overflow: 'reject-publish',
      },
    );
    try {
      const c = consumer(opts);
      await publishThing('refused-1', true);
      // Left unsettled it would wait for the broker's consumer timeout (30 min).
      await thingApplied('refused-1');
      expect(c.counts).toMatchObject({ applied: 1, retried: 0 });
      expect(await amqp.messageCount(names.retryQueue)).toBe(1);
    } finally {
      await clearPolicy(env.vhost, 'refuse-retries');
    }
  });

  it('treats an unroutable retry copy as a failure: the message is requeued, not lost', async () => {
    const opts = options();
    const names = await declared(opts);
    const c = consumer(opts);
    await waitFor(() => c.isConsuming, { what: 'consuming' });
    await amqp.deleteQueue(names.retryQueue);

    await publishThing('unroutable-1', true);
    await thingApplied('unroutable-1');
    expect(c.counts).toMatchObject({ applied: 1, retried: 0 });
  });

  it('a consumer whose queue declaration is refused backs off alone: the shared connection and the other consumer keep working, its status says why', async () => {
    const bad = options();
    // As after a delivery-limit change: the deployed queue has 3, the consumer asks for 10.
    await amqp.declareQueue(`${bad.consumer}.thing`, {
      'x-queue-type': 'quorum',
      'x-delivery-limit': 3,
      'x-dead-letter-exchange': '',
      'x-dead-letter-routing-key': `${bad.consumer}.thing.dlq`,
      'x-dead-letter-strategy': 'at-least-once',
      'x-overflow': 'reject-publish',
    });
    const before = disconnects;
    const failing = consumer(bad);
    const healthy = consumer(options());
    await waitFor(() => healthy.isConsuming, { what: 'the healthy consumer consuming' });
    await waitFor(() => failing.status().lastError !== null, { what: 'the failure reported' });

    await publishThing('isolated-1');
    await thingApplied('isolated-1');
    const status = consumerStatuses().find((s) => s.queue === `${bad.consumer}.thing`);
    expect(status).toMatchObject({ consuming: false });
    expect(status?.lastError).toContain('PRECONDITION_FAILED');
    expect(connection.isConnected).toBe(true);
    expect(disconnects).toBe(before);
  });

  it('stopped during its setup, a consumer consumes nothing and leaves no channel open', async () => {
    const opts = options();
    const names = await declared(opts);
    const channelsBefore = await countChannels(env.vhost);
    const c = new EventConsumer(opts);
    c.start();
    await c.stop();

    await publishThing('stopped-1');
    await waitFor(async () => (await amqp.messageCount(names.queue)) === 1, {
      what: 'the event waiting in the queue',
    });
    expect(await amqp.consumerCount(names.queue)).toBe(0);
    expect(c.counts.applied).toBe(0);
    expect(await countChannels(env.vhost)).toBe(channelsBefore);
    await amqp.drain(names.queue);
  });

  describe('DeadLetterParker', () => {
    function parker(queue: string): DeadLetterParker {
      const p = new DeadLetterParker({ connection, dataSource, queue });
      running.push(p);
      p.start();
      return p;
    }

    async function parkedCount(queue: string): Promise<number> {
      const [row] = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM dead_letters WHERE queue = $1',
        [queue],
      );
      return row.n;
    }

    async function deadLetter(queue: string, id: string): Promise<void> {
      await amqp.publish('', `${queue}.dlq`, Buffer.from('not json'), { messageId: id });
    }

    it('subscribes again when the broker closes its channel, and parks the next letter within 5 s', async () => {
      const queue = `parker${++round}.thing`;
      const p = parker(queue);
      await waitFor(() => p.isConsuming, { what: 'parking' });

      expect(await closeConsumerChannels(env.vhost)).toBe(1);
      await deadLetter(queue, 'dl-closed-1');
      await waitFor(async () => (await parkedCount(queue)) === 1, {
        what: 'the letter parked',
        timeoutMs: 5_000,
      });
    });

    it('stopped during its setup, parks nothing and leaves no channel open', async () => {
      const queue = `parker${++round}.thing`;
      await amqp.declareQueue(`${queue}.dlq`, { 'x-queue-type': 'quorum' });
      const channelsBefore = await countChannels(env.vhost);
      const p = new DeadLetterParker({ connection, dataSource, queue });
      p.start();
      await p.stop();

      await deadLetter(queue, 'dl-stopped-1');
      await waitFor(async () => (await amqp.messageCount(`${queue}.dlq`)) === 1, {
        what: 'the letter waiting in the DLQ',
      });
      expect(await amqp.consumerCount(`${queue}.dlq`)).toBe(0);
      expect(await parkedCount(queue)).toBe(0);
      expect(await countChannels(env.vhost)).toBe(channelsBefore);
    });
  });
});
