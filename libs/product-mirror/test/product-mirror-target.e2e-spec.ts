import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { PURGE_RECEIPT_CONTRACTS } from '@app/event-contracts';
import { DeadLetterStore, deadLetterTableDdl } from '@app/dead-letters';
import { inboxTableDdl, PermanentMessageError } from '@app/inbox';
import { entryHash, prefixOf, type EntryState } from '@app/mirror-sync';
import { Outbox, outboxTableDdl } from '@app/outbox';
import {
  ProductMirror,
  ProductMirrorTarget,
  productMirrorTableDdl,
  type ProductEntry,
} from '@app/product-mirror';
import { productSnapshotEvent, TestEnvironment } from '@app/testing';
// The lib's own wiring, built by hand here as ProductMirrorModule builds it.
import { PurgeCompletion } from '../src/purge-completion';

/**
 * `ProductMirrorTarget` on a real PostgreSQL, as seeding and reconciliation will use it: a bulk
 * version-checked apply, range digests over a covering index, and compare-and-set reset and
 * remove. A tombstone written by any of them comes with its receipt, in its transaction.
 */
describe('ProductMirrorTarget', () => {
  let env: TestEnvironment;
  let dataSource: DataSource;
  let target: ProductMirrorTarget;
  const purged: string[] = [];

  beforeAll(async () => {
    env = await TestEnvironment.create(['mirror'], { broker: false });
    dataSource = new DataSource({ type: 'postgres', url: env.databaseUrl('mirror') });
    await dataSource.initialize();
    for (const sql of [
      ...productMirrorTableDdl(),
      ...inboxTableDdl(),
      ...deadLetterTableDdl(),
      ...outboxTableDdl(),
    ]) {
      await dataSource.query(sql);
    }
    const outbox = new Outbox(
      { producer: 'shop', publishes: PURGE_RECEIPT_CONTRACTS, crossProcessWakeUp: 'none' },
      dataSource,
    );
    const completion = new PurgeCompletion(
      {
        consumer: 'shop',
        onPurged: (_m, ids) => Promise.resolve(void purged.push(...ids)),
        sync: { ownerUrl: 'http://127.0.0.1:9' },
      },
      outbox,
      new DeadLetterStore(dataSource),
    );
    target = new ProductMirrorTarget(dataSource, new ProductMirror(dataSource, completion));
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await env?.destroy();
  });

  const live = (id: string, version: number, name = `v${version}`): ProductEntry => {
    const snapshot = productSnapshotEvent(id, version, { name }).data;
    return { id, version, status: snapshot.status, snapshot };
  };
  const tombstone = (id: string, version: number): ProductEntry => ({
    id,
    version,
    status: 'purged',
    snapshot: null,
  });
  const tx = <T>(work: (m: EntityManager) => Promise<T>) => dataSource.transaction(work);

  async function row(id: string): Promise<Record<string, unknown> | undefined> {
    const rows: Record<string, unknown>[] = await dataSource.query(
      'SELECT name, price_cents, status, version FROM product_mirror WHERE id = $1',
      [id],
    );
    return rows[0];
  }

  async function receipts(id: string): Promise<{ payload: { data: Record<string, unknown> } }[]> {
    return dataSource.query(
      `SELECT payload FROM outbox_messages
        WHERE event_type = 'purge-receipt.issued' AND aggregate_id = $1`,
      [id],
    );
  }

  it('applies a batch in one statement, each entry only over an older version', async () => {
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    await tx((m) => target.applyIfNewer(m, [live(a, 2)]));
    const applied = await tx((m) =>
      target.applyIfNewer(m, [live(a, 1), live(b, 1), live(b, 3), tombstone(c, 4)]),
    );
    expect(applied.sort()).toEqual([b, c].sort());
    expect(await row(a)).toMatchObject({ name: 'v2', version: 2 });
    expect(await row(b)).toMatchObject({ name: 'v3', version: 3 });
    expect(await row(c)).toEqual({ name: null, price_cents: null, status: 'purged', version: 4 });
    expect(await tx((m) => target.applyIfNewer(m, [tombstone(c, 4), live(b, 3)]))).toEqual([]);
  });

  it('completes each tombstone it writes in the same transaction, and nothing else', async () => {
    const id = randomUUID();
    await tx((m) => target.applyIfNewer(m, [live(id, 1)]));
    await dataSource.query(
      `INSERT INTO dead_letters (queue, message_id, subject, reason, body)
       VALUES ('shop.product', $1, $2, 'bad', convert_to('{"name":"Secret"}', 'UTF8'))`,
      [randomUUID(), id],
    );
    await expect(
      tx(async (m) => {
        await target.applyIfNewer(m, [tombstone(id, 2)]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await receipts(id)).toEqual([]);
    expect(await row(id)).toMatchObject({ status: 'active', version: 1 });

    await tx((m) => target.applyIfNewer(m, [tombstone(id, 2)]));
    const [receipt] = await receipts(id);
    expect(receipt.payload.data).toMatchObject({
      aggregateType: 'product',
      aggregateId: id,
      version: 2,
      mirror: 'shop',
    });
    expect(purged).toContain(id);
    const letters: { size: number; status: string }[] = await dataSource.query(
      'SELECT octet_length(body) AS size, status FROM dead_letters WHERE subject = $1',
      [id],
    );
    expect(letters).toEqual([{ size: 0, status: 'discarded' }]);
  });

  it('completes a batch of tombstones together: one receipt each, every copy and letter erased', async () => {
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const kept = randomUUID();
    await tx((m) =>
      target.applyIfNewer(
        m,
        [...ids, kept].map((id) => live(id, 1)),
      ),
    );
    for (const id of [...ids, kept]) {
      await dataSource.query(
        `INSERT INTO dead_letters (queue, message_id, subject, reason, body)
         VALUES ('shop.product', $1, $2, 'bad', convert_to('{"name":"Secret"}', 'UTF8'))`,
        [randomUUID(), id],
      );
    }
    purged.length = 0;
    // A seed page: tombstones among live entries, one of them already older than the mirror.
    await tx((m) =>
      target.applyIfNewer(m, [
        tombstone(ids[0], 2),
        live(kept, 2),
        tombstone(ids[1], 5),
        tombstone(ids[2], 3),
      ]),
    );
    for (const [i, id] of ids.entries()) {
      const found = await receipts(id);
      expect(found).toHaveLength(1);
      expect(found[0].payload.data).toMatchObject({ aggregateId: id, version: [2, 5, 3][i] });
    }
    expect(await receipts(kept)).toEqual([]);
    expect(purged.sort()).toEqual([...ids].sort());
    const letters: { subject: string; size: number }[] = await dataSource.query(
      'SELECT subject, octet_length(body) AS size FROM dead_letters WHERE subject = ANY($1)',
      [[...ids, kept]],
    );
    expect(
      letters
        .filter((l) => l.size === 0)
        .map((l) => l.subject)
        .sort(),
    ).toEqual([...ids].sort());
    expect(letters.find((l) => l.subject === kept)?.size).toBeGreaterThan(0);
  });

  it('erases for every tombstone but sends no receipt the owner says it already holds', async () => {
    const [held, awaited, unknown] = [randomUUID(), randomUUID(), randomUUID()];
    await tx((m) =>
      target.applyIfNewer(
        m,
        [held, awaited, unknown].map((id) => live(id, 1)),
      ),
    );
    purged.length = 0;
    // A rebuilt mirror's seed page: the owner marks each tombstone it still waits for.
    await tx((m) =>
      target.applyIfNewer(m, [
        { ...tombstone(held, 3), receiptAwaited: false },
        { ...tombstone(awaited, 3), receiptAwaited: true },
        tombstone(unknown, 3),
      ]),
    );
    expect(purged.sort()).toEqual([held, awaited, unknown].sort());
    expect(await row(held)).toMatchObject({ status: 'purged', version: 3 });
    expect(await receipts(held)).toEqual([]);
    expect(await receipts(awaited)).toHaveLength(1);
    expect(await receipts(unknown)).toHaveLength(1);
    // Reconciliation resetting a row into a tombstone follows the same rule.
    const reset = randomUUID();
    await tx((m) => target.applyIfNewer(m, [live(reset, 5)]));
    const done = await tx((m) =>
      target.reset(
        m,
        { ...tombstone(reset, 4), receiptAwaited: false },
        {
          id: reset,
          version: 5,
          status: 'active',
        },
      ),
    );
    expect(done).toBe(true);
    expect(await row(reset)).toMatchObject({ status: 'purged', version: 4 });
    expect(await receipts(reset)).toEqual([]);
  });

  it('refuses to write outside a transaction or an entry that contradicts its snapshot', async () => {
    const id = randomUUID();
    await expect(target.applyIfNewer(dataSource.manager, [live(id, 1)])).rejects.toThrow(
      'active transaction',
    );
    await expect(
      tx((m) => target.applyIfNewer(m, [{ ...live(id, 1), version: 2 }])),
    ).rejects.toBeInstanceOf(PermanentMessageError);
    await expect(
      tx((m) => target.applyIfNewer(m, [{ ...tombstone(id, 1), snapshot: live(id, 1).snapshot }])),
    ).rejects.toBeInstanceOf(PermanentMessageError);
    expect(await row(id)).toBeUndefined();
  });

  it('resets a row only while it is still at the expected version and status', async () => {
    const id = randomUUID();
    await tx((m) => target.applyIfNewer(m, [live(id, 5, 'ahead')]));
    const seen: EntryState = { id, version: 5, status: 'active' };
    expect(await tx((m) => target.reset(m, live(id, 3, 'owner'), { ...seen, version: 4 }))).toBe(
      false,
    );
    expect(await tx((m) => target.reset(m, live(id, 3, 'owner'), seen))).toBe(true);
    expect(await row(id)).toMatchObject({ name: 'owner', version: 3, status: 'active' });

    expect(await tx((m) => target.reset(m, tombstone(id, 3), seen))).toBe(false);
    const now: EntryState = { id, version: 3, status: 'active' };
    expect(await tx((m) => target.reset(m, tombstone(id, 3), now))).toBe(true);
    expect(await row(id)).toEqual({ name: null, price_cents: null, status: 'purged', version: 3 });
    expect(await receipts(id)).toHaveLength(1);
  });

  it('removes a row only while it is still at the expected version and status', async () => {
    const id = randomUUID();
    await tx((m) => target.applyIfNewer(m, [live(id, 2)]));
    expect(await tx((m) => target.remove(m, { id, version: 1, status: 'active' }))).toBe(false);
    expect(await tx((m) => target.remove(m, { id, version: 2, status: 'purged' }))).toBe(false);
    expect(await tx((m) => target.remove(m, { id, version: 2, status: 'active' }))).toBe(true);
    expect(await row(id)).toBeUndefined();
  });

  it('lists a range in id order and digests it as the entries hash in JavaScript', async () => {
    const states: EntryState[] = await dataSource.query(
      'SELECT id, version, status FROM product_mirror ORDER BY id',
    );
    const digests = await target.digests(['']);
    expect(digests).toHaveLength(16);
    for (const digest of digests) {
      const inRange = states.filter((s) => prefixOf(s.id, 1) === digest.prefix);
      const hash = inRange.reduce(
        (x, s) => x ^ BigInt(`0x${entryHash(s.id, s.version, s.status)}`),
        0n,
      );
      expect(digest).toEqual({
        prefix: digest.prefix,
        count: inRange.length,
        hash: hash.toString(16).padStart(16, '0'),
      });
      expect(await target.entries(digest.prefix)).toEqual(inRange);
    }
    expect(target.name).toBe('product');
  });

  it('reads ids, versions and statuses from the covering index alone', async () => {
    await dataSource.query('VACUUM ANALYZE product_mirror');
    const plan = await dataSource.transaction(async (m) => {
      await m.query('SET LOCAL enable_seqscan = off');
      await m.query('SET LOCAL enable_bitmapscan = off');
      const rows: { 'QUERY PLAN': string }[] = await m.query(
        `EXPLAIN SELECT id, version, status FROM product_mirror
          WHERE id BETWEEN '00000000-0000-0000-0000-000000000000' AND '7fffffff-ffff-ffff-ffff-ffffffffffff'`,
      );
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('Index Only Scan using ix_product_mirror_entries');
  });
});
