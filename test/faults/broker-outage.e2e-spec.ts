import { http, rabbitmqctl, ServiceSystem, waitFor } from '@app/testing';
import { everyEventAppliedOnce, mirrorConverges } from '../support/convergence';

/**
 * The broker goes down (`rabbitmqctl stop_app`) while an admin decommissions 50 products. The
 * owner keeps accepting them (the outbox holds the events), health reports the broker down (not
 * ready, still alive), and once the broker is back every decommission reaches every mirror.
 */
describe('broker stopped while changes are accepted', () => {
  let system: ServiceSystem;

  beforeAll(async () => {
    system = await ServiceSystem.start(['product', 'catalog', 'order']);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('accepts every change during the outage and delivers them all afterwards', async () => {
    const base = system.url('product');
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      const res = await http('POST', `${base}/products`, {
        admin: true,
        body: { sku: `OUTAGE-${i}`, name: 'o', priceCents: 1, currency: 'EUR' },
      });
      ids.push(res.body.id);
    }
    await mirrorConverges(system, 'catalog');

    // Marking trails delivery by one commit: let the creations be marked before the outage.
    const outbox = await system.db('product');
    await waitFor(
      async () =>
        (
          await outbox.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM outbox_messages WHERE published_at IS NULL',
          )
        )[0].n === 0,
      { what: 'the creation events marked published' },
    );
    await rabbitmqctl('stop_app');
    try {
      await waitFor(async () => (await http('GET', `${base}/health`)).body.broker === 'down', {
        what: 'health to report the broker down',
      });
      const results = await Promise.all(
        ids.map((id) =>
          http('POST', `${base}/admin/products/${id}/decommission`, {
            admin: true,
            body: { reason: 'during the outage' },
          }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(ids.map(() => 200));
      const health = await http('GET', `${base}/health`);
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ status: 'unavailable', database: 'up', broker: 'down' });
      expect((await http('GET', `${base}/health/live`)).status).toBe(200);
      const pending = await (
        await system.db('product')
      ).query<{ n: number }>(
        'SELECT count(*)::int AS n FROM outbox_messages WHERE published_at IS NULL',
      );
      expect(pending[0].n).toBe(50);
    } finally {
      await rabbitmqctl('start_app');
    }

    await waitFor(async () => (await http('GET', `${base}/health`)).body.broker === 'up', {
      what: 'health to report the broker up again',
      timeoutMs: 60_000,
    });
    await mirrorConverges(system, 'catalog');
    await mirrorConverges(system, 'order');
    await everyEventAppliedOnce(system, 'catalog');
    await everyEventAppliedOnce(system, 'order');
  }, 180_000);
});
