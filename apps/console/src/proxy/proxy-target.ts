/** A placeholder origin to resolve a path against; never called. */
const PROBE = 'http://console.invalid';

/**
 * What the console passes on: the service's admin API, its health and its metrics. Nothing
 * else of a service (its product, cart or order routes) is reachable through the console.
 */
export function isProxiedPath(pathname: string): boolean {
  return (
    pathname === '/metrics' || pathname.startsWith('/admin/') || pathname.startsWith('/health/')
  );
}

/**
 * The URL to call for `rest` (what follows `/api/<service>/`, query included, still encoded)
 * under a service's base URL, or undefined when the console does not pass it on. The path is
 * normalised first (dot segments, `%2e%2e`, backslashes resolved the way the service would) and
 * checked after; the host is always the base's.
 */
export function upstreamUrl(base: URL, rest: string): URL | undefined {
  let parsed: URL;
  try {
    parsed = new URL(`/${rest}`, PROBE);
  } catch {
    return undefined;
  }
  // `//host/...` would be a host of the caller's choosing.
  if (parsed.origin !== PROBE || parsed.hash) return undefined;
  if (!isProxiedPath(parsed.pathname)) return undefined;
  const target = new URL(base.href);
  target.pathname = `${base.pathname.replace(/\/+$/, '')}${parsed.pathname}`;
  target.search = parsed.search;
  return target;
}
