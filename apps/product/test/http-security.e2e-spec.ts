import { serviceToken } from '@app/auth';
import { adminToken, customerToken, http, ServiceSystem } from '@app/testing';

/**
 * The product API's HTTP security: tokens refused with our reasons, headers, no-store admin,
 * health details for admins only, and admin calls rate limited.
 */
describe('product service HTTP security', () => {
  let system: ServiceSystem;
  let base: string;

  beforeAll(async () => {
    system = await ServiceSystem.start(['product']);
    base = system.url('product');
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('guards admin calls: 401 without a token, 403 without the admin role', async () => {
    const anonymous = await http('POST', `${base}/products`, { body: {} });
    expect(anonymous.status).toBe(401);
    const { signToken } = await import('@app/auth');
    const customer = await http('POST', `${base}/products`, {
      headers: { authorization: `Bearer ${signToken({ sub: 'c', roles: ['customer'] })}` },
      body: {},
    });
    expect(customer.status).toBe(403);
    const forged = await http('POST', `${base}/products`, {
      headers: {
        authorization: `Bearer ${signToken({ sub: 'x', roles: ['admin'] }, 'wrong-secret')}`,
      },
      body: {},
    });
    expect(forged.status).toBe(401);
    // Our reason, not the verification library's message.
    expect((forged.body as { message: string }).message).toBe('invalid token: bad signature');
    const jwt = await import('jsonwebtoken');
    const { jwtSecret } = await import('@app/auth');
    for (const [payload, options, message] of [
      [{ sub: 'x', roles: ['admin'] }, {}, 'invalid token: exp is required'],
      [{ roles: ['admin'] }, { expiresIn: '1h' }, 'invalid token: sub is required'],
      [
        { sub: 'x', roles: ['admin'] },
        { expiresIn: '36500d' },
        'invalid token: lifetime over 86400 s',
      ],
    ] as const) {
      const token = jwt.sign(payload, jwtSecret(), { algorithm: 'HS256', ...options });
      const res = await http('POST', `${base}/products`, {
        headers: { authorization: `Bearer ${token}` },
        body: {},
      });
      expect([res.status, (res.body as { message: string }).message]).toEqual([401, message]);
    }
  });

  it('sends the security headers, and no admin answer may be cached', async () => {
    const res = await fetch(`${base}/products`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-powered-by')).toBeNull();
    const purges = await http('GET', `${base}/admin/purges`, { admin: true });
    expect([purges.status, purges.headers.get('cache-control')]).toEqual([200, 'no-store']);
    const refused = await http('GET', `${base}/admin/purges`);
    expect([refused.status, refused.headers.get('cache-control')]).toEqual([401, 'no-store']);
    // The Swagger UI still loads under the policy: its page and every script it names.
    const page = await fetch(`${base}/docs`);
    const html = await page.text();
    expect(page.status).toBe(200);
    const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    expect(html).not.toMatch(/<script>(?!\s*<\/script>)/);
    for (const src of scripts) {
      expect((await fetch(new URL(src, `${base}/docs`))).status).toBe(200);
    }
  });

  it('shows anyone statuses only; the details, errors included, need an admin token', async () => {
    const open = await http('GET', `${base}/health`);
    expect([open.status, open.headers.get('cache-control')]).toEqual([200, 'no-store']);
    expect(open.body).toEqual({ status: 'ok', database: 'up', broker: 'up', consumers: 'up' });
    // `/health` is readiness under its old name; liveness says nothing but that it answers.
    expect((await http('GET', `${base}/health/ready`)).body).toEqual(open.body);
    const live = await http('GET', `${base}/health/live`);
    expect([live.status, live.body, live.headers.get('cache-control')]).toEqual([
      200,
      { status: 'ok' },
      'no-store',
    ]);
    expect((await http('GET', `${base}/admin/health`)).status).toBe(401);
    const customer = { authorization: `Bearer ${customerToken('alice')}` };
    expect((await http('GET', `${base}/admin/health`, { headers: customer })).status).toBe(403);
    const details = await http('GET', `${base}/admin/health`, { admin: true });
    expect([details.status, details.headers.get('cache-control')]).toEqual([200, 'no-store']);
    expect(details.body).toMatchObject({
      status: 'ok',
      database: { up: true },
      broker: { up: true, lastError: null },
      relay: { running: true, lastError: null },
    });
    expect(details.body.consumers.length).toBeGreaterThan(0);
  });

  it('answers a body it cannot read, or nested too deep, with its own 4xx, never 500', async () => {
    const post = async (body: string, contentType = 'application/json') => {
      const res = await fetch(`${base}/products`, {
        method: 'POST',
        headers: { 'content-type': contentType, authorization: `Bearer ${adminToken()}` },
        body,
      });
      return { status: res.status, body: (await res.json()) as { message: string } };
    };
    expect(await post(`"${'x'.repeat(200 * 1024)}"`)).toEqual({
      status: 413,
      body: expect.objectContaining({ error: 'Payload Too Large' }),
    });
    expect((await post('{"sku":', 'application/json')).status).toBe(400);
    expect([400, 415]).toContain((await post('{}', 'application/json; charset=utf-16')).status);
    // Nested thousands deep under a field no DTO has: refused before it is transformed.
    const deep = `{"name":"n","":${'{"a":['.repeat(3000)}1${']}'.repeat(3000)}}`;
    expect(await post(deep)).toEqual({
      status: 400,
      body: expect.objectContaining({
        message: ['body: must not nest objects or arrays more than 32 levels deep'],
      }),
    });
  });

  it('limits admin calls per address: 429 with Retry-After; mirror reads and public routes stay open', async () => {
    await system.app('product').stop();
    await system.startApp('product', { ADMIN_RATE_LIMIT: '3' });
    base = system.url('product');
    // Every admin route counts, under /admin or not, and so does a refused call.
    expect((await http('GET', `${base}/admin/purges`, { admin: true })).status).toBe(200);
    const created = await http('POST', `${base}/products`, {
      admin: true,
      body: { sku: 'LIMIT-1', name: 'Limited', priceCents: 100, currency: 'EUR' },
    });
    expect(created.status).toBe(201);
    expect((await http('GET', `${base}/admin/purges`)).status).toBe(401);
    const limited = await http('GET', `${base}/admin/health`, { admin: true });
    expect([limited.status, limited.headers.get('cache-control')]).toEqual([429, 'no-store']);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect(limited.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: `too many requests: retry after ${retryAfter} s`,
    });
    expect(
      (await http('PATCH', `${base}/products/${created.body.id}`, { admin: true, body: {} }))
        .status,
    ).toBe(429);
    // Mirrors page through the snapshot when they seed: not an admin route, not limited.
    const mirror = { authorization: `Bearer ${serviceToken('catalog', ['mirror'])}` };
    expect((await http('GET', `${base}/admin/products/snapshot`, { headers: mirror })).status).toBe(
      200,
    );
    expect((await http('GET', `${base}/products/${created.body.id}`)).status).toBe(200);
    expect((await http('GET', `${base}/health`)).status).toBe(200);
  });
});
