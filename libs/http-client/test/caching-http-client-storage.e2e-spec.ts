import { v1, v2, type Product, useOrigin } from './origin-fixture';

/** Storage rules (private, no-store, no-cache, s-maxage, Age, Vary), eviction and coalescing. */
describe('CachingHttpClient: what is stored, evicted and shared', () => {
  const fx = useOrigin();

  it('does not store private in a shared cache, but does in a private one', async () => {
    fx.origin.serve('/p', { body: v1, headers: { 'cache-control': 'private, max-age=60' } });
    const shared = fx.client();
    await shared.getJson('/p');
    expect(await shared.getJson('/p')).toMatchObject({ source: 'network' });
    expect(shared.stats().entries).toBe(0);
    const own = fx.client({ shared: false });
    await own.getJson('/p');
    expect(await own.getJson('/p')).toMatchObject({ source: 'cache', body: v1 });
    expect(fx.origin.count('/p')).toBe(3);
  });

  it('never stores no-store', async () => {
    fx.origin.serve('/p', { body: v1, etag: '"v1"', headers: { 'cache-control': 'no-store' } });
    for (const http of [fx.client(), fx.client({ shared: false })]) {
      await http.getJson('/p');
      expect(await http.getJson('/p')).toMatchObject({ source: 'network' });
      expect(http.stats().entries).toBe(0);
    }
    expect(fx.origin.count('/p')).toBe(4);
    expect(fx.origin.last('/p')?.headers['if-none-match']).toBeUndefined();
  });

  it('revalidates a no-cache response on every use', async () => {
    fx.origin.serve('/p', { body: v1, etag: '"v1"', headers: { 'cache-control': 'no-cache' } });
    const http = fx.client();
    await http.getJson('/p');
    for (let i = 0; i < 2; i++) {
      expect(await http.getJson<Product>('/p')).toMatchObject({ source: 'revalidated', body: v1 });
      expect(fx.origin.last('/p')?.headers['if-none-match']).toBe('"v1"');
    }
    expect(fx.origin.count('/p')).toBe(3);
  });

  it('revalidates an ETag-only response (stored stale) on every use', async () => {
    fx.origin.serve('/p', { body: v1, etag: '"v1"' });
    const http = fx.client();
    await http.getJson('/p');
    expect(await http.getJson('/p')).toMatchObject({ source: 'revalidated', body: v1 });
  });

  it('prefers s-maxage over max-age in a shared cache only', async () => {
    fx.origin.serve('/p', {
      body: v1,
      etag: '"v1"',
      headers: { 'cache-control': 'max-age=10, s-maxage=100' },
    });
    const shared = fx.client();
    const own = fx.client({ shared: false });
    await shared.getJson('/p');
    await own.getJson('/p');
    fx.clock.advanceSeconds(50);
    expect(await shared.getJson('/p')).toMatchObject({ source: 'cache' });
    expect(await own.getJson('/p')).toMatchObject({ source: 'revalidated' });
  });

  it('counts the Age header from the origin into freshness', async () => {
    fx.origin.serve('/p', {
      body: v1,
      etag: '"v1"',
      headers: { 'cache-control': 'max-age=60', age: '50' },
    });
    const http = fx.client();
    expect(await http.getJson('/p')).toMatchObject({ source: 'network', ageSeconds: 50 });
    fx.clock.advanceSeconds(9);
    expect(await http.getJson('/p')).toMatchObject({ source: 'cache', ageSeconds: 59 });
    fx.clock.advanceSeconds(2);
    expect(await http.getJson('/p')).toMatchObject({ source: 'revalidated' });
  });

  it('does not store Vary: *, and keys other Vary headers by their values', async () => {
    fx.origin.serve('/star', { body: v1, headers: { 'cache-control': 'max-age=60', vary: '*' } });
    const http = fx.client();
    await http.getJson('/star');
    expect(await http.getJson('/star')).toMatchObject({ source: 'network' });

    fx.origin.serve('/lang', {
      body: v1,
      headers: { 'cache-control': 'max-age=60', vary: 'Accept-Language' },
    });
    const de = { headers: { 'Accept-Language': 'de' } };
    const fr = { headers: { 'Accept-Language': 'fr' } };
    await http.getJson('/lang', de);
    expect(await http.getJson('/lang', de)).toMatchObject({ source: 'cache' });
    expect(await http.getJson('/lang', fr)).toMatchObject({ source: 'network' });
    expect(await http.getJson('/lang', fr)).toMatchObject({ source: 'cache' });
    expect(fx.origin.count('/lang')).toBe(2);
  });

  it('treats a timeout as an origin failure', async () => {
    fx.origin.serve('/slow', { body: v1, delayMs: 1_000 });
    const http = fx.client({ timeoutMs: 100 });
    const error = await fx.failure(http.getJson('/slow'));
    expect(error).toMatchObject({ reason: 'timeout', staleEntry: 'none' });

    fx.origin.serve('/p', {
      body: v1,
      headers: { 'cache-control': 'max-age=10, stale-if-error=60' },
    });
    await http.getJson('/p');
    fx.origin.serve('/p', { body: v2, delayMs: 1_000 });
    fx.clock.advanceSeconds(20);
    expect(await http.getJson('/p')).toMatchObject({ source: 'stale', body: v1 });
  });

  it('does not cache a 404', async () => {
    const http = fx.client();
    expect(await http.getJson('/missing')).toMatchObject({ status: 404, body: undefined });
    fx.origin.serve('/missing', { body: v1, headers: { 'cache-control': 'max-age=60' } });
    expect(await http.getJson('/missing')).toMatchObject({ status: 200, body: v1 });
  });

  it('evicts the least recently used entry beyond maxEntries', async () => {
    for (const path of ['/a', '/b', '/c']) {
      fx.origin.serve(path, { body: { path }, headers: { 'cache-control': 'max-age=60' } });
    }
    const http = fx.client({ maxEntries: 2 });
    await http.getJson('/a');
    await http.getJson('/b');
    await http.getJson('/a'); // /b is now the least recently used
    await http.getJson('/c');
    expect(http.stats()).toMatchObject({ entries: 2, evictions: 1 });
    expect(await http.getJson('/a')).toMatchObject({ source: 'cache' });
    expect(await http.getJson('/b')).toMatchObject({ source: 'network' });
  });

  it('evicts the least recently used entries beyond maxBytes', async () => {
    const big = 'x'.repeat(400);
    for (const path of ['/a', '/b', '/c']) {
      fx.origin.serve(path, { body: { big }, headers: { 'cache-control': 'max-age=60' } });
    }
    const http = fx.client({ maxBytes: 1_200 });
    await http.getJson('/a');
    await http.getJson('/b');
    await http.getJson('/c');
    const stats = http.stats();
    expect(stats).toMatchObject({ entries: 2, evictions: 1 });
    expect(stats.bytes).toBeLessThanOrEqual(1_200);
    expect(await http.getJson('/a')).toMatchObject({ source: 'network' });
    expect(await http.getJson('/c')).toMatchObject({ source: 'cache' });
  });

  it('shares one request among concurrent identical misses', async () => {
    fx.origin.serve('/p', { body: v1, delayMs: 100, headers: { 'cache-control': 'max-age=60' } });
    const http = fx.client();
    const results = await Promise.all(Array.from({ length: 5 }, () => http.getJson<Product>('/p')));
    expect(fx.origin.count('/p')).toBe(1);
    expect(results.map((r) => r.source)).toEqual(Array(5).fill('network'));
    expect(results[0].body).toEqual(v1);
    expect(results[0].body).not.toBe(results[1].body); // each caller owns its object
    expect(http.stats()).toMatchObject({ network: 5, coalesced: 4 });
  });

  it('deletes and clears entries', async () => {
    fx.origin.serve('/p', { body: v1, headers: { 'cache-control': 'max-age=60' } });
    const http = fx.client();
    await http.getJson('/p');
    expect(http.delete('/p')).toBe(true);
    expect(await http.getJson('/p')).toMatchObject({ source: 'network' });
    http.clear();
    expect(http.stats()).toMatchObject({ entries: 0, bytes: 0 });
  });
});
