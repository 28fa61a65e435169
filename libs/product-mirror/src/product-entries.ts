import { PermanentMessageError } from '@app/inbox';
import { PURGED, type SnapshotEntry } from '@app/mirror-sync';
import type { CloudEvent } from '@app/outbox';
import type { ProductSnapshot } from './product-events.contract';
import { validPurge, validSnapshot } from './snapshot-validation';

export type ProductEntry = SnapshotEntry<ProductSnapshot>;

/** A snapshot event as an entry; its `aggregateversion` must be the snapshot's version. */
export function snapshotEntry(event: CloudEvent): ProductEntry {
  const snapshot = validSnapshot(event.data, event.subject);
  if (snapshot.version !== event.aggregateversion) {
    throw new PermanentMessageError(
      `data.version ${snapshot.version} is not the aggregateversion ${event.aggregateversion}`,
    );
  }
  return { id: snapshot.id, version: snapshot.version, status: snapshot.status, snapshot };
}

/** `product.purged` as a tombstone entry at the purge's version. */
export function tombstoneEntry(event: CloudEvent): ProductEntry {
  const { id } = validPurge(event.data, event.subject);
  return { id, version: event.aggregateversion, status: PURGED, snapshot: null };
}

/**
 * Checks an entry from any source (an event, the owner's snapshot pages): a tombstone carries
 * no snapshot; any other entry a valid snapshot of the same id, version and status.
 */
export function assertEntry(entry: ProductEntry): void {
  if (!Number.isInteger(entry.version) || entry.version < 1) {
    throw new PermanentMessageError(`invalid product entry ${entry.id}: version`);
  }
  if (entry.status === PURGED) {
    validPurge({ id: entry.id }, entry.id);
    if (entry.snapshot !== null) {
      throw new PermanentMessageError(`product tombstone ${entry.id} carries a snapshot`);
    }
    return;
  }
  const s = validSnapshot(entry.snapshot, entry.id);
  if (s.version !== entry.version || s.status !== entry.status) {
    throw new PermanentMessageError(
      `product entry ${entry.id} (v${entry.version}, ${entry.status}) does not match its snapshot`,
    );
  }
}
