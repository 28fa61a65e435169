import { parseCacheControl } from './cache-control';
import type { HeaderMap, OriginResponse, StoredResponse } from './stored-response';

/** Headers a 304 refreshes on the stored response (RFC 9111 4.3.4, narrowed to cache metadata). */
const REFRESHED_BY_304 = ['cache-control', 'etag', 'last-modified', 'expires', 'date'] as const;

/**
 * The validators of a stored response as conditional request headers. Both are sent when both
 * are known: an origin that understands only one of them can still answer 304, and one that
 * understands both gives `If-None-Match` precedence (RFC 9110 13.2.2).
 */
export function conditionalHeaders(entry: StoredResponse): HeaderMap {
  const headers: HeaderMap = {};
  const etag = entry.headers['etag'];
  const lastModified = entry.headers['last-modified'];
  if (etag !== undefined) headers['if-none-match'] = etag;
  if (lastModified !== undefined) headers['if-modified-since'] = lastModified;
  return headers;
}

/**
 * Whether a 304 speaks about the stored response: when it carries an ETag, that tag must match
 * the stored one (weak comparison), otherwise the stored body may be a different representation.
 */
export function notModifiedMatches(entry: StoredResponse, notModified: OriginResponse): boolean {
  const received = notModified.headers['etag'];
  const stored = entry.headers['etag'];
  if (received === undefined || stored === undefined) return true;
  return weak(received) === weak(stored);
}

/**
 * The stored response refreshed by a 304: same status, body and Vary; the 304's cache headers
 * replace the old ones, and its timing starts the freshness lifetime again.
 */
export function refreshFromNotModified(
  entry: StoredResponse,
  notModified: OriginResponse,
): StoredResponse {
  const headers = { ...entry.headers };
  for (const name of REFRESHED_BY_304) {
    const value = notModified.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  // The old Age described the old response; the 304 is the new one, aged by its own Age only.
  if (notModified.headers['age'] !== undefined) headers['age'] = notModified.headers['age'];
  else delete headers['age'];
  return {
    ...entry,
    headers,
    directives: parseCacheControl(headers['cache-control']),
    requestTime: notModified.requestTime,
    responseTime: notModified.responseTime,
  };
}

function weak(tag: string): string {
  return tag.trim().replace(/^W\//, '');
}
