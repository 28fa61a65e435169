const ID = /^[1-9]\d{0,17}$/;

/** Keyset position in the newest-first audit listing: the last row id, opaque to callers. */
export function encodeAuditCursor(id: string): string {
  return Buffer.from(`audit|${id}`).toString('base64url');
}

/** The row id, or undefined when `value` was not produced by `encodeAuditCursor`. */
export function decodeAuditCursor(value: string): string | undefined {
  const [tag, id, ...rest] = Buffer.from(value, 'base64url').toString().split('|');
  return tag === 'audit' && rest.length === 0 && ID.test(id ?? '') ? id : undefined;
}
