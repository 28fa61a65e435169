import type { FetchFunction } from './origin-request';

/** Options of a {@link CachingHttpClient}; every field has a working default. */
export interface CachingHttpClientOptions {
  /** Prefix for relative URLs: `baseUrl + '/' + url`, so a base path like `/api` is kept. */
  baseUrl?: string;
  /** Deadline for one origin request, body included; a timeout is an origin failure. */
  timeoutMs?: number;
  /** Most responses kept; the least recently used go first. */
  maxEntries?: number;
  /** Approximate bytes kept (bodies plus headers); the least recently used go first. */
  maxBytes?: number;
  /**
   * A shared cache (the default) serves every user of the service, so it refuses `private`
   * responses, prefers `s-maxage` and honours `proxy-revalidate`. Set false for a cache that
   * serves one user only.
   */
  shared?: boolean;
  /** The HTTP transport; Node's global `fetch` unless a test injects one. */
  fetch?: FetchFunction;
  /** Clock in epoch milliseconds; inject one to test freshness without sleeping. */
  now?: () => number;
}

export type ResolvedClientOptions = Required<Omit<CachingHttpClientOptions, 'baseUrl'>> &
  Pick<CachingHttpClientOptions, 'baseUrl'>;

export const CLIENT_DEFAULTS = {
  timeoutMs: 2000,
  maxEntries: 1000,
  maxBytes: 10 * 1024 * 1024,
  shared: true,
} as const;

/** Applies the defaults and fails fast on limits that could never work. */
export function resolveClientOptions(options: CachingHttpClientOptions): ResolvedClientOptions {
  const resolved: ResolvedClientOptions = {
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs ?? CLIENT_DEFAULTS.timeoutMs,
    maxEntries: options.maxEntries ?? CLIENT_DEFAULTS.maxEntries,
    maxBytes: options.maxBytes ?? CLIENT_DEFAULTS.maxBytes,
    shared: options.shared ?? CLIENT_DEFAULTS.shared,
    // Looked up at call time, not bound once, so a globally patched fetch is still honoured.
    fetch: options.fetch ?? ((url, init) => fetch(url, init)),
    now: options.now ?? Date.now,
  };
  for (const name of ['timeoutMs', 'maxEntries', 'maxBytes'] as const) {
    const value = resolved[name];
    if (!Number.isFinite(value) || value <= 0) {
      throw new RangeError(`CachingHttpClient: ${name} must be a positive number, got ${value}`);
    }
  }
  if (resolved.baseUrl !== undefined && !URL.canParse(resolved.baseUrl)) {
    throw new TypeError(`CachingHttpClient: baseUrl is not an absolute URL: ${resolved.baseUrl}`);
  }
  return resolved;
}
