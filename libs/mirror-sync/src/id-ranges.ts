/**
 * Ranges of ids as prefixes of their 32 hex digits (dashes ignored): `''` is every id, `a7` every
 * id from `a7000000-0000-…` to `a7ffffff-ffff-…`. A range splits into 16 children, one per digit.
 */
const PREFIX = /^[0-9a-f]{0,31}$/;
const HEX = '0123456789abcdef';

export function isRangePrefix(value: string): boolean {
  return PREFIX.test(value);
}

/** The 16 ranges one digit longer than `prefix`, in id order. */
export function childPrefixes(prefix: string): string[] {
  assertPrefix(prefix);
  return [...HEX].map((digit) => prefix + digit);
}

/** The first and last id of a range, as UUID strings (both inclusive). */
export function prefixBounds(prefix: string): { lo: string; hi: string } {
  if (!/^[0-9a-f]{0,32}$/.test(prefix)) throw new Error(`not an id range prefix: '${prefix}'`);
  return { lo: toUuid(prefix.padEnd(32, '0')), hi: toUuid(prefix.padEnd(32, 'f')) };
}

/** The range prefix of `length` digits that holds `id`. */
export function prefixOf(id: string, length: number): string {
  return id.replace(/-/g, '').toLowerCase().slice(0, length);
}

function toUuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function assertPrefix(prefix: string): void {
  if (!isRangePrefix(prefix)) throw new Error(`not an id range prefix: '${prefix}'`);
}
