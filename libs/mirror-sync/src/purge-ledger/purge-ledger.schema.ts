/** One row per purge: what the owner erased and which mirrors must confirm it. */
export const PURGE_LEDGER_TABLE = 'purge_ledger';

/** One row per purge and mirror: the newest receipt that mirror sent. */
export const PURGE_RECEIPTS_TABLE = 'purge_receipts';

/**
 * The current DDL of the purge ledger's tables, for tests and for writing a migration: paste
 * its output into the migration, never call it from one (ADR 0015).
 */
export function purgeLedgerTableDdl(): string[] {
  const ledger = PURGE_LEDGER_TABLE;
  const receipts = PURGE_RECEIPTS_TABLE;
  return [
    `CREATE TABLE "${ledger}" (
      "aggregate_type" text NOT NULL,
      "aggregate_id" text NOT NULL,
      "version" integer NOT NULL,
      "purged_at" timestamptz NOT NULL,
      "expected_mirrors" text[] NOT NULL,
      "completed_at" timestamptz,
      PRIMARY KEY ("aggregate_type", "aggregate_id")
    )`,
    // What the overdue count and `?complete=false` read: only purges still waiting.
    `CREATE INDEX "ix_${ledger}_incomplete" ON "${ledger}" ("purged_at")
      WHERE "completed_at" IS NULL`,
    `CREATE TABLE "${receipts}" (
      "aggregate_type" text NOT NULL,
      "aggregate_id" text NOT NULL,
      "mirror" text NOT NULL,
      "version" integer NOT NULL,
      "applied_at" timestamptz NOT NULL,
      "received_at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("aggregate_type", "aggregate_id", "mirror")
    )`,
  ];
}

export function dropPurgeLedgerTableDdl(): string[] {
  return [
    `DROP TABLE IF EXISTS "${PURGE_RECEIPTS_TABLE}"`,
    `DROP TABLE IF EXISTS "${PURGE_LEDGER_TABLE}"`,
  ];
}
