import type { CacheDirectives } from './cache-control';

/** Header names are lower-cased so lookups never depend on how the origin spelled them. */
export type HeaderMap = Record<string, string>;

/** A response as received from the origin, before any caching decision. */
export interface OriginResponse {
  status: number;
  headers: HeaderMap;
  /** The raw body; kept as text so each caller can get its own parsed copy. */
  body: string;
  /** Client clock when the request was sent and when the response arrived (ms). */
  requestTime: number;
  responseTime: number;
}

/** A response held by the cache, with what the freshness rules need already parsed. */
export interface StoredResponse extends OriginResponse {
  /** The cache key: the URL plus the values of the request headers named by `Vary`. */
  key: string;
  url: string;
  directives: CacheDirectives;
  /** Lower-cased, sorted header names from `Vary` (empty when the response does not vary). */
  vary: string[];
}

/** Lower-cases header names; a caller's `undefined` values are dropped. */
export function normalizeHeaders(
  headers: Record<string, string | undefined> | undefined,
): HeaderMap {
  const out: HeaderMap = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) out[name.toLowerCase()] = value;
  }
  return out;
}

/** Parses `Vary` into sorted lower-case names; `*` is kept so the storage rules can see it. */
export function parseVary(header: string | undefined): string[] {
  if (!header) return [];
  const names = header
    .split(',')
    .map((n) => n.trim().toLowerCase())
    .filter((n) => n.length > 0);
  return [...new Set(names)].sort();
}

/** Approximate memory cost: body plus header text plus the key; enough to bound the cache. */
export function approximateSize(entry: StoredResponse): number {
  let size = Buffer.byteLength(entry.body) + entry.key.length;
  for (const [name, value] of Object.entries(entry.headers)) size += name.length + value.length;
  return size;
}
