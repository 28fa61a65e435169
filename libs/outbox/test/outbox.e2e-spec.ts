import { DataSource } from 'typeorm';
import { Outbox, OutboxTransactionRequiredError, outboxTableDdl } from '@app/outbox';
import { TestEnvironment } from '@app/testing';

/** `Outbox.add` against a real PostgreSQL: the event lives and dies with the transaction. */
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
    outbox = new Outbox({ producer: 'thing', crossProcessWakeUp: 'none' }, dataSource);
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
});
