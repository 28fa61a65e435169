import { randomUUID } from 'node:crypto';
import {
  productPurgedEvent,
  productSnapshotEvent,
  ServiceSystem,
  waitFor,
  type Tap,
} from '@app/testing';

const MIRRORS = ['order', 'cart', 'recommendations'];

/**
 * Every product mirror answers a purge with a receipt on its own exchange (`<app>.events`),
 * written in the transaction that wrote its tombstone. The catalog's receipts have their own
 * spec (`apps/catalog/test/purge-receipts.e2e-spec.ts`).
 */
describe('purge receipts of order, cart and recommendations', () => {
  let system: ServiceSystem;
  const taps = new Map<string, Tap>();

  beforeAll(async () => {
    system = await ServiceSystem.start(MIRRORS);
    for (const app of MIRRORS) taps.set(app, await system.amqp.tap(`${app}.events`));
  });

  afterAll(async () => {
    await system?.stop();
  });

  async function send(event: { id: string; type: string }): Promise<void> {
    await system.amqp.publishEvent('product.events', event);
  }

  const receipts = (app: string, id: string) =>
    (taps.get(app)?.bodies<{ type: string; subject: string; data: unknown }>() ?? []).filter(
      (e) => e.type === 'purge-receipt.issued' && e.subject === id,
    );

  it.each(MIRRORS)('%s erases the product and publishes one receipt', async (app) => {
    const id = randomUUID();
    await send(productSnapshotEvent(id, 1, { name: 'Secret' }));
    await send(productSnapshotEvent(id, 2, { name: 'Secret', status: 'decommissioned' }));
    const db = await system.db(app);
    const row = async () =>
      (
        await db.query<{ name: string | null; status: string; version: number }>(
          'SELECT name, status, version FROM product_mirror WHERE id = $1',
          [id],
        )
      )[0];
    await waitFor(async () => (await row())?.version === 2, { what: `${app} to mirror v2` });

    await send(productPurgedEvent(id, 3));
    await waitFor(() => receipts(app, id).length > 0, { what: `the receipt of ${app}` });
    expect(receipts(app, id)).toEqual([
      expect.objectContaining({
        aggregateversion: 3,
        source: `/services/${app}`,
        data: expect.objectContaining({
          aggregateType: 'product',
          aggregateId: id,
          version: 3,
          mirror: app,
        }),
      }),
    ]);
    expect(await row()).toEqual({ name: null, status: 'purged', version: 3 });
  });
});
