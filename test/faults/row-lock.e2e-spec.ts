import { randomUUID } from 'node:crypto';
import {
  DatabaseProbe,
  http,
  productSnapshotEvent,
  ServiceSystem,
  waitFor,
  type RawProductEvent,
} from '@app/testing';

type Counts = Record<'applied' | 'retried' | 'dead-lettered', number>;

/**
 * Another session holds the mirror row a product event must update. With the service's
 * `lock_timeout` (here 300 ms) the handler gives up waiting instead of holding its channel and
 * its prefetch until the broker's consumer timeout: the message is retried, not dead-lettered
 * (a lock held elsewhere is not the message's fault), and applied once the lock is gone.
 */
describe('a handler stuck on a row lock', () => {
  let system: ServiceSystem;
  let locker: DatabaseProbe;

  beforeAll(async () => {
    system = await ServiceSystem.start(['catalog'], {
      env: {
        catalog: { DATABASE_LOCK_TIMEOUT_MS: '300', CATALOG_CONSUMER_RETRY_BASE_DELAY_MS: '100' },
      },
    });
    locker = await DatabaseProbe.connect(system.environment.databaseUrl('catalog'));
  });

  afterAll(async () => {
    await locker?.close();
    await system?.stop();
  });

  async function send(event: RawProductEvent): Promise<void> {
    await system.amqp.publishEvent('product.events', event);
  }

  async function counts(): Promise<Counts> {
    const res = await http('GET', `${system.url('catalog')}/admin/health`, { admin: true });
    return (res.body as { consumers: { counts: Counts }[] }).consumers[0].counts;
  }

  async function mirroredVersion(id: string): Promise<number | undefined> {
    const db = await system.db('catalog');
    const [row] = await db.query<{ version: number }>(
      'SELECT version FROM product_mirror WHERE id = $1',
      [id],
    );
    return row?.version;
  }

  it('fails on the lock timeout, is retried, and is applied once the lock is released', async () => {
    const id = randomUUID();
    await send(productSnapshotEvent(id, 1));
    await waitFor(async () => (await mirroredVersion(id)) === 1, { what: 'version 1 mirrored' });
    const before = await counts();

    await locker.query('BEGIN');
    await locker.query('SELECT 1 FROM product_mirror WHERE id = $1 FOR UPDATE', [id]);
    try {
      await send(productSnapshotEvent(id, 2));
      await waitFor(async () => (await counts()).retried >= before.retried + 2, {
        what: 'the blocked message retried twice',
      });
      expect(await mirroredVersion(id)).toBe(1);
    } finally {
      await locker.query('COMMIT');
    }
    await waitFor(async () => (await mirroredVersion(id)) === 2, { what: 'version 2 mirrored' });
    const after = await counts();
    expect(after['dead-lettered']).toBe(before['dead-lettered']);
    expect(after.applied).toBe(before.applied + 1);
  });
});
