import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Provable mirrors (ADR 0017): the state of the mirror's seeding and reconciliation, and an index
 * that keeps range digests of the product mirror index-only. Frozen: the SQL below is what ran
 * (ADR 0015).
 */
export class AddMirrorSync1764000000000 implements MigrationInterface {
  name = 'AddMirrorSync1764000000000';

  async up(q: QueryRunner): Promise<void> {
    // Each entry's digest hash, computed once per write; range digests and entry listings read
    // product_mirror index-only, as productMirrorTableDdl() wrote it.
    await q.query(`ALTER TABLE "product_mirror" ADD COLUMN "entry_hash" bigint
      GENERATED ALWAYS AS (('x' || left(md5("id"::text || ':' || "version"::text || ':' || "status"), 16))::bit(64)::bigint) STORED`);
    await q.query(
      `CREATE INDEX "ix_product_mirror_entries" ON "product_mirror" ("id") INCLUDE ("version", "status", "entry_hash")`,
    );
    // mirror_sync_state, as mirrorSyncStateTableDdl() (@app/mirror-sync) wrote it.
    await q.query(`CREATE TABLE "mirror_sync_state" (
      "mirror" text PRIMARY KEY,
      "seed_after" text,
      "seed_rows" bigint NOT NULL DEFAULT 0,
      "seed_started_at" timestamptz,
      "seed_completed_at" timestamptz,
      "last_reconcile_at" timestamptz,
      "last_reconcile" jsonb
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "mirror_sync_state"`);
    await q.query(`DROP INDEX "ix_product_mirror_entries"`);
    await q.query(`ALTER TABLE "product_mirror" DROP COLUMN "entry_hash"`);
  }
}
