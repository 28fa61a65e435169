import { parseCacheControl } from './cache-control';
import { assessFreshness, type OnOriginError } from './freshness';
import type { HeaderMap } from './stored-response';

const T0 = Date.parse('2030-01-01T00:00:00Z');
const HTTP_T0 = new Date(T0).toUTCString();

/** A response received at T0 (sent `delayMs` earlier), judged `elapsedS` seconds later. */
function judge(headers: HeaderMap, elapsedS: number, shared = true, delayMs = 0) {
  const entry = {
    headers,
    directives: parseCacheControl(headers['cache-control']),
    requestTime: T0 - delayMs,
    responseTime: T0,
  };
  return assessFreshness(entry, T0 + elapsedS * 1000, shared);
}

type Row = [
  description: string,
  headers: HeaderMap,
  elapsedS: number,
  fresh: boolean,
  onOriginError: OnOriginError,
];

describe('assessFreshness (shared cache)', () => {
  const cc = (value: string, more: HeaderMap = {}): HeaderMap => ({
    'cache-control': value,
    ...more,
  });

  it.each<Row>([
    ['inside max-age', cc('max-age=60'), 59, true, 'usable'],
    ['at max-age', cc('max-age=60'), 60, false, 'past-stale-if-error'],
    ['stale, inside stale-if-error', cc('max-age=60, stale-if-error=30'), 89, false, 'usable'],
    [
      'stale, at stale-if-error end',
      cc('max-age=60, stale-if-error=30'),
      90,
      false,
      'past-stale-if-error',
    ],
    ['Age shortens freshness', cc('max-age=60', { age: '50' }), 10, false, 'past-stale-if-error'],
    ['Age counted but not past', cc('max-age=60', { age: '50' }), 9, true, 'usable'],
    ['malformed Age ignored', cc('max-age=60', { age: 'soon' }), 59, true, 'usable'],
    ['s-maxage beats max-age', cc('max-age=10, s-maxage=100'), 50, true, 'usable'],
    [
      's-maxage forbids stale',
      cc('s-maxage=10, stale-if-error=100'),
      50,
      false,
      'revalidation-required',
    ],
    [
      'must-revalidate forbids stale',
      cc('max-age=10, must-revalidate, stale-if-error=100'),
      50,
      false,
      'revalidation-required',
    ],
    [
      'proxy-revalidate forbids stale',
      cc('max-age=10, proxy-revalidate, stale-if-error=100'),
      50,
      false,
      'revalidation-required',
    ],
    [
      'no-cache is never fresh',
      cc('no-cache, max-age=60, stale-if-error=60'),
      0,
      false,
      'revalidation-required',
    ],
    ['ETag only: stale at once', { etag: '"x"' }, 0, false, 'past-stale-if-error'],
    [
      'ETag only with stale-if-error',
      cc('stale-if-error=60', { etag: '"x"' }),
      30,
      false,
      'usable',
    ],
    [
      'Expires - Date',
      { date: HTTP_T0, expires: new Date(T0 + 30_000).toUTCString() },
      29,
      true,
      'usable',
    ],
    [
      'Expires passed',
      { date: HTTP_T0, expires: new Date(T0 + 30_000).toUTCString() },
      30,
      false,
      'past-stale-if-error',
    ],
    ['invalid Expires', { expires: '0' }, 0, false, 'past-stale-if-error'],
    [
      'max-age beats Expires',
      cc('max-age=5', { date: HTTP_T0, expires: new Date(T0 + 3_600_000).toUTCString() }),
      6,
      false,
      'past-stale-if-error',
    ],
    [
      'Date far in the past is ignored',
      cc('max-age=60', { date: 'Mon, 01 Jan 2001 00:00:00 GMT' }),
      30,
      true,
      'usable',
    ],
  ])('%s', (_description, headers, elapsedS, fresh, onOriginError) => {
    expect(judge(headers, elapsedS)).toMatchObject({ fresh, onOriginError });
  });

  it('counts the request round trip into the age', () => {
    expect(judge(cc('max-age=60'), 0, true, 2_000).ageMs).toBe(2_000);
    expect(judge(cc('max-age=60'), 59, true, 2_000).fresh).toBe(false);
  });
});

describe('assessFreshness (private cache)', () => {
  it.each<Row>([
    [
      'ignores s-maxage',
      { 'cache-control': 'max-age=10, s-maxage=100' },
      50,
      false,
      'past-stale-if-error',
    ],
    [
      'proxy-revalidate does not apply',
      { 'cache-control': 'max-age=10, proxy-revalidate, stale-if-error=100' },
      50,
      false,
      'usable',
    ],
    [
      'must-revalidate still applies',
      { 'cache-control': 'max-age=10, must-revalidate, stale-if-error=100' },
      50,
      false,
      'revalidation-required',
    ],
  ])('%s', (_description, headers, elapsedS, fresh, onOriginError) => {
    expect(judge(headers, elapsedS, false)).toMatchObject({ fresh, onOriginError });
  });
});
