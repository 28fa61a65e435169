import { createHash } from 'node:crypto';

export interface Versioned {
  id: string;
  version: number;
}

/**
 * A strong ETag built only from ids and versions: it changes exactly when one of the
 * represented entities changes, and costs no body hashing.
 */
export function entityTag(items: Versioned | Versioned[]): string {
  const list = Array.isArray(items) ? items : [items];
  const hash = createHash('sha1');
  for (const item of list) hash.update(`${item.id}:${item.version};`);
  return `"${hash.digest('base64url').slice(0, 22)}"`;
}

function tags(header: string): string[] {
  return header
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}

/** `If-None-Match` uses weak comparison (RFC 9110 13.1.2). */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const plain = etag.replace(/^W\//, '');
  return tags(header).some((t) => t === '*' || t.replace(/^W\//, '') === plain);
}

/** `If-Match` uses strong comparison; a weak tag never matches (RFC 9110 13.1.1). */
export function ifMatchHolds(header: string | undefined, etag: string): boolean {
  if (header === undefined) return true;
  return tags(header).some((t) => t === '*' || (!t.startsWith('W/') && t === etag));
}
