import * as amqp from 'amqplib';
import { ServiceSystem, waitFor } from '@app/testing';

/**
 * What a client outside the project sees, with nothing but HTTP (fetch) and a plain amqplib
 * connection: no database access, no project code on the client side.
 */
describe('an outside client using only HTTP and AMQP', () => {
  let system: ServiceSystem;
  let connection: amqp.ChannelModel;
  const seen: { type: string; body: Record<string, any> }[] = [];

  beforeAll(async () => {
    system = await ServiceSystem.start(['product', 'catalog', 'order']);
    connection = await amqp.connect(system.environment.amqpUrl);
    const channel = await connection.createChannel();
    const { queue } = await channel.assertQueue('', { exclusive: true });
    await channel.bindQueue(queue, 'product.events', 'product.*');
    await channel.consume(
      queue,
      (msg) => {
        if (msg)
          seen.push({
            type: String(msg.properties.type),
            body: JSON.parse(msg.content.toString()),
          });
      },
      { noAck: true },
    );
  });

  afterAll(async () => {
    await connection?.close().catch(() => undefined);
    await system?.stop();
  });

  const token = async (): Promise<string> =>
    (await import('@app/auth')).signToken({ sub: 'outsider', roles: ['admin'] });

  async function call(
    method: string,
    url: string,
    body?: unknown,
    admin = false,
  ): Promise<{ status: number; body: any }> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (admin) headers.authorization = `Bearer ${await token()}`;
    const res = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  it('sees a decommissioned product vanish from catalogs and orders, old orders intact', async () => {
    const [product, catalog, order] = ['product', 'catalog', 'order'].map((a) => system.url(a));
    const created = await call(
      'POST',
      `${product}/products`,
      { sku: 'OUT-1', name: 'Outside', priceCents: 250, currency: 'EUR' },
      true,
    );
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const cat = await call('POST', `${catalog}/catalogs`, { name: 'Web', medium: 'digital' }, true);

    // Publishing is idempotent, so an outside client may simply retry until the catalog knows it.
    await waitFor(
      async () =>
        (await call('PUT', `${catalog}/catalogs/${cat.body.id}/products/${id}`, undefined, true))
          .status === 200,
      {
        what: 'the catalog to accept the product',
      },
    );
    const placed = await waitFor(
      async () => {
        const res = await call('POST', `${order}/orders`, {
          customerId: 'outsider',
          lines: [{ productId: id, quantity: 1 }],
        });
        return res.status === 201 ? res : false;
      },
      { what: 'the order service to accept the product' },
    );

    expect(
      (
        await call(
          'POST',
          `${product}/admin/products/${id}/decommission`,
          { reason: 'outside' },
          true,
        )
      ).status,
    ).toBe(200);
    await waitFor(
      async () =>
        (await call('GET', `${catalog}/catalogs/${cat.body.id}`)).body.products.length === 0,
      {
        what: 'the catalog to drop it',
      },
    );
    expect(
      (await call('PUT', `${catalog}/catalogs/${cat.body.id}/products/${id}`, undefined, true))
        .status,
    ).toBe(409);
    expect((await call('GET', `${order}/orders/${placed.body.id}`)).body).toEqual(placed.body);

    await waitFor(
      () => seen.some((e) => e.type === 'product.decommissioned' && e.body.subject === id),
      {
        what: 'product.decommissioned on the broker',
      },
    );
    const decommissioned = seen.find(
      (e) => e.type === 'product.decommissioned' && e.body.subject === id,
    );
    expect(decommissioned?.body).toMatchObject({
      specversion: '1.0',
      source: '/services/product',
      aggregateversion: 2,
      data: { id, status: 'decommissioned', decommissionReason: 'outside', name: 'Outside' },
    });
  });
});
