import { IsInt, IsISO8601, IsString, Length, Max, Min } from 'class-validator';
import { MAX_ID, MAX_VERSION } from './contract-bounds';
import type { EventContract } from './event-contract';

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
export class PurgeReceipt {
  /** The owner's aggregate type, e.g. `product`. */
  @IsString() @Length(1, 64) aggregateType!: string;
  @IsString() @Length(1, MAX_ID) aggregateId!: string;
  /** The tombstone's version (the purge event's `aggregateversion`). */
  @IsInt() @Min(1) @Max(MAX_VERSION) version!: number;
  /** Stable consumer name of the mirroring service, e.g. `catalog`. */
  @IsString() @Length(1, 64) mirror!: string;
  /** When the mirror committed the erasure (ISO 8601). */
  @IsISO8601() appliedAt!: string;
}

/** The receipt with its contract: every service that mirrors an owner declares it publishes it. */
export const PURGE_RECEIPT_CONTRACTS: readonly EventContract[] = [
  {
    type: PurgeReceiptEventType.Issued,
    data: PurgeReceipt,
    summary: "A mirror has erased an aggregate its owner purged (for the owner's purge ledger).",
  },
];
