import { Controller, Module, type INestApplication } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { AmqpModule, eventsExchange } from '@app/amqp';
import {
  connectInboxTransport,
  inboxSubscriptions,
  inboxTableDdl,
  InboxTransport,
  InboxTransportModule,
  PermanentMessageError,
} from '@app/inbox';
import { createCloudEvent, type CloudEvent } from '@app/outbox';
import { AmqpProbe, DatabaseProbe, rabbitmqctl, TestEnvironment, waitFor } from '@app/testing';

import { ThingChanged, Seen, ThingsHandler } from './things-handler.fixture';

/**
 * The inbox transport as a Nest user meets it: `@InboxEvent` handlers in a controller, bindings
 * derived from them, Nest's guards, interceptors, pipes and filters around them, and the
 * consumer underneath still telling poison (dead-lettered at once) from failures (retried).
 */
describe('InboxTransport', () => {
  let env: TestEnvironment;
  let db: DatabaseProbe;
  let amqp: AmqpProbe;
  let app: INestApplication;
  let transport: InboxTransport;
  let seen: Seen;

  beforeAll(async () => {
    env = await TestEnvironment.create(['transport']);
    db = await DatabaseProbe.connect(env.databaseUrl('transport'));
    for (const sql of inboxTableDdl()) await db.query(sql);
    await db.query('CREATE TABLE things (id text PRIMARY KEY, version int NOT NULL)');
    amqp = await AmqpProbe.connect(env.amqpUrl);

    @Module({
      imports: [
        TypeOrmModule.forRoot({ type: 'postgres', url: env.databaseUrl('transport') }),
        AmqpModule.forRoot({ url: env.amqpUrl, connectionName: 'inbox-transport-test' }),
        InboxTransportModule.forRoot({
          consumer: 'tt',
          tuning: { maxRetries: 1, retryBaseDelayMs: 50, settleGraceMs: 0 },
          producerGroups: { senders: ['alpha', 'beta'] },
        }),
      ],
      controllers: [ThingsHandler],
      providers: [Seen],
    })
    class TestAppModule {}

    const moduleRef = await Test.createTestingModule({ imports: [TestAppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    expect(connectInboxTransport(app)).toBeDefined();
    await app.startAllMicroservices();
    transport = app.get(InboxTransport);
    seen = app.get(Seen);
    await waitFor(() => ['thing', 'alpha', 'beta'].every((p) => transport.isConsuming(p)), {
      what: 'every consumer subscribed',
    });
  });

  afterAll(async () => {
    await app?.close();
    await amqp?.close();
    await db?.close();
    await env?.destroy();
  });

  function event(type: string, data: Record<string, unknown>, version = 1): CloudEvent {
    return createCloudEvent({
      source: '/t',
      type,
      subject: String(data.id),
      aggregateVersion: version,
      data,
    });
  }

  /** Publishes `e` as `producer` does: on its exchange, with its `source`. */
  async function send(producer: string, e: CloudEvent): Promise<void> {
    const sent: CloudEvent = { ...e, source: `/services/${producer}` };
    await amqp.publishEvent(eventsExchange(producer), sent);
  }

  function thing(extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { id: randomUUID(), priceCents: 100, version: 1, label: 'quiet', ...extra };
  }

  const reasons = new Map<string, string>();

  /** Every dead letter's reason so far, by message id (the queue is drained into `reasons`). */
  async function deadLetterReasons(): Promise<Map<string, string>> {
    const queue = transport.consumerOf('thing')?.queues?.deadLetterQueue;
    if (!queue) throw new Error('no dead-letter queue');
    for (const m of await amqp.drain(queue)) {
      reasons.set(
        String(m.properties.messageId),
        String(m.properties.headers?.['x-dead-letter-reason']),
      );
    }
    return reasons;
  }

  it('binds one queue per producer to exactly the types of its handlers', async () => {
    expect(transport.bindings()).toEqual({
      thing: ['thing.changed', 'thing.failed'],
      alpha: ['thing.noted'],
      beta: ['thing.noted'],
    });
    // What the app documents (AsyncAPI) is read from the same handlers: the same bindings.
    const documented = inboxSubscriptions(app).map((s) => [
      s.producer,
      s.events.map((e) => e.type),
    ]);
    expect(Object.fromEntries(documented)).toEqual(transport.bindings());
    expect(inboxSubscriptions(app)[0]).toMatchObject({
      queue: 'tt.thing',
      events: [{ type: 'thing.changed', data: ThingChanged }, { type: 'thing.failed' }],
    });
    const out = await rabbitmqctl(
      'list_bindings',
      '-p',
      env.vhost,
      'source_name',
      'destination_name',
      'routing_key',
      '--quiet',
      '--no-table-headers',
    );
    const bindings = out
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter(([source]) => source?.endsWith('.events'))
      .map((fields) => fields.join(' '))
      .sort();
    expect(bindings).toEqual([
      'alpha.events tt.alpha thing.noted',
      'beta.events tt.beta thing.noted',
      'thing.events tt.thing thing.changed',
      'thing.events tt.thing thing.failed',
    ]);
  });

  it('runs guard, pipes, handler and interceptor in the inbox transaction', async () => {
    const e = event('thing.changed', thing({ label: 'hello' }));
    await send('thing', e);
    await waitFor(() => seen.intercepted.includes(e.id), { what: 'the interceptor after it' });
    expect(seen.guarded).toContain(e.id);
    expect(seen.handled.find((h) => h.id === e.id)).toEqual({
      id: e.id,
      producer: 'thing',
      isInstance: true,
      label: 'HELLO',
    });
    // The interceptor runs inside the transaction: the commit may come a moment after it.
    const committed = async (): Promise<number> =>
      (
        await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM things t JOIN inbox_messages i
              ON i.message_id = $1 AND i.consumer = 'tt' WHERE t.id = $2`,
          [e.id, e.subject],
        )
      )[0].n;
    await waitFor(async () => (await committed()) === 1, {
      what: 'the row committed with its inbox row',
    });
  });

  it('tells each producer of a group apart', async () => {
    const id = randomUUID();
    const [a, b] = [event('thing.noted', thing({ id })), event('thing.noted', thing({ id }))];
    await send('alpha', a);
    await send('beta', b);
    await waitFor(
      async () =>
        (
          await db.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM things WHERE id = ANY($1)',
            [[`alpha:${id}`, `beta:${id}`]],
          )
        )[0].n === 2,
      { what: 'one row per producer' },
    );
    expect(
      seen.handled
        .filter((h) => [a.id, b.id].includes(h.id))
        .map((h) => h.producer)
        .sort(),
    ).toEqual(['alpha', 'beta']);
  });

  it('lets a bound filter see the error and still dead-letters poison at once, retries others', async () => {
    const before = { ...transport.consumerOf('thing')!.counts };
    const poison = event('thing.failed', thing({ label: 'poison' }));
    const failing = event('thing.failed', thing({ label: 'flaky' }));
    await send('thing', poison);
    await send('thing', failing);
    await waitFor(
      () => transport.consumerOf('thing')!.counts['dead-lettered'] === before['dead-lettered'] + 2,
      { what: 'both dead-lettered' },
    );
    const counts = transport.consumerOf('thing')!.counts;
    // The failing one was retried once (maxRetries 1) before it gave up; the poison never.
    expect(counts.retried - before.retried).toBe(1);
    await waitFor(
      async () => {
        const all = await deadLetterReasons();
        return all.has(poison.id) && all.has(failing.id);
      },
      { what: 'both in the dead-letter queue' },
    );
    expect(reasons.get(poison.id)).toBe(`thing ${String(poison.subject)} is poison`);
    expect(reasons.get(failing.id)).toContain(
      `gave up after 1 retries: thing ${failing.subject} failed`,
    );
    const errors = seen.filtered.filter((f) => [poison.id, failing.id].includes(f.id));
    expect(errors.map((f) => f.error)).toEqual(
      expect.arrayContaining([expect.any(PermanentMessageError), expect.any(Error)]),
    );
    expect(errors.length).toBeGreaterThanOrEqual(3); // poison once, the failing one twice
  });

  it('dead-letters data that breaks the contract, naming the fields', async () => {
    const bad = event('thing.changed', thing({ priceCents: '100', version: 1.5 }));
    const stale = event('thing.changed', thing({ version: 2 }), 3);
    await send('thing', bad);
    await send('thing', stale);
    await waitFor(
      async () => {
        const all = await deadLetterReasons();
        return all.has(bad.id) && all.has(stale.id);
      },
      { what: 'both dead-lettered' },
    );
    expect(reasons.get(bad.id)).toContain('invalid thing changed:');
    expect(reasons.get(bad.id)).toContain('priceCents must be an integer number');
    expect(reasons.get(bad.id)).toContain('version must be an integer number');
    expect(reasons.get(stale.id)).toBe('data.version 2 is not the aggregateversion 3');
    expect(seen.handled.map((h) => h.id)).not.toContain(bad.id);
  });

  it('refuses to start with a handler that names no producer', async () => {
    @Controller()
    class Unbound {
      @EventPattern('thing.lost')
      lost(): void {}
    }

    @Module({
      imports: [
        TypeOrmModule.forRoot({ type: 'postgres', url: env.databaseUrl('transport') }),
        AmqpModule.forRoot({ url: env.amqpUrl, connectionName: 'inbox-transport-unbound' }),
        InboxTransportModule.forRoot({ consumer: 'unbound' }),
      ],
      controllers: [Unbound],
    })
    class UnboundAppModule {}

    const moduleRef = await Test.createTestingModule({ imports: [UnboundAppModule] }).compile();
    const unbound = moduleRef.createNestApplication({ logger: false });
    try {
      await unbound.init();
      connectInboxTransport(unbound);
      await expect(unbound.startAllMicroservices()).rejects.toThrow(
        'handler of "thing.lost": no producer',
      );
    } finally {
      await unbound.close();
    }
  });
});
