/**
 * Keyset position in a newest-first dead-letter listing: the time it became a dead letter
 * (microseconds) then the row id. Both kinds page with it.
 */
export interface DeadLetterCursor {
  /** ISO 8601 UTC with microseconds, as PostgreSQL stores it; a JS Date would lose precision. */
  at: string;
  id: string;
}

const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const ID = /^[1-9]\d{0,17}$/;

/** Opaque to callers, so the listing order can change without breaking their code. */
export function encodeDeadLetterCursor(cursor: DeadLetterCursor): string {
  return Buffer.from(`${cursor.at}|${cursor.id}`).toString('base64url');
}

/** The cursor, or undefined when `value` was not produced by `encodeDeadLetterCursor`. */
export function decodeDeadLetterCursor(value: string): DeadLetterCursor | undefined {
  const [at, id, ...rest] = Buffer.from(value, 'base64url').toString().split('|');
  if (rest.length > 0 || !AT.test(at ?? '') || !ID.test(id ?? '')) return undefined;
  // PostgreSQL has no year 0; a forged cursor must not reach it.
  if (at.startsWith('0000')) return undefined;
  // Round-tripping through Date rejects impossible dates (02-30) the pattern lets through.
  const millis = Date.parse(at);
  if (Number.isNaN(millis) || new Date(millis).toISOString().slice(0, 23) !== at.slice(0, 23)) {
    return undefined;
  }
  return { at, id };
}
