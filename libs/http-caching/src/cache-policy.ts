/** How long and by whom a response may be cached. */
export interface CachePolicy {
  maxAgeSeconds: number;
  /** `public` lets shared caches store it; `private` only the caller's own cache. */
  visibility: 'public' | 'private';
  /** Seconds a stale copy may still be served when the origin fails (RFC 5861). */
  staleIfErrorSeconds?: number;
  /** Forbid storing at all (overrides everything else). */
  noStore?: boolean;
}

export function cacheControlHeader(policy: CachePolicy): string {
  if (policy.noStore) return 'no-store';
  const parts = [policy.visibility, `max-age=${policy.maxAgeSeconds}`];
  if (policy.staleIfErrorSeconds !== undefined) {
    parts.push(`stale-if-error=${policy.staleIfErrorSeconds}`);
  }
  return parts.join(', ');
}
