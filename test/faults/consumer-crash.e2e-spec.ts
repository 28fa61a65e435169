import { http, ServiceSystem, waitFor } from '@app/testing';
import { everyEventAppliedOnce, mirrorConverges } from '../support/convergence';

/**
 * The consumer process dies (SIGKILL) at the two worst moments: after its transaction
 * committed but before the ack (the broker redelivers; the inbox skips it), and before the
 * commit (nothing was applied; the redelivery applies it once).
 */
describe('consumer killed around its commit', () => {
  let system: ServiceSystem;

  beforeAll(async () => {
    system = await ServiceSystem.start(['product', 'catalog']);
  });

  afterAll(async () => {
    await system?.stop();
  });

  async function restartCatalog(failpoint?: string): Promise<void> {
    await system.app('catalog').kill();
    await system.startApp('catalog', failpoint ? { FAILPOINTS: failpoint } : {});
  }

  async function counts(): Promise<Record<string, number>> {
    const health = await http('GET', `${system.url('catalog')}/admin/health`, { admin: true });
    return health.body.consumers[0].counts;
  }

  it.each(['consumer.after-commit', 'consumer.before-commit'])(
    '%s: applied exactly once',
    async (point) => {
      await restartCatalog(point);
      const catalog = system.app('catalog');
      const res = await http('POST', `${system.url('product')}/products`, {
        admin: true,
        body: { sku: `KILL-${point}`, name: 'k', priceCents: 1, currency: 'EUR' },
      });
      expect(res.status).toBe(201);
      await waitFor(() => !catalog.running, { what: 'the consumer to crash at the failpoint' });

      const db = await system.db('catalog');
      const mirrored = await db.query('SELECT version FROM product_mirror WHERE id = $1', [
        res.body.id,
      ]);
      // after-commit: the change (and its inbox row) is durable; before-commit: nothing is.
      expect(mirrored.length).toBe(point === 'consumer.after-commit' ? 1 : 0);

      await restartCatalog();
      await mirrorConverges(system, 'catalog');
      await everyEventAppliedOnce(system, 'catalog');
      // The restarted consumer counts the redelivery a moment after it commits or skips it.
      const outcome = point === 'consumer.after-commit' ? 'duplicate' : 'applied';
      await waitFor(async () => (await counts())[outcome] === 1, {
        what: `the redelivery counted as ${outcome}`,
      });
      const after = await counts();
      expect(after.applied + after.duplicate).toBe(1);
    },
  );
});
