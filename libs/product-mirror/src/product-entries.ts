import { ProductPurged, ProductSnapshot, fastContractCheck } from '@app/event-contracts';
import { PermanentMessageError, validateEventData } from '@app/inbox';
import { PURGED, type SnapshotEntry } from '@app/mirror-sync';

export type ProductEntry = SnapshotEntry<ProductSnapshot>;

// Seed and reconcile pages bring a thousand snapshots at a time: the compiled schema accepts the
// valid ones in microseconds; anything it refuses goes to class-validator for the verdict.
const isProductSnapshot = fastContractCheck(ProductSnapshot);

/** A snapshot as an entry at `version` (an event's `aggregateversion`, which it must equal). */
export function snapshotEntry(snapshot: ProductSnapshot, version: number): ProductEntry {
  return { id: snapshot.id, version, status: snapshot.status, snapshot };
}

/** A purged product as a tombstone entry at the purge's version. */
export function tombstoneEntry(id: string, version: number): ProductEntry {
  return { id, version, status: PURGED, snapshot: null };
}

/**
 * Checks an entry from any source (an event, the owner's snapshot pages) against the product
 * contract: a tombstone carries no snapshot; any other entry a valid snapshot of the same id,
 * version and status.
 */
export function assertEntry(entry: ProductEntry): void {
  if (!Number.isInteger(entry.version) || entry.version < 1) {
    throw new PermanentMessageError(`invalid product entry ${entry.id}: version`);
  }
  if (entry.status === PURGED) {
    validateEventData(ProductPurged, { id: entry.id });
    if (entry.snapshot !== null) {
      throw new PermanentMessageError(`product tombstone ${entry.id} carries a snapshot`);
    }
    return;
  }
  const s = isProductSnapshot(entry.snapshot)
    ? (entry.snapshot as ProductSnapshot)
    : validateEventData(ProductSnapshot, entry.snapshot);
  if (s.id !== entry.id || s.version !== entry.version || s.status !== entry.status) {
    throw new PermanentMessageError(
      `product entry ${entry.id} (v${entry.version}, ${entry.status}) does not match its snapshot`,
    );
  }
}
