/**
 * What every mirroring service publishes (on its own `<service>.events`) when it has erased an
 * aggregate its owner purged: the owner collects these receipts in its purge ledger.
 */
export const PurgeReceiptEventType = {
  Issued: 'purge-receipt.issued',
} as const;

export type PurgeReceiptEventType =
  (typeof PurgeReceiptEventType)[keyof typeof PurgeReceiptEventType];

/**
 * Data of `purge-receipt.issued`. `subject` is the purged aggregate's id and `aggregateversion`
 * the version of its tombstone, as in `data`.
 */
export interface PurgeReceipt {
  /** The owner's aggregate type, e.g. `product`. */
  aggregateType: string;
  aggregateId: string;
  /** The tombstone's version (the purge event's `aggregateversion`). */
  version: number;
  /** Stable consumer name of the mirroring service, e.g. `catalog`. */
  mirror: string;
  /** When the mirror committed the erasure (ISO 8601). */
  appliedAt: string;
}
