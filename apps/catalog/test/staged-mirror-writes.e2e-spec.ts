import { randomUUID } from 'node:crypto';
import {
  productPurgedEvent,
  productSnapshotEvent,
  ServiceSystem,
  waitFor,
  type DatabaseProbe,
} from '@app/testing';

type Event = { id: string; type: string; subject: string };

/**
 * The catalog's product events are staged and written together: a backlog consumed in batches
 * writes the mirror with one statement per inbox transaction, not one per message (counted by
 * triggers that record the transaction of every mirror statement and of every inbox row). A
 * message that poisons the shared write (a CHECK its entry breaks) or breaks the contract is
 * dead-lettered with its reason, and every other message of its batch is applied exactly once.
 */
describe('staged mirror writes (catalog)', () => {
  let system: ServiceSystem;
  let db: DatabaseProbe;

  beforeAll(async () => {
    system = await ServiceSystem.start(['catalog'], {
      env: {
        catalog: { CATALOG_CONSUMER_MAX_RETRIES: '1', CATALOG_CONSUMER_RETRY_BASE_DELAY_MS: '50' },
      },
    });
    db = await system.db('catalog');
    // The transaction of every statement that writes the mirror, and of every inbox row.
    await db.query(`CREATE TABLE "mirror_statements" ("tx" bigint NOT NULL)`);
    await db.query(`CREATE TABLE "inbox_transactions" ("message_id" text, "tx" bigint NOT NULL)`);
    await db.query(`CREATE FUNCTION "note_mirror_statement"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO "mirror_statements" VALUES (txid_current()); RETURN NULL; END $$`);
    await db.query(`CREATE FUNCTION "note_inbox_row"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO "inbox_transactions" VALUES (NEW."message_id", txid_current());
      RETURN NULL; END $$`);
    await db.query(`CREATE TRIGGER "mirror_statements" AFTER INSERT ON "product_mirror"
      FOR EACH STATEMENT EXECUTE FUNCTION "note_mirror_statement"()`);
    await db.query(`CREATE TRIGGER "inbox_transactions" AFTER INSERT ON "inbox_messages"
      FOR EACH ROW EXECUTE FUNCTION "note_inbox_row"()`);
  });

  afterAll(async () => {
    await system?.stop();
  });

  /** Publishes `events` while the catalog is down, so they wait in its queue as one backlog. */
  async function backlog(events: Event[]): Promise<void> {
    await system.app('catalog').stop();
    await system.amqp.publishAll(
      'product.events',
      events.map((e) => ({
        routingKey: e.type,
        body: e,
        options: { messageId: e.id, type: e.type, contentType: 'application/cloudevents+json' },
      })),
    );
    await system.startApp('catalog');
  }

  async function inboxRows(events: Event[]): Promise<{ message_id: string; tx: string }[]> {
    return db.query('SELECT message_id, tx FROM inbox_transactions WHERE message_id = ANY($1)', [
      events.map((e) => e.id),
    ]);
  }

  it('writes a batch of messages with one mirror statement per transaction', async () => {
    const events = Array.from({ length: 20 }, () => productSnapshotEvent(randomUUID(), 1));
    await backlog(events);
    const rows = await waitFor(
      async () => {
        const rows = await inboxRows(events);
        return rows.length === events.length ? rows : false;
      },
      { what: 'every message to be applied' },
    );
    const mirrored = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM product_mirror WHERE id = ANY($1) AND version = 1',
      [events.map((e) => e.subject)],
    );
    expect(mirrored[0].n).toBe(events.length);

    const transactions = [...new Set(rows.map((r) => r.tx))];
    const statements = await db.query<{ tx: string; n: number }>(
      'SELECT tx, count(*)::int AS n FROM mirror_statements WHERE tx = ANY($1) GROUP BY tx',
      [transactions],
    );
    // Messages arrived together: some transaction applied several of them…
    expect(transactions.length).toBeLessThan(events.length);
    // …and each transaction wrote the mirror once, whatever it applied.
    expect(statements.map((s) => s.n)).toEqual(transactions.map(() => 1));
    expect(statements.reduce((sum, s) => sum + s.n, 0)).toBeLessThan(events.length);
  });

  it('dead-letters the message that poisons its batch; the others are applied once', async () => {
    await db.query(
      `ALTER TABLE product_mirror ADD CONSTRAINT "no_refused_names" CHECK (name <> 'Refused')`,
    );
    const refused = productSnapshotEvent(randomUUID(), 1, { name: 'Refused' });
    const priceAsText = productSnapshotEvent(randomUUID(), 1);
    priceAsText.data = { ...priceAsText.data, priceCents: '100' as unknown as number };
    const purgedId = randomUUID();
    const others: Event[] = [
      ...Array.from({ length: 8 }, () => productSnapshotEvent(randomUUID(), 1)),
      productSnapshotEvent(purgedId, 1),
      productPurgedEvent(purgedId, 2),
      ...Array.from({ length: 8 }, () => productSnapshotEvent(randomUUID(), 1)),
    ];
    // The poison sits in the middle, among messages that wait to be applied together.
    const events = [...others.slice(0, 10), refused, priceAsText, ...others.slice(10)];
    await backlog(events);

    const reasons = await waitFor(
      async () => {
        const rows = await db.query<{ message_id: string; reason: string }>(
          'SELECT message_id, reason FROM dead_letters WHERE message_id = ANY($1)',
          [[refused.id, priceAsText.id]],
        );
        return rows.length === 2 ? new Map(rows.map((r) => [r.message_id, r.reason])) : false;
      },
      { what: 'both poison messages to be parked' },
    );
    expect(reasons.get(refused.id)).toContain('no_refused_names');
    expect(reasons.get(priceAsText.id)).toContain('priceCents must be an integer number');

    const applied = await waitFor(
      async () => {
        const rows = await inboxRows(others);
        return rows.length === others.length ? rows : false;
      },
      { what: 'the other messages to be applied' },
    );
    // Exactly once: one inbox row each, whatever batches were rolled back on the way.
    expect(new Set(applied.map((r) => r.message_id)).size).toBe(others.length);
    const mirror = await db.query<{ id: string; status: string; version: number }>(
      'SELECT id, status, version FROM product_mirror WHERE id = ANY($1)',
      [[...others, refused, priceAsText].map((e) => e.subject)],
    );
    const byId = new Map(mirror.map((r) => [r.id, r]));
    expect(byId.size).toBe(others.length - 1);
    expect(byId.get(purgedId)).toMatchObject({ status: 'purged', version: 2 });
    expect(byId.has(refused.subject)).toBe(false);
    expect(byId.has(priceAsText.subject)).toBe(false);
    // The tombstone's receipt went out with it, once.
    const receipts = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox_messages
        WHERE event_type = 'purge-receipt.issued' AND aggregate_id = $1`,
      [purgedId],
    );
    expect(receipts[0].n).toBe(1);
  });
});
