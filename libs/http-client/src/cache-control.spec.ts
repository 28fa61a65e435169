import { parseCacheControl, type CacheDirectives } from './cache-control';

const none: CacheDirectives = {
  noStore: false,
  noCache: false,
  private: false,
  public: false,
  mustRevalidate: false,
  proxyRevalidate: false,
};

describe('parseCacheControl', () => {
  it.each<[string | undefined, Partial<CacheDirectives>]>([
    [undefined, {}],
    ['', {}],
    ['public, max-age=60, stale-if-error=300', { public: true, maxAge: 60, staleIfError: 300 }],
    ['PRIVATE, Max-Age=5', { private: true, maxAge: 5 }],
    ['no-store', { noStore: true }],
    ['no-cache', { noCache: true }],
    ['must-revalidate, proxy-revalidate', { mustRevalidate: true, proxyRevalidate: true }],
    ['max-age=10, s-maxage=100', { maxAge: 10, sMaxAge: 100 }],
    // Recipients accept the quoted form too (RFC 9111 5.2).
    ['max-age="30"', { maxAge: 30 }],
    // A comma inside quotes does not start a new directive.
    ['private="set-cookie, x-user", max-age=7', { private: true, maxAge: 7 }],
    ['no-cache="set-cookie"', { noCache: true }],
    // The first occurrence wins.
    ['max-age=5, max-age=500', { maxAge: 5 }],
    // Malformed delta-seconds make the response stale, never fresh forever.
    ['max-age=abc', { maxAge: 0 }],
    ['max-age=-1', { maxAge: 0 }],
    ['max-age', { maxAge: 0 }],
    ['max-age=99999999999', { maxAge: 2_147_483_648 }],
    [' , ,max-age=3,, ', { maxAge: 3 }],
    ['immutable, community="UCI", max-age=4', { maxAge: 4 }],
  ])('%j', (header, expected) => {
    expect(parseCacheControl(header)).toEqual({ ...none, ...expected });
  });
});
