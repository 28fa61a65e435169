import { closeVhostConnections, http, ServiceSystem } from '@app/testing';
import { everyEventAppliedOnce, mirrorConverges } from './support/convergence';

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

    await mirrorConverges(system, 'catalog');
    const product = await system.db('product');
    const events = await product.query('SELECT event_id FROM outbox_messages');
    expect(events).toHaveLength(20 + 4 * 245);
    await everyEventAppliedOnce(system, 'catalog');
  });
});
