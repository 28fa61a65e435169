import { http, ServiceSystem } from '@app/testing';
import { everyEventAppliedOnce, mirrorConverges } from '../support/convergence';

/**
 * The relay's and the consumer's database sessions are terminated (`pg_terminate_backend`)
 * again and again while changes stream through. Both reconnect by themselves; nothing is
 * lost and nothing is applied twice.
 */
describe('database sessions terminated mid-batch', () => {
  let system: ServiceSystem;

  beforeAll(async () => {
    system = await ServiceSystem.start(['product', 'catalog'], {
      env: { catalog: { CATALOG_CONSUMER_RETRY_BASE_DELAY_MS: '100' } },
    });
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('recovers without a restart and converges', async () => {
    const base = system.url('product');
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await http('POST', `${base}/products`, {
        admin: true,
        body: { sku: `TERM-${i}`, name: 'v1', priceCents: 1, currency: 'EUR' },
      });
      ids.push(res.body.id);
    }
    const product = await system.db('product');
    const catalog = await system.db('catalog');
    let terminated = 0;
    let streaming = true;
    const killer = (async () => {
      while (streaming) {
        const relay = await product.query<{ n: number }>(
          `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND application_name LIKE 'outbox-relay%'`,
        );
        const consumer = await catalog.query<{ n: number }>(
          `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = 'catalog'`,
        );
        terminated += relay[0].n + consumer[0].n;
        await new Promise((r) => setTimeout(r, 150));
      }
    })();
    try {
      await Promise.all(
        Array.from({ length: 4 }, async (_, w) => {
          for (let i = 0; i < 100; i++) {
            const res = await http('PATCH', `${base}/products/${ids[(w + i) % ids.length]}`, {
              admin: true,
              body: { name: `w${w}-${i}` },
            });
            expect(res.status).toBe(200);
          }
        }),
      );
    } catch (err) {
      const cause = (err as { cause?: Error }).cause?.message ?? '';
      throw new Error(`${(err as Error).message} ${cause}\n${system.logs().slice(-8000)}`);
    }
    streaming = false;
    await killer;
    expect(terminated).toBeGreaterThan(5);

    try {
      await mirrorConverges(system, 'catalog');
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${system.logs().slice(-6000)}`);
    }
    await everyEventAppliedOnce(system, 'catalog');
    const health = await http('GET', `${system.url('catalog')}/admin/health`, { admin: true });
    expect(health.body.consumers[0].counts['dead-lettered']).toBe(0);
  }, 180_000);
});
