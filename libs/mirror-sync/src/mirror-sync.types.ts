import type { EntityManager } from 'typeorm';

/** Status of a tombstone: the owner erased the aggregate and keeps only its id and version. */
export const PURGED = 'purged';

/** One aggregate as its owner states it; a tombstone has status `purged` and no snapshot. */
export interface SnapshotEntry<T = unknown> {
  id: string;
  version: number;
  status: string;
  snapshot: T | null;
  /**
   * Of a tombstone served to a mirror: whether the owner still waits for that mirror's purge
   * receipt. `false` spares a rebuilt mirror from sending receipts the owner already holds;
   * absent (an event, a caller that is not a mirror), the mirror sends one.
   */
  receiptAwaited?: boolean;
}

export interface SnapshotPage<T = unknown> {
  items: SnapshotEntry<T>[];
  /** The last id of this page, or null when there is nothing after it. */
  nextCursor: string | null;
}

export interface SnapshotPageQuery {
  /** Exclusive lower bound (an id); omitted: from the start of the range. */
  after?: string;
  limit: number;
  /** Hex prefix of the ids (dashes ignored); omitted or '': every id. */
  prefix?: string;
}

/**
 * A range of ids is a prefix of their 32 hex digits. Its digest: the number of entries and the
 * XOR of the first 64 bits of md5(`${id}:${version}:${status}`), as 16 lowercase hex digits.
 */
export interface RangeDigest {
  prefix: string;
  count: number;
  hash: string;
}

/** The version and status of one entry, what digests are made of. */
export interface EntryState {
  id: string;
  version: number;
  status: string;
}

/** What a source has read from its owner: requests and response body bytes. */
export interface SourceTraffic {
  requests: number;
  bytes: number;
}

/** The owner, as a mirror sees it (over HTTP, usually). */
export interface MirrorSource<T = unknown> {
  /** Running totals of what this source has read, if it counts them (shown in `/admin/health`). */
  readonly traffic?: SourceTraffic;
  /** Digests of the 16 children of each prefix (of the root for ['']). */
  digests(prefixes: string[]): Promise<RangeDigest[]>;
  page(query: SnapshotPageQuery): Promise<SnapshotPage<T>>;
  /** Current entries of these ids; an id the owner never had is absent from the answer. */
  lookup(ids: string[]): Promise<SnapshotEntry<T>[]>;
}

/** The local mirror table, as seeding and reconciliation need it. */
export interface MirrorTarget<T = unknown> {
  /** Name of the mirrored owner, e.g. `product`; keys the sync state and the metrics. */
  readonly name: string;
  digests(prefixes: string[]): Promise<RangeDigest[]>;
  /** Every entry of one range, in id order. */
  entries(prefix: string): Promise<EntryState[]>;
  /** Upserts each entry whose version is newer than the mirror's; returns the ids applied. */
  applyIfNewer(manager: EntityManager, entries: SnapshotEntry<T>[]): Promise<string[]>;
  /** Overwrites one row with the owner's entry if it is still at `expected`. */
  reset(manager: EntityManager, entry: SnapshotEntry<T>, expected: EntryState): Promise<boolean>;
  /** Deletes one row the owner never had, if it is still at `expected`. */
  remove(manager: EntityManager, expected: EntryState): Promise<boolean>;
}

/** What a reconcile run found and fixed. */
export interface ReconcileResult {
  /** Entries the run vouched for: the owner's count over every range compared. */
  checked: number;
  missing: number;
  stale: number;
  ahead: number;
  orphaned: number;
  repaired: number;
  /** Ranges whose digests were compared. */
  ranges: number;
  /** Snapshot pages and lookups read from the owner. */
  pages: number;
  durationMs: number;
}
