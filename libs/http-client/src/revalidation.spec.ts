import { parseCacheControl } from './cache-control';
import { conditionalHeaders, notModifiedMatches, refreshFromNotModified } from './revalidation';
import type { HeaderMap, OriginResponse, StoredResponse } from './stored-response';

function stored(headers: HeaderMap): StoredResponse {
  return {
    url: 'http://owner/p',
    key: 'http://owner/p',
    vary: [],
    status: 200,
    headers,
    directives: parseCacheControl(headers['cache-control']),
    body: '{"id":"p"}',
    requestTime: 1_000,
    responseTime: 1_000,
  };
}

function notModified(headers: HeaderMap): OriginResponse {
  return { status: 304, headers, body: '', requestTime: 90_000, responseTime: 90_500 };
}

describe('revalidation', () => {
  it('sends every validator it has', () => {
    expect(conditionalHeaders(stored({ etag: '"a"' }))).toEqual({ 'if-none-match': '"a"' });
    expect(conditionalHeaders(stored({ etag: '"a"', 'last-modified': 'L' }))).toEqual({
      'if-none-match': '"a"',
      'if-modified-since': 'L',
    });
    expect(conditionalHeaders(stored({}))).toEqual({});
  });

  it('accepts a 304 only for the stored representation', () => {
    const entry = stored({ etag: '"a"' });
    expect(notModifiedMatches(entry, notModified({ etag: '"a"' }))).toBe(true);
    expect(notModifiedMatches(entry, notModified({ etag: 'W/"a"' }))).toBe(true);
    expect(notModifiedMatches(entry, notModified({}))).toBe(true);
    expect(notModifiedMatches(entry, notModified({ etag: '"b"' }))).toBe(false);
  });

  it('keeps the body, adopts the new cache headers and restarts the clock', () => {
    const entry = stored({
      'cache-control': 'max-age=10',
      etag: '"a"',
      age: '5',
      'content-type': 'application/json',
    });
    const refreshed = refreshFromNotModified(
      entry,
      notModified({ 'cache-control': 'max-age=120', etag: '"a"', date: 'D' }),
    );
    expect(refreshed.body).toBe(entry.body);
    expect(refreshed.headers).toEqual({
      'cache-control': 'max-age=120',
      etag: '"a"',
      date: 'D',
      'content-type': 'application/json',
    });
    expect(refreshed.directives.maxAge).toBe(120);
    expect([refreshed.requestTime, refreshed.responseTime]).toEqual([90_000, 90_500]);
  });
});
