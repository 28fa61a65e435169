import { http, ServiceSystem, waitFor, type AppProcess } from '@app/testing';
import {
  everyEventAppliedOnce,
  firstSeenVersionsIncrease,
  mirrorConverges,
} from '../support/convergence';

/**
 * Two relay processes drain one outbox; one is killed (SIGKILL) mid-stream. Its lanes are taken
 * over without a human, nothing is lost or applied twice, and per aggregate the versions a
 * subscriber sees for the first time only ever increase.
 */
describe('two relays on one outbox, one killed mid-batch', () => {
  let system: ServiceSystem;

  beforeAll(async () => {
    system = await ServiceSystem.start(['product', 'catalog'], {
      env: { product: { PRODUCT_RELAY_ENABLED: 'false' } },
    });
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('takes over the dead relay lanes and keeps per-aggregate order', async () => {
    const tap = await system.amqp.tap('product.events');
    const base = system.url('product');
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const res = await http('POST', `${base}/products`, {
        admin: true,
        body: { sku: `TWO-${i}`, name: 'v1', priceCents: 1, currency: 'EUR' },
      });
      ids.push(res.body.id);
    }
    // A backlog of 40 creations and 1,600 updates, written while no relay runs.
    await Promise.all(
      Array.from({ length: 8 }, async (_, w) => {
        for (let i = 0; i < 200; i++) {
          const id = ids[(w * 5 + i) % ids.length];
          const res = await http('PATCH', `${base}/products/${id}`, {
            admin: true,
            body: { name: `w${w}-${i}` },
          });
          expect(res.status).toBe(200);
        }
      }),
    );

    // The first relay crashes at its fourth batch, after the broker confirmed the batch and before
    // its rows are marked: mid-stream however fast the relays run, with rows the survivor must
    // send again.
    const relays: AppProcess[] = [];
    relays.push(
      await system.startRelay('product', {
        RELAY_BATCH_SIZE: '50',
        FAILPOINTS: 'relay.after-confirm@4',
      }),
    );
    relays.push(await system.startRelay('product', { RELAY_BATCH_SIZE: '50' }));
    await relays[0].waitForExit();
    expect(relays[0].running).toBe(false);

    await mirrorConverges(system, 'catalog');
    await everyEventAppliedOnce(system, 'catalog');
    const db = await system.db('product');
    // Rows are marked in the transaction after their confirms, so marking may trail delivery.
    await waitFor(
      async () =>
        (
          await db.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM outbox_messages WHERE published_at IS NULL',
          )
        )[0].n === 0,
      { what: 'every row marked published' },
    );
    // The crashed batch was confirmed but never marked, so the survivor sent it again.
    const distinct = new Set(tap.messages.map((m) => String(m.properties.messageId))).size;
    expect(distinct).toBe(1640);
    expect(tap.messages.length).toBeGreaterThan(distinct);
    const order = firstSeenVersionsIncrease(tap.messages);
    expect(order.aggregates).toBe(40);
    expect(order.violations).toEqual([]);
    // The survivor finished the dead relay's lanes without being restarted.
    expect(relays[1].running).toBe(true);
  });

  it('publishes nothing twice in normal operation with two relays sharing the lanes', async () => {
    const tap = await system.amqp.tap('product.events');
    const base = system.url('product');
    const created = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        http('POST', `${base}/products`, {
          admin: true,
          body: { sku: `PAIR-${i}`, name: 'pair', priceCents: 1, currency: 'EUR' },
        }),
      ),
    );
    expect(created.every((r) => r.status === 201)).toBe(true);
    await system.startRelay('product', { RELAY_BATCH_SIZE: '20' });
    await system.startRelay('product', { RELAY_BATCH_SIZE: '20' });
    await waitFor(() => tap.messages.length >= 300, { what: '300 events' });
    await mirrorConverges(system, 'catalog');
    const ids = tap.messages.map((m) => String(m.properties.messageId));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
