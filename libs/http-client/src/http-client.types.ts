/**
 * Where a response came from:
 * - `cache`: fresh from the cache, no request made;
 * - `revalidated`: a conditional request got 304, the cached body was reused and is fresh again;
 * - `network`: a full response from the origin;
 * - `stale`: the origin failed and a stale copy inside its `stale-if-error` window was served.
 */
export type ResponseSource = 'cache' | 'revalidated' | 'network' | 'stale';

/** Per-call options of `getJson`. */
export interface GetJsonOptions {
  /** Request headers; header names listed in a response's `Vary` take part in its cache key. */
  headers?: Record<string, string | undefined>;
}

/** What `getJson` returns. */
export interface JsonResponse<T> {
  status: number;
  /** The parsed body of a 2xx response (undefined when empty); undefined for other statuses. */
  body: T | undefined;
  /** Response headers, lower-cased; served copies carry the current `age`. */
  headers: Record<string, string>;
  source: ResponseSource;
  /** Current age of the response in whole seconds (RFC 9111 4.2.3). */
  ageSeconds: number;
}

/** Counters since the client was created, plus the cache's current size. */
export interface CachingHttpClientStats {
  /** Calls answered per source; coalesced callers each count. */
  cache: number;
  revalidated: number;
  network: number;
  stale: number;
  /** Calls that threw `UpstreamUnavailableError`. */
  failures: number;
  /** Calls that joined a request already in flight instead of sending their own. */
  coalesced: number;
  entries: number;
  bytes: number;
  /** Entries dropped to stay within `maxEntries`/`maxBytes`. */
  evictions: number;
}
