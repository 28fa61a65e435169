import { signToken } from '@app/auth';
import { http, ServiceSystem } from '@app/testing';

/**
 * The cart in customer token mode (`CUSTOMER_AUTH=token`): a cart is read and changed only with
 * its customer's token (401 without a valid one, 403 for another customer's or a token without
 * the customer role); and customer writes are rate limited, with a 429 that says when to retry.
 */
describe('cart in customer token mode', () => {
  let system: ServiceSystem;
  let productId: string;
  let cart: string;

  beforeAll(async () => {
    system = await ServiceSystem.start(['product', 'cart'], {
      env: { cart: { PRODUCT_SERVICE_URL: '{url:product}', CUSTOMER_AUTH: 'token' } },
    });
    cart = system.url('cart');
    const res = await http('POST', `${system.url('product')}/products`, {
      admin: true,
      body: { sku: 'MODE-1', name: 'Mode thing', priceCents: 300, currency: 'EUR' },
    });
    productId = res.body.id;
  });

  afterAll(async () => {
    await system?.stop();
  });

  const item = (customer: string) => `${cart}/carts/${customer}/items/${productId}`;

  it("reads and changes a cart only with its customer's token", async () => {
    const put = (options: Parameters<typeof http>[2]) =>
      http('PUT', item('alice'), { body: { quantity: 2 }, ...options });
    expect((await put({})).status).toBe(401);
    expect((await http('GET', `${cart}/carts/alice`)).status).toBe(401);
    const forged = `Bearer ${signToken({ sub: 'alice', roles: ['customer'] }, 'f'.repeat(32))}`;
    const refused = await put({ headers: { authorization: forged } });
    expect([refused.status, refused.body.message]).toEqual([401, 'invalid token: bad signature']);
    const admin = await put({ admin: true });
    expect([admin.status, admin.body.message]).toEqual([403, 'the customer role is required']);
    const bob = await put({ customer: 'bob' });
    expect([bob.status, bob.body.message]).toEqual([
      403,
      'the customer token is for another customer',
    ]);

    const alice = await put({ customer: 'alice' });
    expect(alice.status).toBe(200);
    expect(alice.body.lines).toMatchObject([{ productId, quantity: 2 }]);
    expect((await http('GET', `${cart}/carts/alice`, { customer: 'bob' })).status).toBe(403);
    expect((await http('DELETE', item('alice'), { customer: 'bob' })).status).toBe(403);
    const read = await http('GET', `${cart}/carts/alice`, { customer: 'alice' });
    expect([read.status, read.body.lines.length, read.body.version]).toEqual([200, 1, 1]);
    expect((await http('DELETE', item('alice'), { customer: 'alice' })).status).toBe(204);
  });

  it('limits customer writes per address: 429 with Retry-After, reads stay open', async () => {
    await system.app('cart').stop();
    await system.startApp('cart', { CUSTOMER_WRITE_RATE_LIMIT: '3' });
    cart = system.url('cart');
    const write = (method: string) =>
      http(method, item('carol'), {
        customer: 'carol',
        body: method === 'PUT' ? { quantity: 1 } : undefined,
      });
    // Writes count together, whichever route and whichever customer.
    expect((await write('PUT')).status).toBe(200);
    expect((await write('DELETE')).status).toBe(204);
    expect(
      (await http('PUT', item('dave'), { customer: 'dave', body: { quantity: 1 } })).status,
    ).toBe(200);
    const limited = await write('PUT');
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect(limited.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: `too many requests: retry after ${retryAfter} s`,
    });
    expect((await http('GET', `${cart}/carts/dave`, { customer: 'dave' })).status).toBe(200);
  });
});
