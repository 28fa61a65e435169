import type { StoredResponse } from './stored-response';

/** What may be done with a stored response when the origin cannot be reached. */
export type OnOriginError = 'usable' | 'past-stale-if-error' | 'revalidation-required';

/** A stored response judged at one instant. */
export interface Freshness {
  /** Current age (RFC 9111 4.2.3), in ms. */
  ageMs: number;
  /** Freshness lifetime (RFC 9111 4.2.1), in ms. */
  lifetimeMs: number;
  /** May be served without contacting the origin. */
  fresh: boolean;
  /** If the origin fails now: serve it, or why not. */
  onOriginError: OnOriginError;
}

export type FreshnessInput = Pick<
  StoredResponse,
  'headers' | 'directives' | 'requestTime' | 'responseTime'
>;

/**
 * Judges a stored response at `now` (client clock, ms). Freshness comes from `s-maxage` (shared
 * cache only), then `max-age`, then `Expires - Date`; with none of them the response is stale at
 * once (no heuristic freshness: the origin says what it means, and guessing would serve data it
 * never vouched for). `no-cache` makes it never fresh. Stale copies may be served on origin
 * failure only inside `stale-if-error`, and never under `must-revalidate`, `no-cache`, or, in a
 * shared cache, `proxy-revalidate` or `s-maxage` (which implies it, RFC 9111 5.2.2.10).
 */
export function assessFreshness(entry: FreshnessInput, now: number, shared: boolean): Freshness {
  const cc = entry.directives;
  const ageMs = currentAgeMs(entry, now);
  const lifetimeMs = freshnessLifetimeMs(entry, shared);
  const fresh = !cc.noCache && lifetimeMs > ageMs;
  return { ageMs, lifetimeMs, fresh, onOriginError: onOriginError(entry, shared, fresh, ageMs) };
}

function onOriginError(
  entry: FreshnessInput,
  shared: boolean,
  fresh: boolean,
  ageMs: number,
): OnOriginError {
  if (fresh) return 'usable';
  const cc = entry.directives;
  const mustRevalidate =
    cc.mustRevalidate || cc.noCache || (shared && (cc.proxyRevalidate || cc.sMaxAge !== undefined));
  if (mustRevalidate) return 'revalidation-required';
  const windowMs = (cc.staleIfError ?? 0) * 1000;
  return ageMs < freshnessLifetimeMs(entry, shared) + windowMs ? 'usable' : 'past-stale-if-error';
}

/** RFC 9111 4.2.1, without heuristics. */
export function freshnessLifetimeMs(entry: FreshnessInput, shared: boolean): number {
  const cc = entry.directives;
  if (shared && cc.sMaxAge !== undefined) return cc.sMaxAge * 1000;
  if (cc.maxAge !== undefined) return cc.maxAge * 1000;
  const expires = entry.headers['expires'];
  if (expires === undefined) return 0;
  const expiresAt = Date.parse(expires);
  // An invalid Expires (often "0") means already expired (RFC 9111 5.3).
  if (Number.isNaN(expiresAt)) return 0;
  const date = Date.parse(entry.headers['date'] ?? '');
  // Expires - Date uses only the origin's clock, so skew between hosts cancels out.
  const base = Number.isNaN(date) ? entry.responseTime : date;
  return Math.max(0, expiresAt - base);
}

/**
 * RFC 9111 4.2.3 with one deliberate difference: the apparent age (`response_time - Date`) is
 * ignored. Between services there is no HTTP/1.0 cache that would need it, while clock skew
 * between hosts would otherwise make responses look old (or young) by the size of the skew.
 * The origin's `Age` header and the request's round trip are both counted.
 */
export function currentAgeMs(entry: FreshnessInput, now: number): number {
  const ageValueMs = ageHeaderSeconds(entry.headers['age']) * 1000;
  const responseDelayMs = Math.max(0, entry.responseTime - entry.requestTime);
  const residentMs = Math.max(0, now - entry.responseTime);
  return ageValueMs + responseDelayMs + residentMs;
}

function ageHeaderSeconds(value: string | undefined): number {
  // A malformed Age is ignored rather than guessed at.
  return value !== undefined && /^\d+$/.test(value.trim()) ? Number(value.trim()) : 0;
}
