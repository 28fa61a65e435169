import { parseCacheControl } from './cache-control';
import { storageDecision, type NotStoredReason } from './storage-policy';
import { parseVary, type HeaderMap } from './stored-response';

const ETAG = '"v1"';

function candidate(status: number, headers: HeaderMap) {
  return {
    status,
    headers,
    directives: parseCacheControl(headers['cache-control']),
    vary: parseVary(headers['vary']),
  };
}

type Row = [
  description: string,
  status: number,
  headers: HeaderMap,
  request: HeaderMap,
  shared: NotStoredReason | 'stored',
  privateCache: NotStoredReason | 'stored',
];

describe('storageDecision', () => {
  const cc = (value: string, more: HeaderMap = {}): HeaderMap => ({
    'cache-control': value,
    ...more,
  });

  it.each<Row>([
    ['200 with max-age', 200, cc('public, max-age=60'), {}, 'stored', 'stored'],
    ['200 with s-maxage only', 200, cc('s-maxage=60'), {}, 'stored', 'nothing-to-reuse'],
    ['200 with an ETag only', 200, { etag: ETAG }, {}, 'stored', 'stored'],
    ['200 with Last-Modified only', 200, { 'last-modified': 'x' }, {}, 'stored', 'stored'],
    ['200 with Expires', 200, { expires: 'Thu, 01 Jan 2099 00:00:00 GMT' }, {}, 'stored', 'stored'],
    ['200 with nothing', 200, {}, {}, 'nothing-to-reuse', 'nothing-to-reuse'],
    ['404 even with max-age', 404, cc('max-age=60'), {}, 'status-not-200', 'status-not-200'],
    ['201', 201, cc('max-age=60'), {}, 'status-not-200', 'status-not-200'],
    ['no-store', 200, cc('no-store, max-age=60', { etag: ETAG }), {}, 'no-store', 'no-store'],
    [
      'private',
      200,
      cc('private, max-age=60', { etag: ETAG }),
      {},
      'private-in-shared-cache',
      'stored',
    ],
    ['Vary: *', 200, cc('max-age=60', { vary: '*' }), {}, 'vary-star', 'vary-star'],
    ['Vary: accept', 200, cc('max-age=60', { vary: 'Accept' }), {}, 'stored', 'stored'],
    ['no-cache with an ETag', 200, cc('no-cache', { etag: ETAG }), {}, 'stored', 'stored'],
    [
      'no-cache without a validator',
      200,
      cc('no-cache, max-age=60'),
      {},
      'nothing-to-reuse',
      'nothing-to-reuse',
    ],
    [
      'authorized request, plain max-age',
      200,
      cc('max-age=60'),
      { authorization: 'Bearer t' },
      'authorization-in-shared-cache',
      'stored',
    ],
    [
      'authorized request, public',
      200,
      cc('public, max-age=60'),
      { authorization: 'Bearer t' },
      'stored',
      'stored',
    ],
    [
      'authorized request, s-maxage',
      200,
      cc('s-maxage=60'),
      { authorization: 'Bearer t' },
      'stored',
      'nothing-to-reuse',
    ],
  ])('%s', (_description, status, headers, request, shared, privateCache) => {
    const outcome = (isShared: boolean) => {
      const decision = storageDecision(candidate(status, headers), request, isShared);
      return decision.storable ? 'stored' : decision.reason;
    };
    expect(outcome(true)).toBe(shared);
    expect(outcome(false)).toBe(privateCache);
  });
});
