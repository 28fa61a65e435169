import { randomUUID } from 'node:crypto';
import type { ReconcileResult } from '@app/mirror-sync';
import { http, metricValue, ServiceSystem, waitFor } from '@app/testing';
import {
  createProducts,
  insertProductsDirectly,
  lifecycle,
  mirrorMatchesOwner,
} from '../support/mirror-entries';

/**
 * Drift that no event will ever fix (a truncated table, rows edited by hand, an event dropped
 * from the queue), found by comparing range digests with the owner and repaired in one run.
 */
describe('reconciling a mirror with its owner', () => {
  let system: ServiceSystem;
  let ids: string[];

  beforeAll(async () => {
    system = await ServiceSystem.start(['product', 'catalog'], {
      env: { catalog: { CATALOG_MIRROR_RECONCILE_INTERVAL_MS: '0' } },
    });
    ids = await createProducts(system, 60, 'RECONCILE');
    for (const id of ids.slice(0, 10)) await lifecycle(system, id, 'decommission');
    for (const id of ids.slice(0, 5)) await lifecycle(system, id, 'purge');
    await mirrorMatchesOwner(system, 'catalog');
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
  });

  async function reconcile(): Promise<ReconcileResult> {
    const res = await http<ReconcileResult>(
      'POST',
      `${system.url('catalog')}/admin/mirror/reconcile`,
      { admin: true },
    );
    expect(res.status).toBe(200);
    return res.body;
  }

  /** What the catalog has read from the product service, as its /admin/health shows it. */
  async function ownerTraffic(): Promise<{ requests: number; bytes: number }> {
    const res = await http<{
      mirrors: { mirror: string; owner: { requests: number; bytes: number } }[];
    }>('GET', `${system.url('catalog')}/admin/health`, { admin: true });
    const mirror = res.body.mirrors.find((m) => m.mirror === 'product');
    if (!mirror) throw new Error('the catalog shows no product mirror');
    return mirror.owner;
  }

  it('refills a truncated mirror, tombstones included, with the receipts the owner still awaits', async () => {
    const db = await system.db('catalog');
    const owner = await system.db('product');
    const purged = ids.slice(0, 5);
    const held = async (): Promise<string[]> =>
      (
        await owner.query<{ aggregate_id: string }>(
          `SELECT aggregate_id FROM purge_receipts
            WHERE mirror = 'catalog' AND aggregate_id = ANY($1::text[]) ORDER BY aggregate_id`,
          [purged],
        )
      ).map((r) => r.aggregate_id);
    await waitFor(async () => (await held()).length === 5, { what: "the catalog's receipts" });
    // The ledger loses two of them (say, restored from a backup): only those are awaited.
    const lost = purged.slice(0, 2);
    await owner.query(
      `DELETE FROM purge_receipts WHERE mirror = 'catalog' AND aggregate_id = ANY($1::text[])`,
      [lost],
    );
    // Receipts written after `afterId`, by outbox id: without an order, the rows the relay has
    // since marked published may come back anywhere in the table.
    const receipts = async (afterId = 0): Promise<{ id: number; aggregate_id: string }[]> =>
      db.query<{ id: number; aggregate_id: string }>(
        `SELECT id::int, aggregate_id FROM outbox_messages
          WHERE event_type = 'purge-receipt.issued' AND id > $1 ORDER BY id`,
        [afterId],
      );
    const before = (await receipts()).at(-1)?.id ?? 0;
    await db.query('TRUNCATE product_mirror');
    const result = await reconcile();
    expect(result).toMatchObject({ missing: 60, stale: 0, ahead: 0, orphaned: 0, repaired: 60 });
    await mirrorMatchesOwner(system, 'catalog', 5_000);
    // A receipt for each tombstone whose receipt the owner lacked, and none it already held.
    const sent = (await receipts(before)).map((r) => r.aggregate_id);
    expect(sent.sort()).toEqual([...lost].sort());
    await waitFor(async () => (await held()).length === 5, { what: 'the two receipts again' });
  });

  it('repairs an older row, a flipped status, a dropped event, a row ahead and an orphan in one run', async () => {
    const db = await system.db('catalog');
    const [older, flipped, dropped, ahead] = ids.slice(10, 14);
    await lifecycle(system, older, 'decommission'); // version 2, so it can be set back to 1
    await mirrorMatchesOwner(system, 'catalog');
    await db.query('UPDATE product_mirror SET version = 1, status = $2 WHERE id = $1', [
      older,
      'active',
    ]);
    await db.query(`UPDATE product_mirror SET status = 'decommissioned' WHERE id = $1`, [flipped]);
    await db.query('UPDATE product_mirror SET version = version + 5 WHERE id = $1', [ahead]);
    const orphan = randomUUID();
    await db.query(
      `INSERT INTO product_mirror (id, sku, name, price_cents, currency, status, version)
       VALUES ($1, 'GHOST', 'never at the owner', 1, 'EUR', 'active', 3)`,
      [orphan],
    );
    // An event the mirror never sees: the consumer is away and its queue is purged meanwhile.
    await system.app('catalog').stop();
    await lifecycle(system, dropped, 'decommission');
    const product = await system.db('product');
    await waitFor(
      async () =>
        (
          await product.query(
            'SELECT 1 FROM outbox_messages WHERE aggregate_id = $1 AND published_at IS NULL',
            [dropped],
          )
        ).length === 0,
      { what: 'the decommission to be published' },
    );
    await system.amqp.drain('catalog.product');
    await system.startApp('catalog');

    const result = await reconcile();
    expect(result).toMatchObject({ missing: 0, stale: 3, ahead: 1, orphaned: 1, repaired: 5 });
    await mirrorMatchesOwner(system, 'catalog', 5_000);
    expect(await db.query('SELECT 1 FROM product_mirror WHERE id = $1', [orphan])).toHaveLength(0);

    const audit = await db.query<{ actor: string; details: ReconcileResult }>(
      `SELECT actor, details FROM audit_log WHERE action = 'mirror.reconciled' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit[0]).toMatchObject({ actor: 'test-admin', details: { stale: 3, ahead: 1 } });
    const drift = { mirror: 'product', kind: 'stale' };
    expect(
      await metricValue(system.url('catalog'), 'safe_deletion_mirror_drift_total', drift),
    ).toBe(3);
  });

  it('reads no snapshot page at all when 10,000 unchanged products agree', async () => {
    await insertProductsDirectly(await system.db('product'), 10_000 - 60);
    const repair = await reconcile();
    expect(repair.missing).toBe(10_000 - 60);
    const before = await ownerTraffic();
    const result = await reconcile();
    expect(result).toMatchObject({
      checked: 10_000,
      missing: 0,
      stale: 0,
      ahead: 0,
      orphaned: 0,
      repaired: 0,
      ranges: 16,
      pages: 0,
    });
    // One digest request of 16 ranges is all it read from the owner.
    const after = await ownerTraffic();
    expect(after.requests - before.requests).toBe(1);
    expect(after.bytes - before.bytes).toBeGreaterThan(0);
    expect(after.bytes - before.bytes).toBeLessThan(2_000);
  }, 120_000);

  it('answers 503 with the reason while the owner cannot be read', async () => {
    await system.app('product').stop();
    try {
      const res = await http('POST', `${system.url('catalog')}/admin/mirror/reconcile`, {
        admin: true,
      });
      expect(res.status).toBe(503);
      expect(res.body.message).toMatch(/owner unreachable/);
    } finally {
      await system.startApp('product');
    }
  });
});
