import { parseCacheControl } from './cache-control';
import { cacheKey, ResponseCache } from './response-cache';
import type { HeaderMap, StoredResponse } from './stored-response';

function entry(url: string, vary: string[], request: HeaderMap, body = '{}'): StoredResponse {
  return {
    url,
    key: cacheKey(url, vary, request),
    vary,
    status: 200,
    headers: { 'cache-control': 'max-age=60' },
    directives: parseCacheControl('max-age=60'),
    body,
    requestTime: 0,
    responseTime: 0,
  };
}

describe('ResponseCache', () => {
  const url = 'http://owner/products/1';

  it('keys a varying response by the listed request headers', () => {
    const cache = new ResponseCache({ maxEntries: 10, maxBytes: 10_000 });
    cache.put(entry(url, ['accept-language'], { 'accept-language': 'de' }, '"de"'));
    cache.put(entry(url, ['accept-language'], { 'accept-language': 'fr' }, '"fr"'));
    expect(cache.lookup(url, { 'accept-language': 'de' })?.body).toBe('"de"');
    expect(cache.lookup(url, { 'accept-language': 'fr', other: 'x' })?.body).toBe('"fr"');
    expect(cache.lookup(url, {})).toBeUndefined();
    expect(cache.entries).toBe(2);
  });

  it('drops the old variants when the Vary of a URL changes', () => {
    const cache = new ResponseCache({ maxEntries: 10, maxBytes: 10_000 });
    cache.put(entry(url, ['accept-language'], { 'accept-language': 'de' }));
    cache.put(entry(url, [], {}));
    expect(cache.entries).toBe(1);
    expect(cache.lookup(url, { 'accept-language': 'de' })).toBeDefined();
  });

  it('deletes every variant of a URL and forgets evicted ones', () => {
    const cache = new ResponseCache({ maxEntries: 2, maxBytes: 10_000 });
    cache.put(entry(url, ['x'], { x: '1' }));
    cache.put(entry(url, ['x'], { x: '2' }));
    cache.put(entry('http://owner/other', [], {}));
    expect([cache.entries, cache.evictions]).toEqual([2, 1]);
    expect(cache.deleteUrl(url)).toBe(true);
    expect(cache.deleteUrl(url)).toBe(false);
    expect(cache.entries).toBe(1);
    cache.clear();
    expect([cache.entries, cache.bytes]).toEqual([0, 0]);
  });
});
