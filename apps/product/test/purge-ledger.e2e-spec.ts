import { signToken } from '@app/auth';
import { http, metricValue, purgeReceiptEvent, ServiceSystem, waitFor } from '@app/testing';
import { PurgeLedgerClient } from './purge-ledger-client';

const MIRRORS = ['catalog', 'order', 'cart', 'recommendations'];

/**
 * The purge ledger: each purge waits for a receipt from every mirror, published on the
 * mirror's own exchange and consumed by the product service (here the test plays the mirrors).
 */
describe('purge ledger', () => {
  let system: ServiceSystem;
  let base: string;
  let ledger: PurgeLedgerClient;

  beforeAll(async () => {
    system = await ServiceSystem.start(['product'], {
      env: { product: { PRODUCT_PURGE_RECEIPT_DEADLINE_SECONDS: '1' } },
    });
    base = system.url('product');
    ledger = new PurgeLedgerClient(system);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('opens a ledger entry in the purge, expecting a receipt from each configured mirror', async () => {
    const started = Date.now();
    const id = await ledger.purgedProduct('L-1');
    const opened = await ledger.entry(id);
    expect(opened).toEqual({
      aggregateType: 'product',
      aggregateId: id,
      version: 3,
      purgedAt: expect.any(String),
      expected: MIRRORS,
      receipts: [],
      missing: MIRRORS,
      complete: false,
      completedAt: null,
    });
    expect(Date.parse(opened.purgedAt)).toBeGreaterThanOrEqual(started - 1000);
    const never = await http('GET', `${base}/admin/purges/00000000-0000-4000-8000-000000000000`, {
      admin: true,
    });
    expect(never.status).toBe(404);
  });

  it('records each receipt and completes the purge with the last mirror', async () => {
    const id = await ledger.purgedProduct('L-2');
    for (const mirror of MIRRORS.slice(0, 3)) await ledger.send(purgeReceiptEvent(mirror, id, 3));
    const waiting = await waitFor(
      async () => {
        const e = await ledger.entry(id);
        return e.receipts.length === 3 ? e : false;
      },
      { what: 'three receipts' },
    );
    expect(waiting.receipts.map((r) => [r.mirror, r.version])).toEqual([
      ['cart', 3],
      ['catalog', 3],
      ['order', 3],
    ]);
    expect(waiting).toMatchObject({ missing: ['recommendations'], complete: false });
    expect(await ledger.listed('complete=false')).toContain(id);

    await ledger.send(purgeReceiptEvent('recommendations', id, 3));
    const done = await waitFor(
      async () => {
        const e = await ledger.entry(id);
        return e.complete ? e : false;
      },
      { what: 'the purge to complete' },
    );
    expect(done.missing).toEqual([]);
    expect(done.receipts).toHaveLength(4);
    expect(Date.parse(done.completedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(done.purgedAt));
    expect(await ledger.listed('complete=false')).not.toContain(id);
    expect(await ledger.listed('complete=true')).toContain(id);
  });

  it('completes every purge when the receipts of all mirrors arrive at once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push(await ledger.purgedProduct(`L-RACE-${i}`));
    // Each mirror's receipts in a burst on its own queue: four consumers record them together.
    await Promise.all(
      MIRRORS.map((mirror) =>
        system.amqp.publishAll(
          `${mirror}.events`,
          ids.map((id) => {
            const event = purgeReceiptEvent(mirror, id, 3);
            return {
              routingKey: event.type,
              body: event,
              options: { messageId: event.id, type: event.type },
            };
          }),
        ),
      ),
    );
    await waitFor(
      async () =>
        (await Promise.all(ids.map(async (id) => (await ledger.entry(id)).complete))).every(
          Boolean,
        ),
      { what: 'every purge to complete' },
    );
  });

  it('changes nothing for a duplicate or an older receipt', async () => {
    const id = await ledger.purgedProduct('L-3');
    const receipt = purgeReceiptEvent('catalog', id, 3);
    await ledger.send(receipt);
    const first = await waitFor(
      async () => {
        const e = await ledger.entry(id);
        return e.receipts.length === 1 ? e : false;
      },
      { what: 'the receipt' },
    );
    const before = await ledger.consumerCounts('catalog');
    await ledger.send(receipt);
    await ledger.send(purgeReceiptEvent('catalog', id, 3));
    await ledger.send(purgeReceiptEvent('catalog', id, 2));
    await waitFor(
      async () => {
        const now = await ledger.consumerCounts('catalog');
        return now.duplicate === before.duplicate + 1 && now.applied === before.applied + 2;
      },
      { what: 'the repeats to be handled' },
    );
    expect(await ledger.entry(id)).toEqual(first);
  });

  it('tells a mirror reading a tombstone whether its receipt is still awaited, and nobody else', async () => {
    const id = await ledger.purgedProduct('L-AWAIT');
    const awaited = async (token: string) => {
      const res = await http<{ items: { id: string; receiptAwaited?: boolean }[] }>(
        'GET',
        `${base}/admin/products/snapshot?ids=${id}`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      expect(res.status).toBe(200);
      return res.body.items[0]?.receiptAwaited;
    };
    const mirrorToken = (name: string) => signToken({ sub: name, roles: ['mirror'] });
    expect(await awaited(mirrorToken('catalog'))).toBe(true);
    expect(await awaited(mirrorToken('order'))).toBe(true);
    // A service the purge did not expect, and an admin, get no hint.
    expect(await awaited(mirrorToken('search'))).toBe(false);
    expect(await awaited(signToken({ sub: 'ops', roles: ['admin'] }))).toBeUndefined();

    await ledger.send(purgeReceiptEvent('catalog', id, 3));
    await waitFor(async () => (await ledger.entry(id)).receipts.length === 1, {
      what: 'the receipt',
    });
    expect(await awaited(mirrorToken('catalog'))).toBe(false);
    expect(await awaited(mirrorToken('order'))).toBe(true);
    // A receipt of an older version does not answer for this purge.
    const older = await ledger.purgedProduct('L-AWAIT-OLD');
    await ledger.send(purgeReceiptEvent('order', older, 2));
    await waitFor(async () => (await ledger.entry(older)).receipts.length === 1, {
      what: 'the receipt',
    });
    const page = await http<{ items: { id: string; receiptAwaited?: boolean }[] }>(
      'GET',
      `${base}/admin/products/snapshot?ids=${older}`,
      { headers: { authorization: `Bearer ${mirrorToken('order')}` } },
    );
    expect(page.body.items).toEqual([
      { id: older, version: 3, status: 'purged', snapshot: null, receiptAwaited: true },
    ]);
  });

  it('dead-letters an invalid receipt with its reason and keeps consuming', async () => {
    const id = await ledger.purgedProduct('L-4');
    const poison = [
      purgeReceiptEvent('catalog', id, 3, { mirror: 'order' }),
      purgeReceiptEvent('catalog', id, 3, { appliedAt: 'yesterday' }),
      purgeReceiptEvent('catalog', id, 3, { version: 4 }),
      purgeReceiptEvent('catalog', id, 3, { aggregateType: 'order' }),
    ];
    for (const p of poison) await ledger.send(p);
    await ledger.send(purgeReceiptEvent('catalog', id, 3));
    await waitFor(async () => (await ledger.entry(id)).receipts.length === 1, {
      what: 'the receipt',
    });
    const parked = await waitFor(
      async () => {
        const res = await http<{ items: { messageId: string; reason: string }[] }>(
          'GET',
          `${base}/admin/dead-letters?destination=product.catalog`,
          { admin: true },
        );
        const mine = res.body.items.filter((d) => poison.some((p) => p.id === d.messageId));
        return mine.length === poison.length ? mine : false;
      },
      { what: 'the poison parked' },
    );
    const reason = (p: { id: string }) => parked.find((d) => d.messageId === p.id)?.reason;
    expect(reason(poison[0])).toContain('mirror is not catalog');
    expect(reason(poison[1])).toContain('appliedAt');
    expect(reason(poison[2])).toContain('version does not match aggregateversion');
    expect(reason(poison[3])).toContain('aggregateType is not product');
    expect((await ledger.entry(id)).receipts.map((r) => r.mirror)).toEqual(['catalog']);
  });

  it('counts purges past the receipt deadline without every receipt in safe_deletion_purges_incomplete', async () => {
    const db = await system.db('product');
    const incomplete = async () =>
      Number(
        (
          await db.query<{ n: string }>(
            'SELECT count(*) AS n FROM purge_ledger WHERE completed_at IS NULL',
          )
        )[0].n,
      );
    const expected = await incomplete();
    expect(expected).toBeGreaterThan(0);
    await waitFor(
      async () =>
        (await metricValue(base, 'safe_deletion_purges_incomplete', {
          aggregate_type: 'product',
        })) === expected,
      { what: `safe_deletion_purges_incomplete to be ${expected}` },
    );
    const id = await ledger.purgedProduct('L-5');
    for (const mirror of MIRRORS) await ledger.send(purgeReceiptEvent(mirror, id, 3));
    await waitFor(async () => (await ledger.entry(id)).complete, { what: 'the purge to complete' });
    expect(await incomplete()).toBe(expected);
    expect(
      await metricValue(base, 'safe_deletion_purges_incomplete', { aggregate_type: 'product' }),
    ).toBe(expected);
  });

  it('pages the ledger in id order, and guards it for admins', async () => {
    const db = await system.db('product');
    const all = (
      await db.query<{ aggregate_id: string }>(
        'SELECT aggregate_id FROM purge_ledger ORDER BY aggregate_id',
      )
    ).map((r) => r.aggregate_id);
    expect(await ledger.listed('')).toEqual(all);
    for (const query of ['limit=0', 'limit=1001', 'complete=maybe', 'colour=red']) {
      expect((await http('GET', `${base}/admin/purges?${query}`, { admin: true })).status).toBe(
        400,
      );
    }
    expect((await http('GET', `${base}/admin/purges`)).status).toBe(401);
    const mirror = signToken({ sub: 'catalog', roles: ['mirror'] });
    const res = await http('GET', `${base}/admin/purges/${all[0]}`, {
      headers: { authorization: `Bearer ${mirror}` },
    });
    expect(res.status).toBe(403);
  });
  it('answers 400 naming the id, never 500, for an id PostgreSQL cannot take', async () => {
    const res = await http('GET', `${base}/admin/purges/%00`, { admin: true });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('id must not contain a NUL character');
  });
});
