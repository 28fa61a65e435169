import { randomUUID } from 'node:crypto';
import { http, productSnapshotEvent, ServiceSystem, waitFor } from '@app/testing';
import { mirrorConverges } from '../support/convergence';

/**
 * SIGTERM is not a crash: a relay finishes the batch in hand and a consumer lets its in-flight
 * handlers commit and ack before the process exits 0. So after a restart nothing is published
 * or applied a second time.
 */
describe('graceful shutdown on SIGTERM', () => {
  let system: ServiceSystem;

  beforeAll(async () => {
    system = await ServiceSystem.start(['product', 'catalog'], {
      env: { product: { PRODUCT_RELAY_ENABLED: 'false' } },
    });
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('a relay stopped mid-stream leaves nothing to publish twice', async () => {
    const tap = await system.amqp.tap('product.events');
    const base = system.url('product');
    await Promise.all(
      Array.from({ length: 400 }, (_, i) =>
        http('POST', `${base}/products`, {
          admin: true,
          body: { sku: `TERM-${i}`, name: 'term', priceCents: 1, currency: 'EUR' },
        }),
      ),
    );
    const relay = await system.startRelay('product', { RELAY_BATCH_SIZE: '10' });
    await waitFor(() => tap.messages.length >= 50, { what: 'the relay to be mid-stream' });
    expect(await relay.stop()).toBe(0);
    await system.startRelay('product', { RELAY_BATCH_SIZE: '10' });
    await waitFor(() => tap.messages.length >= 400, { what: 'all 400 events' });
    await mirrorConverges(system, 'catalog');
    const ids = tap.messages.map((m) => String(m.properties.messageId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('a consumer stopped mid-stream acks what it committed: no redelivery is a duplicate', async () => {
    const events = Array.from({ length: 300 }, () => productSnapshotEvent(randomUUID(), 1));
    await Promise.all(
      events.map((e) =>
        system.amqp.publish('product.events', e.type, e, { messageId: e.id, type: e.type }),
      ),
    );
    const db = await system.db('catalog');
    const applied = async (): Promise<number> =>
      (
        await db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM product_mirror WHERE id = ANY($1)',
          [events.map((e) => e.subject)],
        )
      )[0].n;
    await waitFor(async () => (await applied()) >= 30, { what: 'the consumer to be mid-stream' });
    expect(await system.app('catalog').stop()).toBe(0);
    await system.startApp('catalog');
    await waitFor(async () => (await applied()) === events.length, { what: 'every event applied' });
    const health = await http('GET', `${system.url('catalog')}/admin/health`, { admin: true });
    expect(health.body.consumers[0].counts.duplicate).toBe(0);
  });
});
