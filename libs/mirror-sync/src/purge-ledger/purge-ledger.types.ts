/** A purge as the owner opens it in its ledger, inside the purge's transaction. */
export interface OpenPurge {
  aggregateType: string;
  aggregateId: string;
  /** The tombstone's version (the purge event's `aggregateversion`). */
  version: number;
  /** Consumer names of the mirrors that must send a receipt, as configured at purge time. */
  expectedMirrors: string[];
}

/** The newest receipt one mirror sent for one purge. */
export interface PurgeReceiptRecord {
  mirror: string;
  version: number;
  /** When the mirror committed the erasure (ISO 8601). */
  appliedAt: string;
  /** When the owner recorded the receipt (ISO 8601). */
  receivedAt: string;
}

/** One purge, its receipts, and which expected mirrors have not confirmed it yet. */
export interface PurgeLedgerEntry {
  aggregateType: string;
  aggregateId: string;
  version: number;
  purgedAt: string;
  expected: string[];
  receipts: PurgeReceiptRecord[];
  /** Expected mirrors without a receipt at the purge's version or later. */
  missing: string[];
  complete: boolean;
  completedAt: string | null;
}

export interface PurgeLedgerQuery {
  aggregateType: string;
  /** true: only complete purges; false: only those still waiting; omitted: all. */
  complete?: boolean;
  /** Exclusive lower bound on the aggregate id (the previous page's `nextCursor`). */
  after?: string;
  limit: number;
}

export interface PurgeLedgerPage {
  /** In aggregate id order. */
  items: PurgeLedgerEntry[];
  /** The last aggregate id of a full page, else null. */
  nextCursor: string | null;
}
