import { http, productSnapshotEvent, ServiceSystem, waitFor } from '@app/testing';
import { createProducts, lifecycle } from '../support/mirror-entries';

const MIRRORS = ['catalog', 'order', 'cart', 'recommendations'];

interface LedgerEntry {
  aggregateId: string;
  version: number;
  expected: string[];
  receipts: { mirror: string; version: number }[];
  missing: string[];
  complete: boolean;
}

/**
 * Every purge ends with a receipt from every mirror, collected by the owner: a mirror that is
 * down sends its receipt when it comes back, and a mirror rebuilt from empty gets the tombstone
 * (and sends no receipt the owner already holds).
 */
describe('purge receipts and the purge ledger', () => {
  let system: ServiceSystem;

  beforeAll(async () => {
    system = await ServiceSystem.start(['product', ...MIRRORS]);
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
  });

  async function ledger(id: string): Promise<LedgerEntry> {
    const res = await http<LedgerEntry>('GET', `${system.url('product')}/admin/purges/${id}`, {
      admin: true,
    });
    expect(res.status).toBe(200);
    return res.body;
  }

  async function mirrorRow(app: string, id: string) {
    const rows = await (
      await system.db(app)
    ).query<{ status: string; version: number; name: string | null }>(
      'SELECT status, version, name FROM product_mirror WHERE id = $1',
      [id],
    );
    return rows[0];
  }

  it('completes when the mirror that was down at the purge comes back', async () => {
    const [id] = await createProducts(system, 1, 'RECEIPT');
    for (const app of MIRRORS) {
      await waitFor(async () => (await mirrorRow(app, id))?.version === 1, {
        what: `${app} to mirror the product`,
      });
    }
    await system.app('recommendations').stop();
    await lifecycle(system, id, 'decommission');
    await lifecycle(system, id, 'purge');

    const partial = await waitFor(
      async () => {
        const entry = await ledger(id);
        return entry.receipts.length === 3 ? entry : false;
      },
      { what: 'three receipts' },
    );
    expect(partial).toMatchObject({ version: 3, complete: false, missing: ['recommendations'] });
    expect(partial.expected.sort()).toEqual([...MIRRORS].sort());
    const open = await http<{ items: { aggregateId: string }[] }>(
      'GET',
      `${system.url('product')}/admin/purges?complete=false`,
      { admin: true },
    );
    expect(open.body.items.map((i) => i.aggregateId)).toContain(id);

    await system.startApp('recommendations');
    const done = await waitFor(
      async () => {
        const entry = await ledger(id);
        return entry.complete ? entry : false;
      },
      { what: 'the fourth receipt' },
    );
    expect(done.receipts.map((r) => r.mirror).sort()).toEqual([...MIRRORS].sort());
    expect(done.receipts.every((r) => r.version === 3)).toBe(true);
  }, 120_000);

  it('gives a mirror rebuilt from empty the tombstone, and an old snapshot replayed later changes nothing', async () => {
    const [id] = await createProducts(system, 1, 'REBUILT');
    await waitFor(async () => (await mirrorRow('catalog', id))?.version === 1, {
      what: 'catalog to mirror the product',
    });
    await lifecycle(system, id, 'decommission');
    await lifecycle(system, id, 'purge');
    await waitFor(async () => (await ledger(id)).complete, { what: 'the purge to complete' });
    const catalog = await system.db('catalog');
    const receiptsSent = async () =>
      (
        await catalog.query(
          `SELECT 1 FROM outbox_messages
            WHERE event_type = 'purge-receipt.issued' AND aggregate_id = $1`,
          [id],
        )
      ).length;
    expect(await receiptsSent()).toBe(1);

    // Rebuilt from empty: no rows, no memory of ever having seeded.
    await system.app('catalog').stop();
    await catalog.query('TRUNCATE product_mirror');
    await catalog.query('DELETE FROM mirror_sync_state');
    await system.startApp('catalog');
    await waitFor(async () => (await mirrorRow('catalog', id))?.status === 'purged', {
      what: 'the seed to restore the tombstone',
    });
    // The owner already holds its receipt: the rebuilt mirror sends none again.
    expect(await receiptsSent()).toBe(1);

    const stale = productSnapshotEvent(id, 1, { name: 'resurrected?' });
    await system.amqp.publishEvent('product.events', stale);
    await waitFor(
      async () =>
        (await catalog.query('SELECT 1 FROM inbox_messages WHERE message_id = $1', [stale.id]))
          .length === 1,
      { what: 'the old snapshot to be consumed' },
    );
    expect(await mirrorRow('catalog', id)).toEqual({ status: 'purged', version: 3, name: null });
  }, 120_000);
});
