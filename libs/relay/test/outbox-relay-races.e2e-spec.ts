import { randomUUID } from 'node:crypto';
import { AmqpConnection } from '@app/amqp';
import { laneFor, outboxTableDdl } from '@app/outbox';
import { laneLockNamespace, OutboxRelay, type RelayOptions } from '@app/relay';
import { AmqpProbe, DatabaseProbe, TestEnvironment, waitFor, type Tap } from '@app/testing';
import { HoldingProxy } from './holding-proxy';
import { insertOutboxRows, relayWaitsForLock } from './outbox-rows';

const LANES = laneLockNamespace('outbox_messages');

/**
 * Races between the relay and its neighbours, each forced on the real servers: the test holds
 * the locks (or the connection) that put the relay exactly where the race happens.
 */
describe('OutboxRelay races', () => {
  let env: TestEnvironment;
  let db: DatabaseProbe;
  /** A database whose sessions default to REPEATABLE READ. */
  let rr: DatabaseProbe;
  let amqp: AmqpProbe;
  let connection: AmqpConnection;
  let tap: Tap;
  const relays: OutboxRelay[] = [];
  const holders: DatabaseProbe[] = [];

  beforeAll(async () => {
    env = await TestEnvironment.create(['relay', 'rr']);
    db = await DatabaseProbe.connect(env.databaseUrl('relay'));
    for (const sql of outboxTableDdl()) await db.query(sql);
    await db.query(
      `ALTER DATABASE "${env.databaseName('rr')}" SET default_transaction_isolation = 'repeatable read'`,
    );
    rr = await DatabaseProbe.connect(env.databaseUrl('rr'));
    for (const sql of outboxTableDdl()) await rr.query(sql);
    amqp = await AmqpProbe.connect(env.amqpUrl);
    tap = await amqp.tap('thing.events', 'thing.*');
    connection = new AmqpConnection({ url: env.amqpUrl, connectionName: 'relay-races-test' });
    await connection.start();
    await connection.waitUntilConnected();
  });

  afterEach(async () => {
    await Promise.all(holders.splice(0).map((h) => h.close()));
    await Promise.all(relays.splice(0).map((r) => r.stop()));
  });

  afterAll(async () => {
    await connection?.close();
    await amqp?.close();
    await rr?.close();
    await db?.close();
    await env?.destroy();
  });

  async function idleRelay(options: Partial<RelayOptions> = {}): Promise<OutboxRelay> {
    const r = new OutboxRelay({
      databaseUrl: env.databaseUrl('relay'),
      connection,
      exchanges: ['thing.events'],
      pollIntervalMs: 60_000,
      ...options,
    });
    relays.push(r);
    r.start();
    await waitFor(() => r.status().listening && r.status().idle, { what: 'the relay to go idle' });
    return r;
  }

  /** A session of its own, for locks the test holds across statements. */
  async function holder(database = 'relay'): Promise<DatabaseProbe> {
    const h = await DatabaseProbe.connect(env.databaseUrl(database));
    holders.push(h);
    return h;
  }

  /** A row is marked after its confirm, so after the broker has routed it: wait for the marks. */
  const everyRowMarked = (probe: DatabaseProbe) =>
    waitFor(
      async () =>
        (await probe.query(`SELECT 1 FROM outbox_messages WHERE published_at IS NULL`)).length ===
        0,
      { what: 'every row marked published' },
    );

  const versionsSeen = (aggregateId: string): number[] =>
    tap
      .bodies<{ subject: string; aggregateversion: number }>()
      .filter((e) => e.subject === aggregateId)
      .map((e) => e.aggregateversion);

  it('never publishes again what the previous holder of a lane marked, under a REPEATABLE READ default', async () => {
    const r = await idleRelay({ databaseUrl: env.databaseUrl('rr') });
    const a = randomUUID();
    const events = await insertOutboxRows(rr, a, [1, 2, 3]);
    // The test is the lane's previous holder: it publishes the rows and marks them, and
    // commits while the relay's claim has taken its snapshot but not yet tried the lane's
    // lock (a table lock keeps the claim waiting there).
    const previous = await holder('rr');
    await previous.query('BEGIN ISOLATION LEVEL READ COMMITTED');
    await previous.query('SELECT pg_advisory_xact_lock($1, $2)', [LANES, laneFor('thing', a)]);
    for (const e of events) await amqp.publish('thing.events', e.type, e);
    await previous.query(
      `UPDATE outbox_messages SET published_at = now(), attempts = attempts + 1
        WHERE aggregate_id = $1`,
      [a],
    );
    await previous.query('LOCK TABLE outbox_messages IN ACCESS EXCLUSIVE MODE');
    r.wake();
    await waitFor(() => relayWaitsForLock(rr, 'head_rows'), { what: 'the claim to wait' });
    await previous.query('COMMIT');

    const b = randomUUID();
    await insertOutboxRows(rr, b, [1]);
    r.wake();
    await waitFor(() => versionsSeen(b).length === 1, { what: 'a later row' });
    expect(versionsSeen(a)).toEqual([1, 2, 3]);
    await everyRowMarked(rr);
  });

  it('publishes every row once, in order, with several relays and writers under a REPEATABLE READ default', async () => {
    const rs = await Promise.all(
      [1, 2, 3].map(() =>
        idleRelay({ databaseUrl: env.databaseUrl('rr'), batchSize: 5, maxLanesPerBatch: 2 }),
      ),
    );
    const aggregates = Array.from({ length: 20 }, () => randomUUID());
    const versions = Array.from({ length: 10 }, (_, i) => i + 1);
    const writers = await Promise.all([1, 2, 3, 4].map(() => holder('rr')));
    await Promise.all(
      writers.map(async (w, i) => {
        for (const a of aggregates.filter((_, j) => j % writers.length === i)) {
          for (const v of versions) {
            await insertOutboxRows(w, a, [v]);
            rs[v % rs.length].wake();
          }
        }
      }),
    );
    await waitFor(() => aggregates.every((a) => versionsSeen(a).length >= versions.length), {
      what: 'every row',
    });
    for (const a of aggregates) expect(versionsSeen(a)).toEqual(versions);
    await everyRowMarked(rr);
  });

  it('stops even when stopped while its NOTIFY listener is still connecting', async () => {
    const proxy = await HoldingProxy.start(env.databaseUrl('relay'), (name) =>
      name.startsWith('outbox-relay-listener'),
    );
    try {
      const r = new OutboxRelay({
        databaseUrl: proxy.databaseUrl,
        connection,
        exchanges: ['thing.events'],
        pollIntervalMs: 60_000,
      });
      r.start();
      await waitFor(() => proxy.held === 1, { what: "the listener's session to be held" });
      let stopped = false;
      void r.stop().then(() => (stopped = true));
      await waitFor(() => stopped, { what: 'stop() to resolve' });
      await waitFor(() => proxy.open === 0, { what: 'every session of the relay to close' });
    } finally {
      await proxy.close();
    }
  });

  it('publishes a row committed during a batch at once, even when the sleep before that batch ran out', async () => {
    const r = await idleRelay({ pollIntervalMs: 60_000 });
    const a = randomUUID();
    await insertOutboxRows(db, a, [1]);
    // Its lane held, the relay finds the row contended and retries every 25 ms, each sleep
    // ending by time-out; its row held, the batch that publishes it waits to mark it.
    const h = await holder();
    await h.query('BEGIN');
    await h.query(`SELECT 1 FROM outbox_messages WHERE aggregate_id = $1 FOR UPDATE`, [a]);
    await h.query('SELECT pg_advisory_lock($1, $2)', [LANES, laneFor('thing', a)]);
    const [{ at }] = await h.query<{ at: string }>(`SELECT clock_timestamp()::text AS at`);
    r.wake();
    // A claim that began after the wake-up has committed: the relay found the lane taken.
    await waitFor(
      async () =>
        (
          await db.query(
            `SELECT 1 FROM pg_stat_activity
              WHERE datname = current_database() AND application_name = 'outbox-relay:outbox_messages'
                AND query = 'COMMIT' AND query_start > $1::timestamptz`,
            [at],
          )
        ).length > 0,
      { what: 'a contended claim', intervalMs: 5 },
    );
    await h.query('SELECT pg_advisory_unlock($1, $2)', [LANES, laneFor('thing', a)]);
    await waitFor(() => relayWaitsForLock(db, 'SET "published_at"'), { what: 'the mark to wait' });
    const b = randomUUID();
    await insertOutboxRows(db, b, [1]);
    r.wake(); // as Outbox.notify() does after a commit in this process
    await h.query('ROLLBACK');
    await waitFor(() => versionsSeen(b).length === 1, {
      what: 'the row committed during the batch, long before the 60 s poll',
    });
    expect(versionsSeen(a)).toEqual([1]);
  });

  it('schedules the retry of a failed row from the failure, not from the start of a slow batch', async () => {
    const r = await idleRelay({ retryBaseDelayMs: 2_000, retryMaxDelayMs: 2_000 });
    const a = randomUUID();
    const [event] = await insertOutboxRows(db, a, [1], 'unbound.thing');
    // The batch begins, then waits for the table until it is older than the largest backoff.
    const h = await holder();
    await h.query('BEGIN');
    await h.query('LOCK TABLE outbox_messages IN ACCESS EXCLUSIVE MODE');
    r.wake();
    await waitFor(
      () =>
        relayWaitsForLock(
          db,
          'head_rows',
          `clock_timestamp() - xact_start > interval '2500 milliseconds'`,
        ),
      { what: 'the batch to be older than its backoff' },
    );
    const [{ at }] = await h.query<{ at: string }>(`SELECT clock_timestamp()::text AS at`);
    await h.query('COMMIT');
    const [row] = await waitFor(async () => {
      const rows = await db.query<{ attempts: number; retry_after_failure: boolean }>(
        `SELECT attempts, next_attempt_at >= $2::timestamptz + interval '1 second' AS retry_after_failure
           FROM outbox_messages WHERE event_id = $1`,
        [event.id, at],
      );
      return rows[0].attempts > 0 && rows;
    });
    // Half the step at least (the jitter), counted from when the batch was let go.
    expect(row).toEqual({ attempts: 1, retry_after_failure: true });
  });
});
