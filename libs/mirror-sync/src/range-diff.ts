import type { EntryState, SnapshotEntry } from './mirror-sync.types';

/** How one range of a mirror differs from its owner's. */
export interface RangeDiff<T> {
  /** The owner has them, the mirror does not. */
  missing: SnapshotEntry<T>[];
  /** The mirror holds an older version. */
  older: SnapshotEntry<T>[];
  /** Same version, another status: changed behind the events' back. */
  altered: { owner: SnapshotEntry<T>; mirror: EntryState }[];
  /** The mirror holds a newer version than the owner. */
  ahead: { owner: SnapshotEntry<T>; mirror: EntryState }[];
  /** The mirror has them, the owner's answer does not. */
  orphans: EntryState[];
}

/** Compares the owner's entries of a range with the mirror's, entry by entry. */
export function diffRange<T>(owner: SnapshotEntry<T>[], mirror: EntryState[]): RangeDiff<T> {
  const diff: RangeDiff<T> = { missing: [], older: [], altered: [], ahead: [], orphans: [] };
  const mirrored = new Map(mirror.map((m) => [m.id, m]));
  for (const entry of owner) {
    const local = mirrored.get(entry.id);
    mirrored.delete(entry.id);
    if (!local) diff.missing.push(entry);
    else if (local.version < entry.version) diff.older.push(entry);
    else if (local.version > entry.version) diff.ahead.push({ owner: entry, mirror: local });
    else if (local.status !== entry.status) diff.altered.push({ owner: entry, mirror: local });
  }
  diff.orphans = [...mirrored.values()];
  return diff;
}

export function isEmptyDiff(diff: RangeDiff<unknown>): boolean {
  return (
    diff.missing.length +
      diff.older.length +
      diff.altered.length +
      diff.ahead.length +
      diff.orphans.length ===
    0
  );
}
