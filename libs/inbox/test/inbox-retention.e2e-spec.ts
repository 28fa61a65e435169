import { DataSource } from 'typeorm';
import { DEFAULT_INBOX_TABLE, InboxRetention, inboxTableDdl } from '@app/inbox';
import { TestEnvironment } from '@app/testing';

/**
 * The inbox forgets a consumer's entries past the retention, in chunks, and nothing else: not
 * the recent ones, not another consumer's.
 */
describe('InboxRetention', () => {
  let env: TestEnvironment;
  let db: DataSource;

  beforeAll(async () => {
    env = await TestEnvironment.create(['retention'], { broker: false });
    db = await new DataSource({ type: 'postgres', url: env.databaseUrl('retention') }).initialize();
    for (const sql of inboxTableDdl()) await db.query(sql);
  });

  afterAll(async () => {
    await db?.destroy();
    await env?.destroy();
  });

  it("deletes one consumer's entries older than the retention", async () => {
    // 12 old entries of `catalog`, 3 recent ones, and 5 old ones of `order`.
    await db.query(
      `INSERT INTO "${DEFAULT_INBOX_TABLE}" ("consumer", "message_id", "event_type", "received_at")
       SELECT c, c || '-' || n || '-' || g, 'product.updated', now() - age
         FROM (VALUES ('catalog', 12, interval '2 days'), ('catalog', 3, interval '1 minute'),
                      ('order', 5, interval '2 days')) AS v(c, n, age),
              generate_series(1, n) g`,
    );
    const retention = new InboxRetention(db, DEFAULT_INBOX_TABLE, 'catalog', 86_400_000);
    expect(await retention.runOnce()).toBe(12);
    const left = await db.query<{ consumer: string; n: number }[]>(
      `SELECT "consumer", count(*)::int AS n FROM "${DEFAULT_INBOX_TABLE}"
        GROUP BY 1 ORDER BY 1`,
    );
    expect(left).toEqual([
      { consumer: 'catalog', n: 3 },
      { consumer: 'order', n: 5 },
    ]);
    expect(await retention.runOnce()).toBe(0);
  });
});
