import { randomUUID } from 'node:crypto';
import { AmqpConnection } from '@app/amqp';
import { outboxChannel, outboxTableDdl } from '@app/outbox';
import { OutboxRelay, type RelayOptions } from '@app/relay';
import { AmqpProbe, DatabaseProbe, TestEnvironment, waitFor, type Tap } from '@app/testing';
import { insertOutboxRows } from './outbox-rows';

/** The relay on its own, against a real outbox table and a real broker vhost. */
describe('OutboxRelay', () => {
  let env: TestEnvironment;
  let db: DatabaseProbe;
  let amqp: AmqpProbe;
  let connection: AmqpConnection;
  let tap: Tap;
  const relays: OutboxRelay[] = [];

  beforeAll(async () => {
    env = await TestEnvironment.create(['relay']);
    db = await DatabaseProbe.connect(env.databaseUrl('relay'));
    for (const sql of outboxTableDdl()) await db.query(sql);
    amqp = await AmqpProbe.connect(env.amqpUrl);
    tap = await amqp.tap('thing.events', 'thing.*');
    connection = new AmqpConnection({ url: env.amqpUrl, connectionName: 'relay-test' });
    await connection.start();
    await connection.waitUntilConnected();
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
  });

  afterAll(async () => {
    await connection?.close();
    await amqp?.close();
    await db?.close();
    await env?.destroy();
  });

  function relay(options: Partial<RelayOptions> = {}): OutboxRelay {
    const r = new OutboxRelay({
      databaseUrl: env.databaseUrl('relay'),
      connection,
      exchanges: ['thing.events'],
      pollIntervalMs: 60_000,
      ...options,
    });
    relays.push(r);
    r.start();
    return r;
  }

  const insert = async (aggregateId: string, versions: number[], type?: string) =>
    (await insertOutboxRows(db, aggregateId, versions, type)).map((e) => e.id);

  const versionsSeen = (aggregateId: string): number[] =>
    tap
      .bodies<{ subject: string; aggregateversion: number }>()
      .filter((e) => e.subject === aggregateId)
      .map((e) => e.aggregateversion);

  it('publishes a backlog in order per aggregate and marks every row', async () => {
    const aggregates = Array.from({ length: 30 }, () => randomUUID());
    for (const a of aggregates) await insert(a, [1, 2, 3, 4, 5]);
    relay({ batchSize: 17 }).wake();
    await waitFor(() => aggregates.every((a) => versionsSeen(a).length === 5), {
      what: '150 events',
    });
    for (const a of aggregates) expect(versionsSeen(a)).toEqual([1, 2, 3, 4, 5]);
    // A batch is marked in the transaction that follows its confirms: delivery comes first.
    await waitFor(
      async () =>
        (
          await db.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM outbox_messages WHERE published_at IS NULL`,
          )
        )[0].n === 0,
      { what: 'every row marked published' },
    );
  });

  const settled = (r: OutboxRelay) =>
    waitFor(() => r.status().listening && r.status().idle, { what: 'the relay to go idle' });

  it('falls back to polling when no wake-up comes', async () => {
    await settled(relay({ pollIntervalMs: 200 }));
    const a = randomUUID();
    await insert(a, [1]);
    await waitFor(() => versionsSeen(a).length === 1, { what: 'the polled row', timeoutMs: 5_000 });
  });

  it('wakes on NOTIFY long before its poll interval', async () => {
    await settled(relay({ pollIntervalMs: 60_000 }));
    const a = randomUUID();
    await insert(a, [1]);
    await db.query('SELECT pg_notify($1, $2)', [outboxChannel('outbox_messages'), '']);
    await waitFor(() => versionsSeen(a).length === 1, {
      what: 'the notified row',
      timeoutMs: 5_000,
    });
  });

  it('treats an unroutable message as a failure, holds its aggregate, and dead-letters it past the budget', async () => {
    const a = randomUUID();
    const [first, second] = await insert(a, [1, 2], 'unbound.thing');
    const b = randomUUID();
    await insert(b, [1]);
    relay({
      maxAttempts: 3,
      retryBaseDelayMs: 50,
      retryMaxDelayMs: 100,
      pollIntervalMs: 100,
    }).wake();
    await waitFor(
      async () => {
        const rows = await db.query(
          `SELECT dead_lettered_at FROM outbox_messages WHERE event_id = $1`,
          [first],
        );
        return rows[0].dead_lettered_at !== null;
      },
      { what: 'the first row to be dead-lettered' },
    );
    const [row] = await db.query(
      `SELECT attempts, last_error, published_at FROM outbox_messages WHERE event_id = $1`,
      [first],
    );
    expect(row).toMatchObject({ attempts: 3, published_at: null });
    expect(row.last_error).toContain('unroutable');
    // Other aggregates were never held up.
    expect(versionsSeen(b)).toEqual([1]);
    // The second row of the held aggregate waited behind the first, then had its own turn.
    await waitFor(
      async () =>
        (
          await db.query<{ attempts: number }>(
            `SELECT attempts FROM outbox_messages WHERE event_id = $1`,
            [second],
          )
        )[0].attempts >= 1,
      { what: 'the second row to get its own attempt' },
    );
  });

  it('reports the outbox stuck when its oldest pending row is older than the threshold', async () => {
    // Earlier tests may leave rows in backoff; take them out of the picture first.
    await db.query(
      `UPDATE outbox_messages SET dead_lettered_at = now() WHERE published_at IS NULL`,
    );
    const r = relay({ stuckAfterMs: 200, maxAttempts: 100, retryBaseDelayMs: 60_000 });
    await waitFor(() => r.status().backlog?.pending === 0, { what: 'an empty backlog reading' });
    expect(r.status().backlog?.stuck).toBe(false);
    const a = randomUUID();
    await insert(a, [1], 'unbound.stuck');
    await waitFor(() => r.status().backlog?.stuck === true, { what: 'the stuck report' });
    expect(r.status().backlog).toMatchObject({ pending: 1 });
    expect(r.status().backlog?.oldestPendingAgeMs).toBeGreaterThan(200);
    await db.query(`UPDATE outbox_messages SET dead_lettered_at = now() WHERE aggregate_id = $1`, [
      a,
    ]);
  });

  it('deletes published rows once they are older than the retention', async () => {
    const a = randomUUID();
    await insert(a, [1, 2]);
    await db.query(
      `UPDATE outbox_messages SET published_at = now() - interval '2 hours' WHERE aggregate_id = $1`,
      [a],
    );
    relay({ retentionMs: 3_600_000, cleanupIntervalMs: 100 });
    await waitFor(
      async () =>
        (await db.query(`SELECT 1 FROM outbox_messages WHERE aggregate_id = $1`, [a])).length === 0,
      {
        what: 'the old rows to be cleaned up',
      },
    );
    const recent = await db.query(
      `SELECT count(*)::int AS n FROM outbox_messages WHERE published_at > now() - interval '1 hour'`,
    );
    expect(recent[0].n).toBeGreaterThan(0);
  });
});
