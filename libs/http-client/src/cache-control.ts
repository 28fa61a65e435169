/**
 * The response `Cache-Control` directives this client acts on (RFC 9111 section 5.2.2, plus
 * `stale-if-error` from RFC 5861). Delta-seconds are whole seconds; absent means not sent.
 */
export interface CacheDirectives {
  noStore: boolean;
  noCache: boolean;
  /** `private`: only a private (single-user) cache may store the response. */
  private: boolean;
  public: boolean;
  mustRevalidate: boolean;
  proxyRevalidate: boolean;
  maxAge?: number;
  sMaxAge?: number;
  staleIfError?: number;
}

/** RFC 9111 1.2.2: a delta-seconds too large to represent is capped at 2^31. */
const DELTA_SECONDS_CAP = 2_147_483_648;

/**
 * Parses a `Cache-Control` header value (several header lines joined with commas are fine).
 * Names are case-insensitive; values may be tokens or quoted strings, and commas inside quotes
 * do not split. The first occurrence of a repeated directive wins (RFC 9111 4.2.1).
 * Field-qualified `private="x"` and `no-cache="x"` are treated as their unqualified forms: the
 * conservative reading, since this cache does not strip individual fields.
 */
export function parseCacheControl(header: string | null | undefined): CacheDirectives {
  const directives: CacheDirectives = {
    noStore: false,
    noCache: false,
    private: false,
    public: false,
    mustRevalidate: false,
    proxyRevalidate: false,
  };
  if (!header) return directives;
  for (const [name, value] of splitDirectives(header)) {
    switch (name) {
      case 'no-store':
        directives.noStore = true;
        break;
      case 'no-cache':
        directives.noCache = true;
        break;
      case 'private':
        directives.private = true;
        break;
      case 'public':
        directives.public = true;
        break;
      case 'must-revalidate':
        directives.mustRevalidate = true;
        break;
      case 'proxy-revalidate':
        directives.proxyRevalidate = true;
        break;
      case 'max-age':
        directives.maxAge ??= deltaSeconds(value);
        break;
      case 's-maxage':
        directives.sMaxAge ??= deltaSeconds(value);
        break;
      case 'stale-if-error':
        directives.staleIfError ??= deltaSeconds(value);
        break;
      default:
        // Unknown extensions are ignored, as RFC 9111 5.2.3 requires.
        break;
    }
  }
  return directives;
}

/**
 * A delta-seconds value; anything malformed counts as 0 so that a broken `max-age` makes the
 * response stale instead of fresh forever (RFC 9111 4.2.1: "considered stale").
 */
function deltaSeconds(value: string | undefined): number {
  if (value === undefined || !/^\d+$/.test(value)) return 0;
  return Math.min(Number(value), DELTA_SECONDS_CAP);
}

/** Yields `[lower-case name, unquoted value?]` for each comma-separated directive. */
function* splitDirectives(header: string): Generator<[string, string | undefined]> {
  let i = 0;
  while (i < header.length) {
    let end = i;
    let inQuotes = false;
    while (end < header.length && (inQuotes || header[end] !== ',')) {
      if (header[end] === '"') inQuotes = !inQuotes;
      else if (header[end] === '\\' && inQuotes) end++;
      end++;
    }
    const part = header.slice(i, end).trim();
    i = end + 1;
    if (part.length === 0) continue;
    const eq = part.indexOf('=');
    if (eq < 0) {
      yield [part.toLowerCase(), undefined];
      continue;
    }
    const name = part.slice(0, eq).trim().toLowerCase();
    const raw = part.slice(eq + 1).trim();
    const value = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
    yield [name, value];
  }
}
