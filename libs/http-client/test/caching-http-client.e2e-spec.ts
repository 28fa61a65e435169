import {
  CachingHttpClient,
  UpstreamUnavailableError,
  type CachingHttpClientOptions,
} from '@app/http-client';
import { ManualClock, OriginServer } from './origin-server';

interface Product {
  id: string;
  version: number;
}

describe('CachingHttpClient against a real HTTP origin', () => {
  let origin: OriginServer;
  let clock: ManualClock;

  beforeEach(async () => {
    origin = await OriginServer.start();
    clock = new ManualClock();
  });

  afterEach(async () => {
    await origin.stop();
  });

  const client = (options: CachingHttpClientOptions = {}) =>
    new CachingHttpClient({ baseUrl: origin.url, now: clock.now, ...options });

  const v1: Product = { id: 'p1', version: 1 };
  const v2: Product = { id: 'p1', version: 2 };

  /** The error a call rejected with; fails the test if it resolved. */
  async function failure(call: Promise<unknown>): Promise<UpstreamUnavailableError> {
    const error = await call.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    return error as UpstreamUnavailableError;
  }

  it('serves a second lookup within max-age from the cache without a request', async () => {
    origin.serve('/p', {
      body: v1,
      etag: '"v1"',
      headers: { 'cache-control': 'public, max-age=60' },
    });
    const http = client();
    expect(await http.getJson<Product>('/p')).toMatchObject({ source: 'network', body: v1 });
    clock.advanceSeconds(59);
    const second = await http.getJson<Product>('/p');
    expect(second).toMatchObject({ source: 'cache', status: 200, body: v1, ageSeconds: 59 });
    expect(second.headers['age']).toBe('59');
    expect(origin.count('/p')).toBe(1);
    expect(http.stats()).toMatchObject({ network: 1, cache: 1, entries: 1 });
  });

  it('revalidates after max-age with If-None-Match; a 304 reuses the body and its new max-age', async () => {
    origin.serve('/p', {
      body: v1,
      etag: '"v1"',
      headers: { 'cache-control': 'public, max-age=60' },
    });
    const http = client();
    await http.getJson('/p');
    clock.advanceSeconds(61);
    origin.serve('/p', {
      body: v1,
      etag: '"v1"',
      headers: { 'cache-control': 'public, max-age=120' },
    });
    const revalidated = await http.getJson<Product>('/p');
    expect(revalidated).toMatchObject({ source: 'revalidated', status: 200, body: v1 });
    expect(revalidated.headers['cache-control']).toBe('public, max-age=120');
    expect(origin.last('/p')?.headers['if-none-match']).toBe('"v1"');
    expect(origin.count('/p')).toBe(2);
    clock.advanceSeconds(100); // fresh only under the adopted max-age=120
    expect(await http.getJson('/p')).toMatchObject({ source: 'cache', body: v1 });
    expect(origin.count('/p')).toBe(2);
  });

  it('fetches the new body when the resource changed', async () => {
    origin.serve('/p', { body: v1, etag: '"v1"', headers: { 'cache-control': 'max-age=60' } });
    const http = client();
    await http.getJson('/p');
    origin.serve('/p', { body: v2, etag: '"v2"', headers: { 'cache-control': 'max-age=60' } });
    clock.advanceSeconds(61);
    expect(await http.getJson<Product>('/p')).toMatchObject({ source: 'network', body: v2 });
    expect(origin.last('/p')?.headers['if-none-match']).toBe('"v1"');
    expect(await http.getJson<Product>('/p')).toMatchObject({ source: 'cache', body: v2 });
  });

  it('serves a fresh entry while the origin is down', async () => {
    origin.serve('/p', { body: v1, headers: { 'cache-control': 'max-age=60' } });
    const http = client();
    await http.getJson('/p');
    await origin.stop();
    clock.advanceSeconds(30);
    expect(await http.getJson<Product>('/p')).toMatchObject({ source: 'cache', body: v1 });
  });

  it('throws UpstreamUnavailableError for a stale entry without stale-if-error', async () => {
    origin.serve('/p', { body: v1, etag: '"v1"', headers: { 'cache-control': 'max-age=60' } });
    const http = client();
    await http.getJson('/p');
    await origin.stop();
    clock.advanceSeconds(61);
    const error = await failure(http.getJson('/p'));
    expect(error).toMatchObject({ reason: 'network', staleEntry: 'past-stale-if-error' });
    expect(error.url).toBe(`${origin.url}/p`);
    expect(error.stalePastStaleIfError).toBe(true);
    expect(error.cause).toBeInstanceOf(Error);
    expect(http.stats().failures).toBe(1);
  });

  it('throws with staleEntry none when nothing was cached', async () => {
    await origin.stop();
    const error = await failure(client().getJson('/p'));
    expect(error).toMatchObject({ reason: 'network', staleEntry: 'none' });
  });

  it('serves a stale entry inside stale-if-error, and not past it', async () => {
    origin.serve('/p', {
      body: v1,
      etag: '"v1"',
      headers: { 'cache-control': 'public, max-age=10, stale-if-error=60' },
    });
    const http = client();
    await http.getJson('/p');
    await origin.stop();
    clock.advanceSeconds(30);
    const stale = await http.getJson<Product>('/p');
    expect(stale).toMatchObject({ source: 'stale', body: v1, ageSeconds: 30 });
    expect(stale.headers['age']).toBe('30');
    clock.advanceSeconds(40); // age 70 > 10 + 60
    const error = await failure(http.getJson('/p'));
    expect(error.staleEntry).toBe('past-stale-if-error');
    expect(http.stats()).toMatchObject({ stale: 1, failures: 1 });
  });

  it('serves a stale entry when the origin answers 5xx, and throws without one', async () => {
    origin.serve('/p', { body: v1, headers: { 'cache-control': 'max-age=10, stale-if-error=60' } });
    const http = client();
    await http.getJson('/p');
    origin.serve('/p', { status: 503, body: { error: 'down' } });
    clock.advanceSeconds(20);
    expect(await http.getJson('/p')).toMatchObject({ source: 'stale', body: v1 });
    origin.serve('/q', { status: 500, body: { error: 'boom' } });
    const error = await failure(http.getJson('/q'));
    expect(error).toMatchObject({ reason: 'server-error', status: 500, staleEntry: 'none' });
  });

  it('never serves stale under must-revalidate, even with stale-if-error', async () => {
    origin.serve('/p', {
      body: v1,
      etag: '"v1"',
      headers: { 'cache-control': 'max-age=10, must-revalidate, stale-if-error=600' },
    });
    const http = client();
    await http.getJson('/p');
    await origin.stop();
    clock.advanceSeconds(11);
    const error = await failure(http.getJson('/p'));
    expect(error.staleEntry).toBe('revalidation-required');
  });

  it('does not store private in a shared cache, but does in a private one', async () => {
    origin.serve('/p', { body: v1, headers: { 'cache-control': 'private, max-age=60' } });
    const shared = client();
    await shared.getJson('/p');
    expect(await shared.getJson('/p')).toMatchObject({ source: 'network' });
    expect(shared.stats().entries).toBe(0);
    const own = client({ shared: false });
    await own.getJson('/p');
    expect(await own.getJson('/p')).toMatchObject({ source: 'cache', body: v1 });
    expect(origin.count('/p')).toBe(3);
  });

  it('never stores no-store', async () => {
    origin.serve('/p', { body: v1, etag: '"v1"', headers: { 'cache-control': 'no-store' } });
    for (const http of [client(), client({ shared: false })]) {
      await http.getJson('/p');
      expect(await http.getJson('/p')).toMatchObject({ source: 'network' });
      expect(http.stats().entries).toBe(0);
    }
    expect(origin.count('/p')).toBe(4);
    expect(origin.last('/p')?.headers['if-none-match']).toBeUndefined();
  });

  it('revalidates a no-cache response on every use', async () => {
    origin.serve('/p', { body: v1, etag: '"v1"', headers: { 'cache-control': 'no-cache' } });
    const http = client();
    await http.getJson('/p');
    for (let i = 0; i < 2; i++) {
      expect(await http.getJson<Product>('/p')).toMatchObject({ source: 'revalidated', body: v1 });
      expect(origin.last('/p')?.headers['if-none-match']).toBe('"v1"');
    }
    expect(origin.count('/p')).toBe(3);
  });

  it('revalidates an ETag-only response (stored stale) on every use', async () => {
    origin.serve('/p', { body: v1, etag: '"v1"' });
    const http = client();
    await http.getJson('/p');
    expect(await http.getJson('/p')).toMatchObject({ source: 'revalidated', body: v1 });
  });

  it('prefers s-maxage over max-age in a shared cache only', async () => {
    origin.serve('/p', {
      body: v1,
      etag: '"v1"',
      headers: { 'cache-control': 'max-age=10, s-maxage=100' },
    });
    const shared = client();
    const own = client({ shared: false });
    await shared.getJson('/p');
    await own.getJson('/p');
    clock.advanceSeconds(50);
    expect(await shared.getJson('/p')).toMatchObject({ source: 'cache' });
    expect(await own.getJson('/p')).toMatchObject({ source: 'revalidated' });
  });

  it('counts the Age header from the origin into freshness', async () => {
    origin.serve('/p', {
      body: v1,
      etag: '"v1"',
      headers: { 'cache-control': 'max-age=60', age: '50' },
    });
    const http = client();
    expect(await http.getJson('/p')).toMatchObject({ source: 'network', ageSeconds: 50 });
    clock.advanceSeconds(9);
    expect(await http.getJson('/p')).toMatchObject({ source: 'cache', ageSeconds: 59 });
    clock.advanceSeconds(2);
    expect(await http.getJson('/p')).toMatchObject({ source: 'revalidated' });
  });

  it('does not store Vary: *, and keys other Vary headers by their values', async () => {
    origin.serve('/star', { body: v1, headers: { 'cache-control': 'max-age=60', vary: '*' } });
    const http = client();
    await http.getJson('/star');
    expect(await http.getJson('/star')).toMatchObject({ source: 'network' });

    origin.serve('/lang', {
      body: v1,
      headers: { 'cache-control': 'max-age=60', vary: 'Accept-Language' },
    });
    const de = { headers: { 'Accept-Language': 'de' } };
    const fr = { headers: { 'Accept-Language': 'fr' } };
    await http.getJson('/lang', de);
    expect(await http.getJson('/lang', de)).toMatchObject({ source: 'cache' });
    expect(await http.getJson('/lang', fr)).toMatchObject({ source: 'network' });
    expect(await http.getJson('/lang', fr)).toMatchObject({ source: 'cache' });
    expect(origin.count('/lang')).toBe(2);
  });

  it('treats a timeout as an origin failure', async () => {
    origin.serve('/slow', { body: v1, delayMs: 1_000 });
    const http = client({ timeoutMs: 100 });
    const error = await failure(http.getJson('/slow'));
    expect(error).toMatchObject({ reason: 'timeout', staleEntry: 'none' });

    origin.serve('/p', { body: v1, headers: { 'cache-control': 'max-age=10, stale-if-error=60' } });
    await http.getJson('/p');
    origin.serve('/p', { body: v2, delayMs: 1_000 });
    clock.advanceSeconds(20);
    expect(await http.getJson('/p')).toMatchObject({ source: 'stale', body: v1 });
  });

  it('does not cache a 404', async () => {
    const http = client();
    expect(await http.getJson('/missing')).toMatchObject({ status: 404, body: undefined });
    origin.serve('/missing', { body: v1, headers: { 'cache-control': 'max-age=60' } });
    expect(await http.getJson('/missing')).toMatchObject({ status: 200, body: v1 });
  });

  it('evicts the least recently used entry beyond maxEntries', async () => {
    for (const path of ['/a', '/b', '/c']) {
      origin.serve(path, { body: { path }, headers: { 'cache-control': 'max-age=60' } });
    }
    const http = client({ maxEntries: 2 });
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
      origin.serve(path, { body: { big }, headers: { 'cache-control': 'max-age=60' } });
    }
    const http = client({ maxBytes: 1_200 });
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
    origin.serve('/p', { body: v1, delayMs: 100, headers: { 'cache-control': 'max-age=60' } });
    const http = client();
    const results = await Promise.all(Array.from({ length: 5 }, () => http.getJson<Product>('/p')));
    expect(origin.count('/p')).toBe(1);
    expect(results.map((r) => r.source)).toEqual(Array(5).fill('network'));
    expect(results[0].body).toEqual(v1);
    expect(results[0].body).not.toBe(results[1].body); // each caller owns its object
    expect(http.stats()).toMatchObject({ network: 5, coalesced: 4 });
  });

  it('deletes and clears entries', async () => {
    origin.serve('/p', { body: v1, headers: { 'cache-control': 'max-age=60' } });
    const http = client();
    await http.getJson('/p');
    expect(http.delete('/p')).toBe(true);
    expect(await http.getJson('/p')).toMatchObject({ source: 'network' });
    http.clear();
    expect(http.stats()).toMatchObject({ entries: 0, bytes: 0 });
  });
});
