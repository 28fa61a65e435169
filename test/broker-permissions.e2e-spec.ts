import { randomBytes, randomUUID } from 'node:crypto';
import * as amqp from 'amqplib';
import { servicePermissions } from '@app/amqp';
import { createUser, deleteUser, http, ServiceSystem, waitFor } from '@app/testing';

/**
 * Product and catalog run under broker users of their own with the permissions of
 * `servicePermissions` (docs/operations.md, broker permissions): each may publish only to its
 * own exchanges and read only its own queues. Events still flow both ways (the product's relay
 * into the catalog's mirror, the catalog's purge receipt into the product's ledger), and a
 * poison message is dead-lettered, parked and requeued, all without the default exchange.
 */
describe('services under restricted broker users', () => {
  let system: ServiceSystem;
  const users = new Map<string, string>();
  const password = randomBytes(12).toString('hex');

  function urlOf(app: string): string {
    const url = new URL(system.environment.amqpUrl);
    url.username = users.get(app) as string;
    url.password = password;
    return url.toString();
  }

  beforeAll(async () => {
    system = await ServiceSystem.start([]);
    const { vhost } = system.environment;
    for (const [app, producers] of [
      ['product', ['catalog']],
      ['catalog', ['product']],
    ] as const) {
      users.set(app, `${vhost}_${app}`);
      await createUser(`${vhost}_${app}`, password, vhost, servicePermissions(app, producers));
    }
    // Each consumes the other's exchange: neither is wired before both run.
    await system.startApp(
      'product',
      { AMQP_URL: urlOf('product'), PRODUCT_PURGE_MIRRORS: 'catalog' },
      { wired: false },
    );
    await system.startApp('catalog', { AMQP_URL: urlOf('catalog') });
    await system.waitUntilWired('product');
  });

  afterAll(async () => {
    await system?.stop();
    for (const user of users.values()) await deleteUser(user);
  });

  it('refuses what the permissions leave out: another exchange, the default exchange', async () => {
    const connection = await amqp.connect(urlOf('catalog'));
    try {
      for (const [exchange, key] of [
        ['product.events', 'product.created'],
        ['', 'catalog.product'],
      ]) {
        const channel = await connection.createConfirmChannel();
        channel.on('error', () => undefined);
        const closed = new Promise<string>((resolve) =>
          channel.once('close', () => resolve('closed')),
        );
        channel.publish(exchange, key, Buffer.from('{}'));
        await expect(channel.waitForConfirms()).rejects.toThrow();
        expect(await closed).toBe('closed');
      }
    } finally {
      await connection.close();
    }
  });

  it('carries a product into the mirror and the mirror’s purge receipt into the ledger', async () => {
    const base = system.url('product');
    const created = await http('POST', `${base}/products`, {
      admin: true,
      body: { sku: 'PERM-1', name: 'Restricted', priceCents: 100, currency: 'EUR' },
    });
    const id = created.body.id as string;
    const catalog = await system.db('catalog');
    await waitFor(
      async () =>
        (await catalog.query('SELECT 1 FROM product_mirror WHERE id = $1', [id])).length === 1,
      { what: 'the product mirrored by the catalog' },
    );
    await http('POST', `${base}/admin/products/${id}/decommission`, {
      admin: true,
      body: { reason: 'r' },
    });
    const purge = await http('POST', `${base}/admin/products/${id}/purge`, {
      admin: true,
      body: { reason: 'erasure request' },
    });
    expect(purge.status).toBe(204);
    const entry = await waitFor(
      async () => {
        const res = await http('GET', `${base}/admin/purges/${id}`, { admin: true });
        return res.body.complete ? res.body : false;
      },
      { what: 'the catalog’s receipt in the ledger' },
    );
    expect(entry.receipts.map((r: { mirror: string }) => r.mirror)).toEqual(['catalog']);
  });

  it('dead-letters, parks and requeues a poison message through the consumer’s own exchange', async () => {
    const messageId = randomUUID();
    await system.amqp.publish('product.events', 'product.updated', Buffer.from('not json'), {
      messageId,
    });
    const deadLetters = `${system.url('catalog')}/admin/dead-letters`;
    const parked = async (): Promise<{ id: string; reason: string } | undefined> => {
      const res = await http('GET', `${deadLetters}?destination=catalog.product`, { admin: true });
      return res.body.items.find((d: { messageId: string }) => d.messageId === messageId);
    };
    const first = await waitFor(parked, { what: 'the poison parked' });
    expect(first.reason).toBe('body is not JSON');
    const requeue = await http('POST', `${deadLetters}/requeue`, {
      admin: true,
      body: { ids: [first.id] },
    });
    expect(requeue.status).toBe(200);
    // Requeued into catalog.product, it is poison again: parked a second time, as a new row.
    await waitFor(async () => ((await parked())?.id ?? first.id) !== first.id, {
      what: 'the requeued poison parked again',
    });
  });
});
