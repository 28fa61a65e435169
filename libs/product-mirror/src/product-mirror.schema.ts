import { entryHashSql } from '@app/mirror-sync';

export const PRODUCT_MIRROR_TABLE = 'product_mirror';

const ENTRY_HASH_SQL = entryHashSql('"id"', '"version"', '"status"');

/**
 * The mirror table's current DDL, for tests and for writing the consuming service's migration:
 * paste its output into the migration, never call it from one (ADR 0015).
 */
export function productMirrorTableDdl(): string[] {
  return [
    `CREATE TABLE "${PRODUCT_MIRROR_TABLE}" (
      "id" uuid PRIMARY KEY,
      "sku" text,
      "name" text,
      "description" text,
      "price_cents" integer,
      "currency" char(3),
      "status" text NOT NULL,
      "version" integer NOT NULL,
      "owner_updated_at" timestamptz,
      "mirrored_at" timestamptz NOT NULL DEFAULT now(),
      -- The entry's digest hash (entryHashSql of @app/mirror-sync), computed once per write.
      "entry_hash" bigint GENERATED ALWAYS AS (${ENTRY_HASH_SQL}) STORED
    )`,
    // Range digests and entry listings read from here alone (index-only).
    `CREATE INDEX "ix_${PRODUCT_MIRROR_TABLE}_entries" ON "${PRODUCT_MIRROR_TABLE}" ("id") INCLUDE ("version", "status", "entry_hash")`,
  ];
}
