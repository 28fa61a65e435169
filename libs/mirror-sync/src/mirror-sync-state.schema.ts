/** Per mirror: how far its seed got and what its last reconcile run found. */
export const MIRROR_SYNC_STATE_TABLE = 'mirror_sync_state';

/**
 * The sync-state table's current DDL, for tests and for writing a mirroring service's migration:
 * paste its output into the migration, never call it from one (ADR 0015).
 */
export function mirrorSyncStateTableDdl(): string[] {
  return [
    `CREATE TABLE "${MIRROR_SYNC_STATE_TABLE}" (
      "mirror" text PRIMARY KEY,
      "seed_after" text,
      "seed_rows" bigint NOT NULL DEFAULT 0,
      "seed_started_at" timestamptz,
      "seed_completed_at" timestamptz,
      "last_reconcile_at" timestamptz,
      "last_reconcile" jsonb
    )`,
  ];
}
