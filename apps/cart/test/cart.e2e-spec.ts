import { http, metricValue, ServiceSystem, waitFor, type Tap } from '@app/testing';

// Long enough that a lookup right after a fetch is still fresh on a loaded CI machine.
const MAX_AGE = 5;

/**
 * The cart looks products up through the caching client: a second lookup within max-age makes
 * no HTTP call; after max-age it revalidates (304); a changed product comes back as a 200; with
 * the product service down a fresh entry still serves, a stale one only where the owner allowed
 * it (stale-if-error), and otherwise the cart answers 503.
 */
describe('cart', () => {
  let system: ServiceSystem;
  let events: Tap;
  let productId: string;

  beforeAll(async () => {
    system = await ServiceSystem.start(['product', 'cart'], {
      env: {
        product: {
          PRODUCT_CACHE_MAX_AGE_SECONDS: String(MAX_AGE),
          PRODUCT_CACHE_STALE_IF_ERROR_SECONDS: '0',
        },
        cart: { PRODUCT_SERVICE_URL: '{url:product}' },
      },
    });
    events = await system.amqp.tap('cart.events');
    const res = await http('POST', `${system.url('product')}/products`, {
      admin: true,
      body: { sku: 'CART-1', name: 'Cart thing', priceCents: 700, currency: 'EUR' },
    });
    productId = res.body.id;
  });

  afterAll(async () => {
    await system?.stop();
  });

  const put = (customer: string, quantity = 1, id = productId) =>
    http('PUT', `${system.url('cart')}/carts/${customer}/items/${id}`, { body: { quantity } });

  async function lookups(): Promise<Record<string, number>> {
    return (await http('GET', `${system.url('cart')}/admin/health`, { admin: true })).body
      .productLookups;
  }

  const productGets = (status: string) =>
    metricValue(system.url('product'), 'safe_deletion_http_requests_total', {
      method: 'GET',
      route: '/products/:id',
      status,
    });

  it('serves a second lookup within max-age from its cache, then revalidates with a 304', async () => {
    expect((await put('alice')).status).toBe(200);
    const fetched = await productGets('200');
    const before = await lookups();
    const second = await put('bob');
    expect(second.status).toBe(200);
    expect(second.body.lines[0]).toMatchObject({
      productId,
      quantity: 1,
      productName: 'Cart thing',
    });
    expect((await lookups()).cache).toBe(before.cache + 1);
    expect(await productGets('200')).toBe(fetched);

    const notModified = await productGets('304');
    await waitFor(
      async () =>
        (await put('bob')).status === 200 && (await lookups()).revalidated > before.revalidated,
      {
        what: 'a revalidation after max-age',
        timeoutMs: (MAX_AGE + 5) * 1000,
      },
    );
    expect(await productGets('304')).toBe(notModified + 1);
  });

  it('gets the new body with a 200 after the product changed', async () => {
    const fullBefore = await productGets('200');
    const before = await lookups();
    await http('PATCH', `${system.url('product')}/products/${productId}`, {
      admin: true,
      body: { name: 'Renamed thing', priceCents: 800 },
    });
    let attempt = 0;
    await waitFor(
      async () =>
        (await put(`carol-${++attempt}`, 2)).status === 200 &&
        (await lookups()).network > before.network,
      { what: 'a full fetch of the changed product', timeoutMs: (MAX_AGE + 5) * 1000 },
    );
    expect(await productGets('200')).toBe(fullBefore + 1);
    // The line's snapshot comes from the lookup, not from the event-fed mirror.
    const cart = await system.db('cart');
    const [line] = await cart.query<{ product_name: string; unit_price_cents: number }>(
      `SELECT product_name, unit_price_cents FROM cart_lines WHERE customer_id = $1`,
      [`carol-${attempt}`],
    );
    expect(line).toEqual({ product_name: 'Renamed thing', unit_price_cents: 800 });
  });

  it('keeps serving fresh entries with the product service down, and fails stale ones clearly', async () => {
    const fresh = await waitFor(
      async () => {
        const before = await lookups();
        await put('dave');
        const after = await lookups();
        return after.network + after.revalidated > before.network + before.revalidated
          ? after
          : false;
      },
      { what: 'a freshly fetched entry', timeoutMs: (MAX_AGE + 5) * 1000 },
    );
    await system.app('product').kill();
    const served = await put('erin');
    expect(served.status).toBe(200);
    expect((await lookups()).cache).toBe(fresh.cache + 1);

    const refused = await waitFor(
      async () => {
        const r = await put('frank');
        return r.status === 503 ? r : false;
      },
      { what: 'the entry to go stale', timeoutMs: (MAX_AGE + 5) * 1000 },
    );
    expect(refused.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
    expect(refused.body.message).toContain('product service unavailable');
  });

  it('serves a stale entry while the product service is down only where stale-if-error allows', async () => {
    await system.startApp('product', { PRODUCT_CACHE_STALE_IF_ERROR_SECONDS: '60' });
    await waitFor(async () => (await put('gina')).status === 200, { what: 'a fresh fetch' });
    await system.app('product').stop();
    const before = await lookups();
    await waitFor(
      async () => {
        const r = await put('hank');
        return r.status === 200 && (await lookups()).stale > before.stale;
      },
      { what: 'a stale-if-error answer', timeoutMs: (MAX_AGE + 5) * 1000 },
    );
    await system.startApp('product');
  });

  it('marks lines of a decommissioned product unavailable and refuses to add it', async () => {
    await http('POST', `${system.url('product')}/admin/products/${productId}/decommission`, {
      admin: true,
      body: { reason: 'gone' },
    });
    const cart = await waitFor(
      async () => {
        const r = await http('GET', `${system.url('cart')}/carts/alice`);
        return r.body.lines[0].available === false ? r : false;
      },
      { what: 'the cart to learn of the decommission' },
    );
    expect(cart.body.lines[0]).toMatchObject({ productId, quantity: 1 });
    expect(cart.headers.get('cache-control')).toBe('private, max-age=0');
    // The mirror knows before the cached copy expires: the event wins.
    expect((await put('ivan')).status).toBe(409);
    expect((await put('ivan', 1, '00000000-0000-4000-8000-000000000000')).status).toBe(422);
    expect((await put('ivan', 0)).status).toBe(400);
  });

  it('emits cart.item-added, cart.item-updated and cart.item-removed through the outbox', async () => {
    const res = await http('POST', `${system.url('product')}/products`, {
      admin: true,
      body: { sku: 'CART-2', name: 'Second', priceCents: 100, currency: 'EUR' },
    });
    const id = res.body.id as string;
    expect((await put('judy', 1, id)).status).toBe(200);
    expect((await put('judy', 3, id)).status).toBe(200);
    expect((await put('judy', 3, id)).status).toBe(200);
    expect((await http('DELETE', `${system.url('cart')}/carts/judy/items/${id}`)).status).toBe(204);
    expect((await http('DELETE', `${system.url('cart')}/carts/judy/items/${id}`)).status).toBe(204);
    await waitFor(
      () =>
        events
          .ofType('cart.item-removed')
          .some((m) => JSON.parse(m.content.toString()).subject === 'judy'),
      {
        what: 'the removal event',
      },
    );
    const judy = events
      .bodies<{
        subject: string;
        type: string;
        aggregateversion: number;
        data: Record<string, unknown>;
      }>()
      .filter((e) => e.subject === 'judy');
    expect(judy.map((e) => [e.type, e.aggregateversion])).toEqual([
      ['cart.item-added', 1],
      ['cart.item-updated', 2],
      ['cart.item-removed', 3],
    ]);
    expect(judy[1].data).toMatchObject({
      productId: id,
      quantity: 3,
      previousQuantity: 1,
      cartVersion: 2,
    });
    const view = await http('GET', `${system.url('cart')}/carts/judy`);
    expect(view.body).toEqual({ customerId: 'judy', version: 3, lines: [] });
  });

  it('erases a purged product from cart lines, keeping the quantity', async () => {
    const res = await http('POST', `${system.url('product')}/products`, {
      admin: true,
      body: { sku: 'CART-PURGE', name: 'Secret name', priceCents: 999, currency: 'EUR' },
    });
    const id = res.body.id as string;
    expect((await put('kim', 2, id)).status).toBe(200);
    await http('POST', `${system.url('product')}/admin/products/${id}/decommission`, {
      admin: true,
      body: { reason: 'legal' },
    });
    await http('POST', `${system.url('product')}/admin/products/${id}/purge`, {
      admin: true,
      body: { reason: 'erasure request' },
    });
    const cart = await waitFor(
      async () => {
        const r = await http('GET', `${system.url('cart')}/carts/kim`);
        return r.body.lines[0]?.productName === 'erased product' ? r : false;
      },
      { what: 'the cart to erase the product' },
    );
    expect(cart.body.lines[0]).toMatchObject({
      productId: id,
      quantity: 2,
      available: false,
      unitPriceCents: 0,
    });
    const db = await system.db('cart');
    const rows = await db.query(`SELECT 1 FROM cart_lines WHERE product_name = 'Secret name'`);
    expect(rows).toEqual([]);
  });

  it('lets a newer mirror row overrule a fresh cached copy both ways: decommissioned over active, active over decommissioned', async () => {
    // A long max-age keeps every cached copy fresh through the test: only the mirror can move the answer.
    await system.app('product').stop();
    await system.startApp('product', { PRODUCT_CACHE_MAX_AGE_SECONDS: '120' });
    const cart = await system.db('cart');
    const mirrored = (id: string, status: string, version: number) =>
      waitFor(
        async () => {
          const [row] = await cart.query<{ status: string; version: number }>(
            `SELECT status, version FROM product_mirror WHERE id = $1`,
            [id],
          );
          return row?.status === status && row.version === version;
        },
        { what: `the cart's mirror to hold ${id} ${status} at version ${version}` },
      );
    const create = async (sku: string) =>
      (
        await http('POST', `${system.url('product')}/products`, {
          admin: true,
          body: { sku, name: sku, priceCents: 300, currency: 'EUR' },
        })
      ).body.id as string;
    const admin = (action: string, id: string) =>
      http('POST', `${system.url('product')}/admin/products/${id}/${action}`, {
        admin: true,
        body: { reason: 'mirror overrule test' },
      });

    // Decommissioned over active: the cached copy is active at version 1, the mirror says
    // decommissioned at version 2.
    const retired = await create('CART-OVERRULE-DOWN');
    expect((await put('lena', 1, retired)).status).toBe(200);
    expect((await admin('decommission', retired)).status).toBe(200);
    await mirrored(retired, 'decommissioned', 2);
    let before = await lookups();
    expect((await put('mona', 1, retired)).status).toBe(409);
    expect((await lookups()).cache).toBe(before.cache + 1);

    // Active over decommissioned: the cached copy is decommissioned at version 2, the mirror
    // says active again at version 3.
    const returning = await create('CART-OVERRULE-UP');
    expect((await admin('decommission', returning)).status).toBe(200);
    expect((await put('nora', 1, returning)).status).toBe(409);
    expect((await admin('recommission', returning)).status).toBe(200);
    await mirrored(returning, 'active', 3);
    before = await lookups();
    const back = await put('nora', 2, returning);
    expect((await lookups()).cache).toBe(before.cache + 1);
    expect(back.status).toBe(200);
    expect(back.body.lines).toEqual([
      expect.objectContaining({ productId: returning, quantity: 2, available: true }),
    ]);
  });
});
