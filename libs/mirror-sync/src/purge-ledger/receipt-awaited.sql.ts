import {
  PURGE_LEDGER_TABLE as LEDGER,
  PURGE_RECEIPTS_TABLE as RECEIPTS,
} from './purge-ledger.schema';

/** SQL expressions (column references or `$n` parameters) of one tombstone and one mirror. */
export interface ReceiptAwaitedTerms {
  /** The owner's aggregate type, e.g. `$3` bound to `'product'`. */
  aggregateType: string;
  /** The tombstone's id, e.g. `t."id"` (cast to text here). */
  aggregateId: string;
  /** The mirror's name, e.g. `$4`. */
  mirror: string;
}

/**
 * A boolean SQL expression: whether the purge ledger still waits for this mirror's receipt of
 * this purge (the purge expected the mirror, and no receipt of its version or a later one has
 * come). An owner adds it to the tombstones it serves a mirror, so a mirror that rebuilds itself
 * sends only the receipts still missing: a repeated receipt would change nothing in the ledger
 * (ADR 0017). Two primary-key lookups per tombstone.
 */
export function receiptAwaitedSql(terms: ReceiptAwaitedTerms): string {
  return `EXISTS (
      SELECT 1 FROM "${LEDGER}" l
       WHERE l."aggregate_type" = ${terms.aggregateType}
         AND l."aggregate_id" = (${terms.aggregateId})::text
         AND ${terms.mirror}::text = ANY (l."expected_mirrors")
         AND NOT EXISTS (
           SELECT 1 FROM "${RECEIPTS}" r
            WHERE r."aggregate_type" = l."aggregate_type"
              AND r."aggregate_id" = l."aggregate_id"
              AND r."mirror" = ${terms.mirror}::text
              AND r."version" >= l."version"))`;
}
