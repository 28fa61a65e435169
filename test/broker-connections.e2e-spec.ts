import { closeVhostConnections, http, ServiceSystem, waitFor } from '@app/testing';

/**
 * RabbitMQ force-closes every connection of the services (relay and consumers) several times
 * while a stream of 1,000 events flows. Nothing is lost: the mirror ends equal to the owner, and
 * every event the owner wrote is in the consumer's inbox.
 */
describe('broker connections force-closed mid-stream', () => {
  let system: ServiceSystem;

  beforeAll(async () => {
    system = await ServiceSystem.start(['product', 'catalog']);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('loses nothing', async () => {
    const base = system.url('product');
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await http('POST', `${base}/products`, {
        admin: true,
        body: { sku: `CONN-${i}`, name: `n${i}-0`, priceCents: 1, currency: 'EUR' },
      });
      ids.push(res.body.id);
    }

    let faults = 0;
    let streaming = true;
    const faulter = (async () => {
      while (streaming) {
        await closeVhostConnections(system.environment.vhost);
        faults++;
        await new Promise((r) => setTimeout(r, 300));
      }
    })();
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; i < 245; i++) {
        const id = ids[(w * 245 + i) % ids.length];
        const res = await http('PATCH', `${base}/products/${id}`, {
          admin: true,
          body: { name: `w${w}-${i}` },
        });
        expect(res.status).toBe(200);
      }
    });
    await Promise.all(writers);
    streaming = false;
    await faulter;
    expect(faults).toBeGreaterThanOrEqual(2);

    const product = await system.db('product');
    const catalog = await system.db('catalog');
    await waitFor(
      async () => {
        const owner = await product.query<{ id: string; name: string; version: number }>(
          'SELECT id, name, version FROM products ORDER BY id',
        );
        const mirror = await catalog.query<{ id: string; name: string; version: number }>(
          'SELECT id, name, version FROM product_mirror ORDER BY id',
        );
        return JSON.stringify(owner) === JSON.stringify(mirror);
      },
      { what: 'the mirror to equal the owner', timeoutMs: 60_000 },
    );
    const events = await product.query<{ event_id: string }>(
      'SELECT event_id FROM outbox_messages',
    );
    expect(events).toHaveLength(20 + 4 * 245);
    const inbox = await catalog.query<{ message_id: string }>(
      'SELECT message_id FROM inbox_messages',
    );
    expect(new Set(inbox.map((r) => r.message_id))).toEqual(new Set(events.map((e) => e.event_id)));
  });
});
