import { randomUUID } from 'node:crypto';
import { DeadLetterApi, ServiceSystem, waitFor, type DatabaseProbe } from '@app/testing';

/**
 * Retention of operator records, through the product service (which has both kinds of dead
 * letter and an audit log): by default everything is kept; with DEAD_LETTER_RETENTION_DAYS and
 * AUDIT_RETENTION_DAYS set, a restarted service deletes settled dead letters and audit rows
 * older than that, and nothing else: parked dead letters are never deleted.
 */
describe('retention of dead letters and audit rows', () => {
  let system: ServiceSystem;
  let db: DatabaseProbe;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    system = await ServiceSystem.start(['product']);
    db = await system.db('product');
  });

  afterAll(async () => {
    await system?.stop();
  });

  /** A consumer dead letter in `status`, parked and settled `days` ago. */
  async function consumerLetter(name: string, status: string, days: number): Promise<void> {
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO dead_letters (queue, message_id, reason, body, parked_at, status,
                                 resolved_at, resolved_by)
       VALUES ('product.catalog', $1, 'fixture', '\\x7b7d', now() - interval '100 days', $2,
               CASE WHEN $2 <> 'parked' THEN now() - $3::int * interval '1 day' END,
               CASE WHEN $2 <> 'parked' THEN 'fixture' END)
       RETURNING id`,
      [randomUUID(), status, days],
    );
    ids[name] = row.id;
  }

  /** A dead-lettered outbox row, discarded `days` ago unless `days` is null. */
  async function outboxLetter(name: string, days: number | null): Promise<void> {
    const eventId = randomUUID();
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO outbox_messages (event_id, lane, aggregate_type, aggregate_id,
         aggregate_version, event_type, exchange, routing_key, payload, attempts,
         dead_lettered_at, discarded_at, discarded_by, discard_reason)
       VALUES ($1::uuid, 0, 'product', $2, 1, 'product.created', 'product.events',
               'product.created', jsonb_build_object('id', $2::text), 10,
               now() - interval '100 days', now() - $3::int * interval '1 day',
               CASE WHEN $3::int IS NOT NULL THEN 'fixture' END,
               CASE WHEN $3::int IS NOT NULL THEN 'fixture' END)
       RETURNING id`,
      [eventId, randomUUID(), days],
    );
    ids[name] = row.id;
  }

  async function auditRow(name: string, days: number): Promise<void> {
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO audit_log (at, actor, action, entity_type, entity_id)
       VALUES (now() - $1::int * interval '1 day', 'fixture', 'fixture.written', 'fixture', 'x')
       RETURNING id`,
      [days],
    );
    ids[name] = row.id;
  }

  async function remaining(table: string, names: string[]): Promise<string[]> {
    const rows = await db.query<{ id: string }>(
      `SELECT id::text AS id FROM ${table} WHERE id = ANY($1::bigint[])`,
      [names.map((n) => ids[n])],
    );
    const found = new Set(rows.map((r) => r.id));
    return names.filter((n) => found.has(ids[n]));
  }

  it('keeps every row by default (no retention is set)', async () => {
    await consumerLetter('parkedOld', 'parked', 0);
    await consumerLetter('requeuedOld', 'requeued', 10);
    await consumerLetter('discardedOld', 'discarded', 10);
    await consumerLetter('discardedRecent', 'discarded', 1);
    await outboxLetter('outboxLive', null);
    await outboxLetter('outboxDiscardedOld', 10);
    await outboxLetter('outboxDiscardedRecent', 1);
    await auditRow('auditOld', 40);
    await auditRow('auditRecent', 10);
    expect(Object.keys(ids)).toHaveLength(9);
    const logs = system.app('product').logs();
    expect(logs).not.toContain('DeadLetterRetention');
    expect(logs).not.toContain('deleting audit rows');
  });

  it('deletes settled dead letters and audit rows past their retention, and nothing else', async () => {
    await system.app('product').stop();
    await system.startApp('product', {
      DEAD_LETTER_RETENTION_DAYS: '7',
      AUDIT_RETENTION_DAYS: '30',
    });

    const consumer = ['parkedOld', 'requeuedOld', 'discardedOld', 'discardedRecent'];
    const outbox = ['outboxLive', 'outboxDiscardedOld', 'outboxDiscardedRecent'];
    const audit = ['auditOld', 'auditRecent'];
    // Each kind is swept by one statement, so once its old rows are gone its sweep is done.
    await waitFor(
      async () =>
        (await remaining('dead_letters', ['requeuedOld', 'discardedOld'])).length === 0 &&
        (await remaining('outbox_messages', ['outboxDiscardedOld'])).length === 0 &&
        (await remaining('audit_log', ['auditOld'])).length === 0,
      { what: 'the rows past their retention to be deleted' },
    );
    expect(await remaining('dead_letters', consumer)).toEqual(['parkedOld', 'discardedRecent']);
    expect(await remaining('outbox_messages', outbox)).toEqual([
      'outboxLive',
      'outboxDiscardedRecent',
    ]);
    expect(await remaining('audit_log', audit)).toEqual(['auditRecent']);

    const api = new DeadLetterApi(`${system.url('product')}/admin/dead-letters`);
    expect((await api.items({ status: 'discarded' })).map((d) => d.id)).toEqual([
      ids.discardedRecent,
    ]);
    const outboxApi = new DeadLetterApi(`${system.url('product')}/admin/outbox/dead-letters`);
    expect((await outboxApi.items()).map((d) => d.id)).toEqual([ids.outboxLive]);
  });
});
