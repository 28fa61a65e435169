import { http, ServiceSystem, waitFor } from '@app/testing';

/**
 * Orders in customer token mode (`CUSTOMER_AUTH=token`): an order is placed only for the
 * token's customer, and read or cancelled only with its customer's token (401 without a valid
 * one, 403 for another customer's, nothing changed).
 */
describe('orders in customer token mode', () => {
  let system: ServiceSystem;
  let orders: string;
  let productId: string;

  beforeAll(async () => {
    system = await ServiceSystem.start(['product', 'order'], {
      env: { order: { CUSTOMER_AUTH: 'token' } },
    });
    orders = `${system.url('order')}/orders`;
    const res = await http('POST', `${system.url('product')}/products`, {
      admin: true,
      body: { sku: 'MODE-2', name: 'Ordered thing', priceCents: 450, currency: 'EUR' },
    });
    productId = res.body.id;
    const db = await system.db('order');
    await waitFor(
      async () =>
        (await db.query('SELECT 1 FROM product_mirror WHERE id = $1', [productId])).length === 1,
      { what: 'the order service to mirror the product' },
    );
  });

  afterAll(async () => {
    await system?.stop();
  });

  const place = (customerId: unknown, options: Parameters<typeof http>[2] = {}) =>
    http('POST', orders, {
      body: { customerId, lines: [{ productId, quantity: 1 }] },
      ...options,
    });

  it("places an order only for the token's customer", async () => {
    expect((await place('alice')).status).toBe(401);
    expect((await place('alice', { admin: true })).status).toBe(403);
    const other = await place('alice', { customer: 'bob' });
    expect([other.status, other.body.message]).toEqual([
      403,
      'the customer token is for another customer',
    ]);
    const missing = await place(undefined, { customer: 'alice' });
    expect([missing.status, missing.body.fields]).toEqual([
      400,
      [{ field: 'customerId', problems: ['the customer id is required'] }],
    ]);
    const placed = await place('alice', { customer: 'alice' });
    expect([placed.status, placed.body.customerId]).toEqual([201, 'alice']);
  });

  it("reads and cancels an order only with its customer's token", async () => {
    const { body: order } = await place('erin', { customer: 'erin' });
    const url = `${orders}/${order.id}`;
    expect((await http('GET', url)).status).toBe(401);
    expect((await http('GET', url, { customer: 'frank' })).status).toBe(403);
    const cancel = (customer?: string) =>
      http('POST', `${url}/cancel`, { body: { reason: 'changed my mind' }, customer });
    expect((await cancel()).status).toBe(401);
    const refused = await cancel('frank');
    expect([refused.status, refused.body.message]).toEqual([
      403,
      'the customer token is for another customer',
    ]);
    // Nothing changed, nothing emitted: the order is as placed.
    const read = await http('GET', url, { customer: 'erin' });
    expect([read.status, read.body.status, read.body.version]).toEqual([200, 'placed', 1]);
    const cancelled = await cancel('erin');
    expect([cancelled.status, cancelled.body.status]).toEqual([200, 'cancelled']);
    const audit = await (
      await system.db('order')
    ).query<{ action: string }>('SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id', [
      order.id,
    ]);
    expect(audit.map((a) => a.action)).toEqual(['order.placed', 'order.cancelled']);
  });
});
