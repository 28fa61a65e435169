import { parseCacheControl } from './cache-control';
import {
  resolveClientOptions,
  type CachingHttpClientOptions,
  type ResolvedClientOptions,
} from './caching-http-client.options';
import { assessFreshness } from './freshness';
import type {
  CachingHttpClientStats,
  GetJsonOptions,
  JsonResponse,
  ResponseSource,
} from './http-client.types';
import { OriginFailure, requestOrigin } from './origin-request';
import { cacheKey, ResponseCache } from './response-cache';
import { conditionalHeaders, notModifiedMatches, refreshFromNotModified } from './revalidation';
import { isJsonBody, served, toJsonResponse, type ServedResponse } from './served-response';
import { storageDecision } from './storage-policy';
import {
  normalizeHeaders,
  parseVary,
  type HeaderMap,
  type OriginResponse,
  type StoredResponse,
} from './stored-response';
import { UpstreamUnavailableError, type StaleEntryState } from './upstream-unavailable.error';

/**
 * An HTTP client for JSON GETs that honours the origin's `Cache-Control` and `ETag` (RFC 9111,
 * plus `stale-if-error` from RFC 5861). Fresh responses are served without a request; stale ones
 * are revalidated with `If-None-Match`/`If-Modified-Since`; when the origin fails, a stale copy
 * is served only inside its `stale-if-error` window, otherwise {@link UpstreamUnavailableError}
 * is thrown. Identical concurrent misses share one request. Memory is bounded by an LRU.
 *
 * It is a shared cache by default (one service instance caches for all its users).
 */
export class CachingHttpClient {
  private readonly options: ResolvedClientOptions;
  private readonly cache: ResponseCache;
  private readonly inFlight = new Map<string, Promise<ServedResponse>>();
  private readonly counts: Record<ResponseSource | 'failures' | 'coalesced', number> = {
    cache: 0,
    revalidated: 0,
    network: 0,
    stale: 0,
    failures: 0,
    coalesced: 0,
  };

  constructor(options: CachingHttpClientOptions = {}) {
    this.options = resolveClientOptions(options);
    this.cache = new ResponseCache({
      maxEntries: this.options.maxEntries,
      maxBytes: this.options.maxBytes,
    });
  }

  /**
   * GETs `url` (relative to `baseUrl` when one is set) and parses the JSON body.
   * @throws UpstreamUnavailableError when the origin fails (network error, timeout, 5xx) and no
   * stored response may stand in for it.
   */
  async getJson<T>(url: string, options: GetJsonOptions = {}): Promise<JsonResponse<T>> {
    const absolute = this.resolve(url);
    const headers = { accept: 'application/json', ...normalizeHeaders(options.headers) };
    let response: ServedResponse;
    try {
      response = await this.load(absolute, headers);
    } catch (error) {
      if (error instanceof UpstreamUnavailableError) this.counts.failures++;
      throw error;
    }
    this.counts[response.source]++;
    return toJsonResponse<T>(response, absolute);
  }

  /** Counters per source since creation, and the cache's current size. */
  stats(): CachingHttpClientStats {
    return {
      ...this.counts,
      entries: this.cache.entries,
      bytes: this.cache.bytes,
      evictions: this.cache.evictions,
    };
  }

  /** Drops every stored response; the counters keep running. */
  clear(): void {
    this.cache.clear();
  }

  /** Drops every stored variant of `url`; true when something was stored. */
  delete(url: string): boolean {
    return this.cache.deleteUrl(this.resolve(url));
  }

  private load(url: string, headers: HeaderMap): Promise<ServedResponse> {
    const entry = this.cache.lookup(url, headers);
    if (entry) {
      const freshness = assessFreshness(entry, this.options.now(), this.options.shared);
      if (freshness.fresh) return Promise.resolve(served(entry, 'cache', freshness.ageMs));
    }
    // Keyed by every request header, not only Vary ones: callers that differ in anything must
    // not share a response the cache would not have shared either.
    const flightKey = JSON.stringify([url, Object.entries(headers).sort()]);
    const pending = this.inFlight.get(flightKey);
    if (pending) {
      this.counts.coalesced++;
      return pending;
    }
    const flight = this.fetchFromOrigin(url, headers, entry).finally(() => {
      this.inFlight.delete(flightKey);
    });
    this.inFlight.set(flightKey, flight);
    return flight;
  }

  private async fetchFromOrigin(
    url: string,
    headers: HeaderMap,
    entry: StoredResponse | undefined,
  ): Promise<ServedResponse> {
    let response: OriginResponse;
    try {
      response = await requestOrigin({
        fetch: this.options.fetch,
        url,
        headers: entry ? { ...headers, ...conditionalHeaders(entry) } : headers,
        timeoutMs: this.options.timeoutMs,
        now: this.options.now,
      });
    } catch (error) {
      if (!(error instanceof OriginFailure)) throw error;
      return this.fallBack(url, entry, error);
    }
    if (response.status === 304 && entry) return this.revalidated(url, headers, entry, response);
    return this.replaced(url, headers, entry, response);
  }

  /** The origin failed: a stale copy inside its `stale-if-error` window, or an error. */
  private fallBack(
    url: string,
    entry: StoredResponse | undefined,
    failure: OriginFailure,
  ): ServedResponse {
    let staleEntry: StaleEntryState = 'none';
    if (entry) {
      const freshness = assessFreshness(entry, this.options.now(), this.options.shared);
      if (freshness.onOriginError === 'usable') return served(entry, 'stale', freshness.ageMs);
      staleEntry = freshness.onOriginError;
    }
    throw new UpstreamUnavailableError(url, failure.kind, staleEntry, {
      cause: failure,
      status: failure.status,
    });
  }

  /** 304: keep the body, adopt the new cache headers, start a new freshness lifetime. */
  private revalidated(
    url: string,
    headers: HeaderMap,
    entry: StoredResponse,
    notModified: OriginResponse,
  ): Promise<ServedResponse> | ServedResponse {
    if (!notModifiedMatches(entry, notModified)) {
      // The 304 is about another representation: our body cannot be vouched for, so refetch.
      this.cache.remove(entry.key);
      return this.fetchFromOrigin(url, headers, undefined);
    }
    const refreshed = refreshFromNotModified(entry, notModified);
    if (storageDecision(refreshed, headers, this.options.shared).storable) {
      this.cache.put(refreshed);
    } else {
      this.cache.remove(entry.key);
    }
    const { ageMs } = assessFreshness(refreshed, this.options.now(), this.options.shared);
    return served(refreshed, 'revalidated', ageMs);
  }

  /** A full response: it replaces the stored one, or evicts it when it may not be stored. */
  private replaced(
    url: string,
    headers: HeaderMap,
    entry: StoredResponse | undefined,
    response: OriginResponse,
  ): ServedResponse {
    const vary = parseVary(response.headers['vary']);
    const candidate: StoredResponse = {
      ...response,
      url,
      key: cacheKey(url, vary, headers),
      vary,
      directives: parseCacheControl(response.headers['cache-control']),
    };
    const decision = storageDecision(candidate, headers, this.options.shared);
    if (decision.storable && isJsonBody(candidate.body)) {
      this.cache.put(candidate);
    } else {
      // What we held is superseded by an answer that may not be kept (a 404, no-store, ...).
      if (entry) this.cache.remove(entry.key);
      this.cache.remove(candidate.key);
    }
    const { ageMs } = assessFreshness(candidate, this.options.now(), this.options.shared);
    return served(response, 'network', ageMs);
  }

  /** Relative URLs are appended to `baseUrl`, keeping any path the base has. */
  private resolve(url: string): string {
    const base = this.options.baseUrl;
    if (base === undefined || /^[a-z][a-z0-9+.-]*:/i.test(url)) return new URL(url).toString();
    return new URL(`${base.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`).toString();
  }
}
