import type { HeaderMap, StoredResponse } from './stored-response';

/** Why a response was not stored; useful in logs and tests. */
export type NotStoredReason =
  | 'status-not-200'
  | 'no-store'
  | 'private-in-shared-cache'
  | 'vary-star'
  | 'authorization-in-shared-cache'
  | 'nothing-to-reuse';

export type StorageDecision = { storable: true } | { storable: false; reason: NotStoredReason };

/** What the storage rules look at: the response and the request that produced it. */
export type StorageCandidate = Pick<StoredResponse, 'status' | 'headers' | 'directives' | 'vary'>;

/**
 * Whether a GET response may be stored (RFC 9111 section 3, narrowed to what this client needs):
 * only 200s; never `no-store`; never `private` or an authorized request's response in a shared
 * cache (unless the origin opted in with `public`, `s-maxage` or `must-revalidate`, RFC 9111
 * 3.5); never `Vary: *`. It must also carry something that makes storing worth it: a validator
 * (`ETag`/`Last-Modified`, then it can be revalidated cheaply even with no freshness), or an
 * explicit freshness lifetime that `no-cache` does not cancel.
 */
export function storageDecision(
  response: StorageCandidate,
  requestHeaders: HeaderMap,
  shared: boolean,
): StorageDecision {
  const cc = response.directives;
  // 404 and friends are not cached: an entity that appears a moment later must be seen.
  if (response.status !== 200) return { storable: false, reason: 'status-not-200' };
  if (cc.noStore) return { storable: false, reason: 'no-store' };
  if (shared && cc.private) return { storable: false, reason: 'private-in-shared-cache' };
  if (response.vary.includes('*')) return { storable: false, reason: 'vary-star' };
  const authorized = requestHeaders['authorization'] !== undefined;
  if (shared && authorized && !cc.public && cc.sMaxAge === undefined && !cc.mustRevalidate) {
    return { storable: false, reason: 'authorization-in-shared-cache' };
  }
  if (hasValidator(response.headers)) return { storable: true };
  const explicitFreshness =
    (shared && cc.sMaxAge !== undefined) ||
    cc.maxAge !== undefined ||
    response.headers['expires'] !== undefined;
  // `no-cache` without a validator would mean a full refetch on every use: nothing saved.
  if (explicitFreshness && !cc.noCache) return { storable: true };
  return { storable: false, reason: 'nothing-to-reuse' };
}

/** `ETag` or `Last-Modified`: what a conditional request can be built from. */
export function hasValidator(headers: HeaderMap): boolean {
  return headers['etag'] !== undefined || headers['last-modified'] !== undefined;
}
