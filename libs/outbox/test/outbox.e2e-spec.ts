import { IsString } from 'class-validator';
import { DataSource } from 'typeorm';
import {
  Outbox,
  OutboxTransactionRequiredError,
  outboxTableDdl,
  UndeclaredEventTypeError,
  type DomainEvent,
} from '@app/outbox';
import { TestEnvironment } from '@app/testing';

/** The test producer's one event: what `thing.created` carries. */
class ThingCreated {
  @IsString() id!: string;
}

/** `Outbox.add` and `addAll` against a real PostgreSQL: events live and die with the transaction. */
describe('Outbox.add', () => {
  let env: TestEnvironment;
  let dataSource: DataSource;
  let outbox: Outbox;

  beforeAll(async () => {
    env = await TestEnvironment.create(['outbox']);
    dataSource = new DataSource({ type: 'postgres', url: env.databaseUrl('outbox') });
    await dataSource.initialize();
    for (const sql of outboxTableDdl()) await dataSource.query(sql);
    await dataSource.query('CREATE TABLE things (id text PRIMARY KEY)');
    outbox = new Outbox(
      {
        producer: 'thing',
        publishes: [{ type: 'thing.created', data: ThingCreated }],
        crossProcessWakeUp: 'none',
      },
      dataSource,
    );
    outbox.onModuleInit();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await env?.destroy();
  });

  const event = (id: string) => ({
    type: 'thing.created',
    aggregateType: 'thing',
    aggregateId: id,
    aggregateVersion: 1,
    data: { id },
  });

  async function rows(id: string): Promise<unknown[]> {
    return dataSource.query('SELECT * FROM outbox_messages WHERE aggregate_id = $1', [id]);
  }

  it('commits the event with the change', async () => {
    await dataSource.transaction(async (m) => {
      await m.query(`INSERT INTO things VALUES ('a')`);
      await outbox.add(m, event('a'));
    });
    const [row] = (await rows('a')) as {
      event_type: string;
      exchange: string;
      payload: Record<string, unknown>;
    }[];
    expect(row).toMatchObject({ event_type: 'thing.created', exchange: 'thing.events' });
    expect(row.payload).toMatchObject({
      specversion: '1.0',
      subject: 'a',
      aggregateversion: 1,
      source: '/services/thing',
    });
  });

  it('leaves no event when the transaction rolls back', async () => {
    await expect(
      dataSource.transaction(async (m) => {
        await outbox.add(m, event('b'));
        await m.query(`INSERT INTO things VALUES ('b')`);
        throw new Error('business rule failed after the event was written');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await rows('b')).toEqual([]);
    expect(await dataSource.query(`SELECT * FROM things WHERE id = 'b'`)).toEqual([]);
  });

  it('refuses a manager that is not in a transaction', async () => {
    await expect(outbox.add(dataSource.manager, event('c'))).rejects.toBeInstanceOf(
      OutboxTransactionRequiredError,
    );
    expect(await rows('c')).toEqual([]);
  });

  it('refuses a type the service does not declare it publishes, and writes nothing', async () => {
    const undeclared = { ...event('u'), type: 'thing.exploded' };
    await expect(
      dataSource.transaction(async (m) => {
        await m.query(`INSERT INTO things VALUES ('u')`);
        await outbox.addAll(m, [event('u'), undeclared]);
      }),
    ).rejects.toThrow(new UndeclaredEventTypeError('thing.exploded', 'thing'));
    expect(await rows('u')).toEqual([]);
    expect(outbox.publishes('thing.created')).toBe(true);
    expect(outbox.publishes('thing.exploded')).toBe(false);
  });

  it('adds many events in one statement, in the order given', async () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const events: DomainEvent<object>[] = [
      { ...event('d'), aggregateVersion: 1 },
      { ...event('e'), traceparent },
      { ...event('d'), aggregateVersion: 2, data: { id: 'd', second: true } },
    ];
    let envelopes: { id: string }[] = [];
    await dataSource.transaction(async (m) => {
      envelopes = await outbox.addAll(m, events);
    });
    const stored = await dataSource.query<
      {
        event_id: string;
        lane: number;
        aggregate_id: string;
        aggregate_version: number;
        routing_key: string;
        payload: { id: string; data: unknown; traceparent?: string };
        headers: Record<string, string>;
      }[]
    >(
      `SELECT event_id, lane, aggregate_id, aggregate_version, routing_key, payload, headers
         FROM outbox_messages WHERE aggregate_id IN ('d', 'e') ORDER BY id`,
    );
    expect(stored.map((r) => [r.aggregate_id, r.aggregate_version])).toEqual([
      ['d', 1],
      ['e', 1],
      ['d', 2],
    ]);
    expect(stored.map((r) => r.event_id)).toEqual(envelopes.map((e) => e.id));
    expect(stored.map((r) => r.payload.id)).toEqual(envelopes.map((e) => e.id));
    expect(stored[2].payload.data).toEqual({ id: 'd', second: true });
    expect(stored[0].lane).toBe(stored[2].lane);
    expect(stored[0].routing_key).toBe('thing.created');
    expect(stored[1].headers).toEqual({ traceparent });
    expect(stored[1].payload.traceparent).toBe(traceparent);
    expect(stored[0].headers).toEqual({});
  });

  it('adds nothing for no events, and refuses a manager outside a transaction all the same', async () => {
    await dataSource.transaction(async (m) => {
      expect(await outbox.addAll(m, [])).toEqual([]);
    });
    await expect(outbox.addAll(dataSource.manager, [event('f')])).rejects.toBeInstanceOf(
      OutboxTransactionRequiredError,
    );
    expect(await rows('f')).toEqual([]);
  });
});
