import { CloudEvent as SdkCloudEvent } from 'cloudevents';
import { http, ServiceSystem, waitFor, type Tap } from '@app/testing';

/**
 * The whole deletion flow, seen from outside: only the HTTP APIs and an AMQP client.
 * create → publish in a catalog → order → decommission → the catalog stops listing it,
 * ordering it is refused, and the earlier order still shows its snapshot.
 */
describe('deletion flow across product, catalog and order', () => {
  let system: ServiceSystem;
  let productEvents: Tap;
  let orderEvents: Tap;

  beforeAll(async () => {
    system = await ServiceSystem.start(['product', 'catalog', 'order']);
    productEvents = await system.amqp.tap('product.events');
    orderEvents = await system.amqp.tap('order.events');
  });

  afterAll(async () => {
    await system?.stop();
  });

  async function createProduct(
    sku: string,
    priceCents = 1299,
  ): Promise<{ id: string; version: number }> {
    const res = await http('POST', `${system.url('product')}/products`, {
      admin: true,
      body: { sku, name: `Product ${sku}`, priceCents, currency: 'EUR' },
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  async function mirrorVersion(app: string, id: string): Promise<number | undefined> {
    const db = await system.db(app);
    const rows = await db.query<{ version: number }>(
      'SELECT version FROM product_mirror WHERE id = $1',
      [id],
    );
    return rows[0]?.version;
  }

  async function mirrored(app: string, id: string, version: number): Promise<void> {
    await waitFor(async () => (await mirrorVersion(app, id)) === version, {
      what: `${app} to mirror ${id} at v${version}`,
    });
  }

  it('keeps old orders whole while a decommissioned product disappears everywhere else', async () => {
    const product = await createProduct('FLOW-1');
    await mirrored('catalog', product.id, 1);
    await mirrored('order', product.id, 1);

    const catalog = await http('POST', `${system.url('catalog')}/catalogs`, {
      admin: true,
      body: { name: 'Autumn', medium: 'print' },
    });
    expect(catalog.status).toBe(201);
    const publish = await http(
      'PUT',
      `${system.url('catalog')}/catalogs/${catalog.body.id}/products/${product.id}`,
      {
        admin: true,
      },
    );
    expect(publish.status).toBe(200);
    const listed = await http('GET', `${system.url('catalog')}/catalogs/${catalog.body.id}`);
    expect(listed.body.products.map((p: { id: string }) => p.id)).toEqual([product.id]);

    const order = await http('POST', `${system.url('order')}/orders`, {
      body: { customerId: 'customer-1', lines: [{ productId: product.id, quantity: 3 }] },
    });
    expect(order.status).toBe(201);
    expect(order.body.totalCents).toBe(3 * 1299);

    const renamed = await http('PATCH', `${system.url('product')}/products/${product.id}`, {
      admin: true,
      body: { name: 'Renamed', priceCents: 1 },
    });
    expect(renamed.status).toBe(200);
    const decommission = await http(
      'POST',
      `${system.url('product')}/admin/products/${product.id}/decommission`,
      {
        admin: true,
        body: { reason: 'recalled' },
      },
    );
    expect(decommission.status).toBe(200);
    expect(decommission.body).toMatchObject({ status: 'decommissioned', version: 3 });
    await mirrored('catalog', product.id, 3);
    await mirrored('order', product.id, 3);

    const after = await http('GET', `${system.url('catalog')}/catalogs/${catalog.body.id}`);
    expect(after.body.products).toEqual([]);
    const republish = await http(
      'PUT',
      `${system.url('catalog')}/catalogs/${catalog.body.id}/products/${product.id}`,
      {
        admin: true,
      },
    );
    expect(republish.status).toBe(409);
    const refused = await http('POST', `${system.url('order')}/orders`, {
      body: { customerId: 'customer-2', lines: [{ productId: product.id, quantity: 1 }] },
    });
    expect(refused.status).toBe(409);

    const old = await http('GET', `${system.url('order')}/orders/${order.body.id}`);
    expect(old.status).toBe(200);
    expect(old.body).toEqual(order.body);
    expect(old.body.lines[0]).toMatchObject({
      productName: 'Product FLOW-1',
      unitPriceCents: 1299,
      currency: 'EUR',
    });

    // The product itself is still readable, decommissioned, for anyone holding an old reference.
    const read = await http('GET', `${system.url('product')}/products/${product.id}`);
    expect(read.body).toMatchObject({ status: 'decommissioned', decommissionReason: 'recalled' });
  });

  it('brings a recommissioned product back to catalogs and orders', async () => {
    const product = await createProduct('FLOW-2');
    await http('POST', `${system.url('product')}/admin/products/${product.id}/decommission`, {
      admin: true,
      body: { reason: 'out of season' },
    });
    const back = await http(
      'POST',
      `${system.url('product')}/admin/products/${product.id}/recommission`,
      {
        admin: true,
        body: {},
      },
    );
    expect(back.body).toMatchObject({ status: 'active', version: 3 });
    await mirrored('order', product.id, 3);
    const order = await http('POST', `${system.url('order')}/orders`, {
      body: { customerId: 'customer-3', lines: [{ productId: product.id, quantity: 1 }] },
    });
    expect(order.status).toBe(201);
  });

  it('erases a purged product in every mirror, keeping only a versioned tombstone', async () => {
    const product = await createProduct('FLOW-PURGE');
    await http('POST', `${system.url('product')}/admin/products/${product.id}/decommission`, {
      admin: true,
      body: { reason: 'legal' },
    });
    const purge = await http(
      'POST',
      `${system.url('product')}/admin/products/${product.id}/purge`,
      {
        admin: true,
        body: { reason: 'erasure request' },
      },
    );
    expect(purge.status).toBe(204);
    for (const app of ['catalog', 'order']) {
      await mirrored(app, product.id, 3);
      const db = await system.db(app);
      const [row] = await db.query(
        'SELECT sku, name, price_cents, status FROM product_mirror WHERE id = $1',
        [product.id],
      );
      expect(row).toEqual({ sku: null, name: null, price_cents: null, status: 'purged' });
    }
    const order = await http('POST', `${system.url('order')}/orders`, {
      body: { customerId: 'customer-9', lines: [{ productId: product.id, quantity: 1 }] },
    });
    expect(order.status).toBe(422);
  });

  it('refuses unknown products with 422 and bad input with 400 naming the fields', async () => {
    const unknown = await http('POST', `${system.url('order')}/orders`, {
      body: {
        customerId: 'c',
        lines: [{ productId: '00000000-0000-4000-8000-000000000000', quantity: 1 }],
      },
    });
    expect(unknown.status).toBe(422);
    const bad = await http('POST', `${system.url('order')}/orders`, {
      body: { customerId: '', lines: [{ productId: 'nope', quantity: 0 }], extra: true },
    });
    expect(bad.status).toBe(400);
    const fields = bad.body.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['customerId', 'extra', 'lines.0.productId', 'lines.0.quantity']);
  });

  it('emits order.placed with its lines and order.cancelled once', async () => {
    const product = await createProduct('FLOW-3', 500);
    await mirrored('order', product.id, 1);
    const order = await http('POST', `${system.url('order')}/orders`, {
      body: { customerId: 'customer-4', lines: [{ productId: product.id, quantity: 2 }] },
    });
    const first = await http('POST', `${system.url('order')}/orders/${order.body.id}/cancel`, {
      body: {},
    });
    const second = await http('POST', `${system.url('order')}/orders/${order.body.id}/cancel`, {
      body: {},
    });
    expect(first.body).toMatchObject({ status: 'cancelled', version: 2 });
    expect(second.body).toMatchObject({ status: 'cancelled', version: 2 });
    await waitFor(() => orderEvents.ofType('order.cancelled').length >= 1, {
      what: 'order.cancelled',
    });
    const placed = orderEvents
      .bodies<{ type: string; subject: string; data: { lines: unknown[] } }>()
      .filter((e) => e.subject === order.body.id);
    expect(placed.map((e) => e.type)).toEqual(['order.placed', 'order.cancelled']);
    expect(placed[0].data.lines).toHaveLength(1);
  });

  it('publishes events that validate as CloudEvents 1.0 with the AMQP properties of the contract', async () => {
    await waitFor(() => productEvents.messages.length >= 5, { what: 'product events' });
    for (const msg of [...productEvents.messages, ...orderEvents.messages]) {
      const body = JSON.parse(msg.content.toString()) as Record<string, unknown>;
      const event = new SdkCloudEvent(body, true);
      expect(event.validate()).toBe(true);
      expect(event.specversion).toBe('1.0');
      expect(typeof body.aggregateversion).toBe('number');
      expect(msg.properties).toMatchObject({
        messageId: body.id,
        type: body.type,
        contentType: 'application/cloudevents+json',
        deliveryMode: 2,
      });
      expect(msg.fields.routingKey).toBe(body.type);
    }
  });
});
