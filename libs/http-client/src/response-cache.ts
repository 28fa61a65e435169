import { LruStore } from './lru-store';
import { approximateSize, type HeaderMap, type StoredResponse } from './stored-response';

/** Bounds of a {@link ResponseCache}. */
export interface ResponseCacheLimits {
  maxEntries: number;
  maxBytes: number;
}

/**
 * The key of one stored variant: the URL alone, or the URL plus the request's values of the
 * headers the response named in `Vary` (RFC 9111 4.1), so two callers that differ in one of
 * those headers never see each other's response.
 */
export function cacheKey(url: string, vary: string[], requestHeaders: HeaderMap): string {
  if (vary.length === 0) return url;
  return `${url}\u0000${JSON.stringify(vary.map((name) => [name, requestHeaders[name] ?? null]))}`;
}

/**
 * Stored GET responses keyed by URL and `Vary`, bounded by an LRU. The `Vary` names are only
 * known from a response, so the cache remembers them per URL to build the key of the next lookup.
 */
export class ResponseCache {
  private readonly store: LruStore<StoredResponse>;
  private readonly urls = new Map<string, { vary: string[]; keys: Set<string> }>();

  constructor(limits: ResponseCacheLimits) {
    this.store = new LruStore<StoredResponse>({
      ...limits,
      sizeOf: approximateSize,
      onRemove: (key, entry) => this.forget(entry.url, key),
    });
  }

  get entries(): number {
    return this.store.size;
  }

  get bytes(): number {
    return this.store.bytes;
  }

  get evictions(): number {
    return this.store.evictions;
  }

  /** The key a request for `url` with these headers would be stored under right now. */
  keyFor(url: string, requestHeaders: HeaderMap): string {
    return cacheKey(url, this.urls.get(url)?.vary ?? [], requestHeaders);
  }

  /** The stored variant matching the request, marked most recently used. */
  lookup(url: string, requestHeaders: HeaderMap): StoredResponse | undefined {
    return this.store.get(this.keyFor(url, requestHeaders));
  }

  /** Stores (or replaces) a variant; false when it is too large to keep at all. */
  put(entry: StoredResponse): boolean {
    const known = this.urls.get(entry.url);
    // A changed Vary makes the old variants unreachable: drop them instead of letting them rot.
    if (known && known.vary.join() !== entry.vary.join()) this.deleteUrl(entry.url);
    if (!this.store.set(entry.key, entry)) return false;
    const record = this.urls.get(entry.url) ?? { vary: entry.vary, keys: new Set<string>() };
    record.keys.add(entry.key);
    this.urls.set(entry.url, record);
    return true;
  }

  /** Removes one variant. */
  remove(key: string): void {
    this.store.delete(key);
  }

  /** Removes every variant stored for a URL; true when there was one. */
  deleteUrl(url: string): boolean {
    const record = this.urls.get(url);
    if (!record) return false;
    for (const key of [...record.keys]) this.store.delete(key);
    this.urls.delete(url);
    return true;
  }

  clear(): void {
    this.store.clear();
    this.urls.clear();
  }

  private forget(url: string, key: string): void {
    const record = this.urls.get(url);
    if (!record) return;
    record.keys.delete(key);
    if (record.keys.size === 0) this.urls.delete(url);
  }
}
