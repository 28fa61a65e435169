import { PermanentMessageError } from '@app/inbox';
import type { ProductPurged, ProductSnapshot } from './product-events.contract';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks an event's data against the snapshot contract; a violation is poison, not a retry. */
export function validSnapshot(data: unknown, subject: string): ProductSnapshot {
  const s = data as Partial<ProductSnapshot> | null;
  const problems: string[] = [];
  if (!s || typeof s !== 'object') throw new PermanentMessageError('data is not an object');
  if (typeof s.id !== 'string' || !UUID.test(s.id)) problems.push('id');
  if (s.id !== subject) problems.push('id does not match subject');
  if (typeof s.sku !== 'string') problems.push('sku');
  if (typeof s.name !== 'string') problems.push('name');
  if (!Number.isInteger(s.priceCents)) problems.push('priceCents');
  if (typeof s.currency !== 'string' || s.currency.length !== 3) problems.push('currency');
  if (s.status !== 'active' && s.status !== 'decommissioned') problems.push('status');
  if (!Number.isInteger(s.version) || (s.version as number) < 1) problems.push('version');
  if (problems.length > 0) {
    throw new PermanentMessageError(`invalid product snapshot: ${problems.join(', ')}`);
  }
  return s as ProductSnapshot;
}

export function validPurge(data: unknown, subject: string): ProductPurged {
  const p = data as Partial<ProductPurged> | null;
  if (!p || typeof p.id !== 'string' || !UUID.test(p.id) || p.id !== subject) {
    throw new PermanentMessageError('invalid product.purged data: id');
  }
  return p as ProductPurged;
}
