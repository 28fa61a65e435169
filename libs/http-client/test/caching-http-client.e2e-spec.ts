import { v1, v2, type Product, useOrigin } from './origin-fixture';

/** Freshness, 304 revalidation and stale-if-error against a real HTTP origin. */
describe('CachingHttpClient: freshness, revalidation and origin failures', () => {
  const fx = useOrigin();

  it('serves a second lookup within max-age from the cache without a request', async () => {
    fx.origin.serve('/p', {
      body: v1,
      etag: '"v1"',
      headers: { 'cache-control': 'public, max-age=60' },
    });
    const http = fx.client();
    expect(await http.getJson<Product>('/p')).toMatchObject({ source: 'network', body: v1 });
    fx.clock.advanceSeconds(59);
    const second = await http.getJson<Product>('/p');
    expect(second).toMatchObject({ source: 'cache', status: 200, body: v1, ageSeconds: 59 });
    expect(second.headers['age']).toBe('59');
    expect(fx.origin.count('/p')).toBe(1);
    expect(http.stats()).toMatchObject({ network: 1, cache: 1, entries: 1 });
  });

  it('revalidates after max-age with If-None-Match; a 304 reuses the body and its new max-age', async () => {
    fx.origin.serve('/p', {
      body: v1,
      etag: '"v1"',
      headers: { 'cache-control': 'public, max-age=60' },
    });
    const http = fx.client();
    await http.getJson('/p');
    fx.clock.advanceSeconds(61);
    fx.origin.serve('/p', {
      body: v1,
      etag: '"v1"',
      headers: { 'cache-control': 'public, max-age=120' },
    });
    const revalidated = await http.getJson<Product>('/p');
    expect(revalidated).toMatchObject({ source: 'revalidated', status: 200, body: v1 });
    expect(revalidated.headers['cache-control']).toBe('public, max-age=120');
    expect(fx.origin.last('/p')?.headers['if-none-match']).toBe('"v1"');
    expect(fx.origin.count('/p')).toBe(2);
    fx.clock.advanceSeconds(100); // fresh only under the adopted max-age=120
    expect(await http.getJson('/p')).toMatchObject({ source: 'cache', body: v1 });
    expect(fx.origin.count('/p')).toBe(2);
  });

  it('fetches the new body when the resource changed', async () => {
    fx.origin.serve('/p', { body: v1, etag: '"v1"', headers: { 'cache-control': 'max-age=60' } });
    const http = fx.client();
    await http.getJson('/p');
    fx.origin.serve('/p', { body: v2, etag: '"v2"', headers: { 'cache-control': 'max-age=60' } });
    fx.clock.advanceSeconds(61);
    expect(await http.getJson<Product>('/p')).toMatchObject({ source: 'network', body: v2 });
    expect(fx.origin.last('/p')?.headers['if-none-match']).toBe('"v1"');
    expect(await http.getJson<Product>('/p')).toMatchObject({ source: 'cache', body: v2 });
  });

  it('serves a fresh entry while the origin is down', async () => {
    fx.origin.serve('/p', { body: v1, headers: { 'cache-control': 'max-age=60' } });
    const http = fx.client();
    await http.getJson('/p');
    await fx.origin.stop();
    fx.clock.advanceSeconds(30);
    expect(await http.getJson<Product>('/p')).toMatchObject({ source: 'cache', body: v1 });
  });

  it('throws UpstreamUnavailableError for a stale entry without stale-if-error', async () => {
    fx.origin.serve('/p', { body: v1, etag: '"v1"', headers: { 'cache-control': 'max-age=60' } });
    const http = fx.client();
    await http.getJson('/p');
    await fx.origin.stop();
    fx.clock.advanceSeconds(61);
    const error = await fx.failure(http.getJson('/p'));
    expect(error).toMatchObject({ reason: 'network', staleEntry: 'past-stale-if-error' });
    expect(error.url).toBe(`${fx.origin.url}/p`);
    expect(error.stalePastStaleIfError).toBe(true);
    expect(error.cause).toBeInstanceOf(Error);
    expect(http.stats().failures).toBe(1);
  });

  it('throws with staleEntry none when nothing was cached', async () => {
    await fx.origin.stop();
    const error = await fx.failure(fx.client().getJson('/p'));
    expect(error).toMatchObject({ reason: 'network', staleEntry: 'none' });
  });

  it('serves a stale entry inside stale-if-error, and not past it', async () => {
    fx.origin.serve('/p', {
      body: v1,
      etag: '"v1"',
      headers: { 'cache-control': 'public, max-age=10, stale-if-error=60' },
    });
    const http = fx.client();
    await http.getJson('/p');
    await fx.origin.stop();
    fx.clock.advanceSeconds(30);
    const stale = await http.getJson<Product>('/p');
    expect(stale).toMatchObject({ source: 'stale', body: v1, ageSeconds: 30 });
    expect(stale.headers['age']).toBe('30');
    fx.clock.advanceSeconds(40); // age 70 > 10 + 60
    const error = await fx.failure(http.getJson('/p'));
    expect(error.staleEntry).toBe('past-stale-if-error');
    expect(http.stats()).toMatchObject({ stale: 1, failures: 1 });
  });

  it('serves a stale entry when the origin answers 5xx, and throws without one', async () => {
    fx.origin.serve('/p', {
      body: v1,
      headers: { 'cache-control': 'max-age=10, stale-if-error=60' },
    });
    const http = fx.client();
    await http.getJson('/p');
    fx.origin.serve('/p', { status: 503, body: { error: 'down' } });
    fx.clock.advanceSeconds(20);
    expect(await http.getJson('/p')).toMatchObject({ source: 'stale', body: v1 });
    fx.origin.serve('/q', { status: 500, body: { error: 'boom' } });
    const error = await fx.failure(http.getJson('/q'));
    expect(error).toMatchObject({ reason: 'server-error', status: 500, staleEntry: 'none' });
  });

  it('never serves stale under must-revalidate, even with stale-if-error', async () => {
    fx.origin.serve('/p', {
      body: v1,
      etag: '"v1"',
      headers: { 'cache-control': 'max-age=10, must-revalidate, stale-if-error=600' },
    });
    const http = fx.client();
    await http.getJson('/p');
    await fx.origin.stop();
    fx.clock.advanceSeconds(11);
    const error = await fx.failure(http.getJson('/p'));
    expect(error.staleEntry).toBe('revalidation-required');
  });
});
