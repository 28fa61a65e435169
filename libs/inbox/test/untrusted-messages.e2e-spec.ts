import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AmqpConnection, eventsExchange } from '@app/amqp';
import { DeadLetterParker, deadLetterTableDdl } from '@app/dead-letters';
import { EventConsumer, inboxTableDdl, upsertIfNewer } from '@app/inbox';
import { createCloudEvent, type CloudEvent } from '@app/outbox';
import { AmqpProbe, DatabaseProbe, TestEnvironment, waitFor } from '@app/testing';

interface Parked {
  reason: string;
  bytes: number;
  headers: Record<string, unknown>;
}

/**
 * The broker is untrusted input: whoever can publish to a producer's exchange (or to a queue)
 * can send anything. A body over the size limit is not parsed and is parked cut to its start,
 * a message from another producer than the queue's is poison, and what a message says reaches
 * the logs escaped, on one line.
 */
describe('a consumer facing untrusted messages', () => {
  let env: TestEnvironment;
  let db: DatabaseProbe;
  let amqp: AmqpProbe;
  let connection: AmqpConnection;
  let dataSource: DataSource;
  let consumer: EventConsumer;
  let parker: DeadLetterParker;
  const warnings = jest.spyOn(Logger.prototype, 'warn');

  beforeAll(async () => {
    env = await TestEnvironment.create(['inbox']);
    db = await DatabaseProbe.connect(env.databaseUrl('inbox'));
    for (const sql of [...inboxTableDdl(), ...deadLetterTableDdl()]) await db.query(sql);
    await db.query('CREATE TABLE things (id text PRIMARY KEY, version int NOT NULL)');
    dataSource = new DataSource({ type: 'postgres', url: env.databaseUrl('inbox') });
    await dataSource.initialize();
    amqp = await AmqpProbe.connect(env.amqpUrl);
    connection = new AmqpConnection({ url: env.amqpUrl, connectionName: 'untrusted-test' });
    await connection.start();
    await connection.waitUntilConnected();
    consumer = new EventConsumer({
      connection,
      dataSource,
      consumer: 'guard',
      producer: 'thing',
      handlers: {
        'thing.changed': async (manager, event: CloudEvent) => {
          const { id, version } = event.data as { id: string; version: number };
          await upsertIfNewer(manager, { table: 'things', values: { id, version } });
        },
      },
      settleGraceMs: 0,
    });
    consumer.start();
    parker = new DeadLetterParker({ connection, dataSource, queue: 'guard.thing' });
    parker.start();
    await waitFor(() => consumer.isConsuming && parker.isConsuming, { what: 'consuming' });
  });

  afterAll(async () => {
    warnings.mockRestore();
    await consumer?.stop();
    await parker?.stop();
    await connection?.close();
    await amqp?.close();
    await dataSource?.destroy();
    await db?.close();
    await env?.destroy();
  });

  function thingChanged(data: Record<string, unknown> = {}): CloudEvent {
    const id = randomUUID();
    return createCloudEvent({
      source: '/services/thing',
      type: 'thing.changed',
      subject: id,
      aggregateVersion: 1,
      data: { id, version: 1, ...data },
    });
  }

  async function parked(messageId: string): Promise<Parked> {
    return waitFor(
      async () => {
        const [row] = await db.query<Parked>(
          `SELECT reason, length(body)::int AS bytes, headers FROM dead_letters
            WHERE message_id = $1`,
          [messageId],
        );
        return row;
      },
      { what: `${messageId} parked` },
    );
  }

  async function things(): Promise<string[]> {
    return (await db.query<{ id: string }>('SELECT id FROM things')).map((r) => r.id);
  }

  it('parks a body over 256 KiB unparsed, with its reason and only its first 4 KiB', async () => {
    const big = thingChanged({ padding: 'x'.repeat(300 * 1024) });
    const body = Buffer.from(JSON.stringify(big));
    await amqp.publishEvent(eventsExchange('thing'), big, body);

    const letter = await parked(big.id);
    expect(letter.reason).toBe(`body of ${body.length} bytes is over the limit of 262144 bytes`);
    expect(letter.bytes).toBe(4096);
    expect(letter.headers['x-original-size']).toBe(body.length);
    // A valid event just under the limit is applied.
    const fits = thingChanged({ padding: 'x'.repeat(200 * 1024) });
    await amqp.publishEvent(eventsExchange('thing'), fits);
    await waitFor(async () => (await things()).includes(fits.subject), { what: 'applied' });
    expect(await things()).not.toContain(big.subject);
  });

  it('dead-letters a message whose source is not the producer of the queue', async () => {
    const forged = { ...thingChanged(), source: '/services/intruder' };
    await amqp.publishEvent(eventsExchange('thing'), forged);

    const letter = await parked(forged.id);
    expect(letter.reason).toBe(
      'source "/services/intruder" is not "/services/thing", the producer of this queue',
    );
    expect(await things()).not.toContain(forged.subject);
  });

  it('logs what a message says escaped, on one line', async () => {
    const id = `${randomUUID()}\n[Nest] 1 - LOG forged line`;
    const event = { ...thingChanged(), id, type: 'thing.other\u001b[2J\r\nforged too' };
    await amqp.publish(eventsExchange('thing'), 'thing.changed', event, { messageId: id });

    const letter = await parked(id);
    expect(letter.reason).toBe(`no handler for event type '${event.type}'`);
    const lines = warnings.mock.calls
      .map(([message]) => String(message))
      .filter((m) => m.startsWith('dead-lettering message ') && m.includes('forged'));
    expect(lines).toEqual([
      `dead-lettering message ${id.replace('\n', '\\u000a')}: no handler for event type ` +
        `'thing.other\\u001b[2J\\u000d\\u000aforged too'`,
    ]);
  });
});
