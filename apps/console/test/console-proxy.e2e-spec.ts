import { createServer, type Server, type Socket } from 'node:net';
import { adminToken, freePort, ServiceSystem } from '@app/testing';
import { rawRequest } from './raw-request';

/**
 * The console's proxy without a browser, in front of a real product service: what it passes on,
 * what it refuses, and how it reports a service that is away or silent.
 */
describe('console proxy', () => {
  let system: ServiceSystem;
  let console_: string;
  let silent: Server;
  const held: Socket[] = [];
  const admin = { authorization: `Bearer ${adminToken()}` };

  beforeAll(async () => {
    // A service that takes connections and never answers, and a port where nothing listens.
    silent = createServer((socket) => held.push(socket));
    const silentPort = await freePort();
    await new Promise<void>((resolve) => silent.listen(silentPort, '127.0.0.1', resolve));
    const gonePort = await freePort();
    system = await ServiceSystem.start(['product']);
    const app = await system.startConsole(
      { gone: `http://127.0.0.1:${gonePort}`, silent: `http://127.0.0.1:${silentPort}` },
      { CONSOLE_UPSTREAM_TIMEOUT_MS: '500', CONSOLE_MAX_BODY_BYTES: '2048' },
    );
    console_ = app.url;
  });

  afterAll(async () => {
    await system?.stop();
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => silent?.close(resolve));
  });

  it('lists the configured services', async () => {
    const res = await rawRequest(console_, 'GET', '/api/services');
    expect([res.status, JSON.parse(res.text)]).toEqual([
      200,
      { services: ['product', 'gone', 'silent'] },
    ]);
  });

  it('passes admin, health and metrics on with the caller’s token, never cached', async () => {
    const health = await rawRequest(console_, 'GET', '/api/product/admin/health', {
      headers: admin,
    });
    expect(health.status).toBe(200);
    expect(JSON.parse(health.text)).toMatchObject({ status: 'ok', database: { up: true } });
    expect(health.headers['cache-control']).toBe('no-store');
    const metrics = await rawRequest(console_, 'GET', '/api/product/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    expect(metrics.text).toContain('safe_deletion_outbox_pending');
    const ready = await rawRequest(console_, 'GET', '/api/product/health/ready');
    expect(JSON.parse(ready.text)).toMatchObject({ status: 'ok' });
  });

  it('passes a JSON POST body on, and answers what the service answered', async () => {
    const res = await rawRequest(console_, 'POST', '/api/product/admin/dead-letters/requeue', {
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ ids: ['987654'] }),
    });
    expect([res.status, JSON.parse(res.text)]).toEqual([
      200,
      { count: 0, ids: [], skipped: ['987654'], failures: [] },
    ]);
  });

  it('hands a missing or refused token back as the service’s own 401', async () => {
    const res = await rawRequest(console_, 'GET', '/api/product/admin/audit');
    expect(res.status).toBe(401);
    expect(JSON.parse(res.text)).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    const bad = await rawRequest(console_, 'GET', '/api/product/admin/audit', {
      headers: { authorization: 'Bearer not-a-token' },
    });
    expect(bad.status).toBe(401);
  });

  it.each([
    '/api/product/products',
    '/api/product/docs',
    '/api/product/admin',
    '/api/product/admin/../products',
    '/api/product/admin/%2e%2e/products',
    '/api/product/health/..%2F..%2Fproducts',
    '/api/product//127.0.0.1:5432/admin/health',
    '/api/product/admin%2Fhealth',
    '/api/unknown/admin/health',
    '/api/product',
  ])('refuses %s with 404', async (path) => {
    const res = await rawRequest(console_, 'GET', path, { headers: admin });
    expect(res.status).toBe(404);
    expect(JSON.parse(res.text)).toMatchObject({ statusCode: 404 });
  });

  it.each(['PUT', 'PATCH', 'DELETE'])('refuses %s with 404', async (method) => {
    const res = await rawRequest(console_, method, '/api/product/admin/health', {
      headers: admin,
    });
    expect(res.status).toBe(404);
  });

  it('takes JSON bodies only, and small ones', async () => {
    const form = await rawRequest(console_, 'POST', '/api/product/admin/mirror/reconcile', {
      headers: { ...admin, 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(form.status).toBe(415);
    const large = await rawRequest(console_, 'POST', '/api/product/admin/dead-letters/requeue', {
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ ids: Array.from({ length: 400 }, (_, i) => String(i)) }),
    });
    expect(large.status).toBe(413);
  });

  it('answers 502 for a service where nothing listens, 504 for one that never answers', async () => {
    const gone = await rawRequest(console_, 'GET', '/api/gone/health/ready');
    expect(gone.status).toBe(502);
    expect(JSON.parse(gone.text)).toEqual({
      statusCode: 502,
      error: 'Bad Gateway',
      message: expect.stringMatching(/^gone is unreachable: .*ECONNREFUSED/),
    });
    const silentAnswer = await rawRequest(console_, 'GET', '/api/silent/health/ready');
    expect(silentAnswer.status).toBe(504);
    expect(JSON.parse(silentAnswer.text)).toEqual({
      statusCode: 504,
      error: 'Gateway Timeout',
      message: 'silent did not answer within 500 ms',
    });
  });

  it('serves its page under a policy that allows only its own scripts and styles', async () => {
    const page = await rawRequest(console_, 'GET', '/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<script type="module" src="js/main.js"></script>');
    const policy = String(page.headers['content-security-policy']);
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("style-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('https:');
    const script = await rawRequest(console_, 'GET', '/js/main.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
  });
});
