import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Provable mirrors, the owner's side (ADR 0017): tombstones of purged products (backfilled from
 * the audit log), an index that serves range digests from the index alone, the inbox and dead
 * letters of the purge-receipt consumers, and the purge ledger. Frozen: the SQL below is what
 * ran; a later schema change is a new migration (ADR 0015).
 */
export class TombstonesAndPurgeLedger1764600000000 implements MigrationInterface {
  name = 'TombstonesAndPurgeLedger1764600000000';

  async up(q: QueryRunner): Promise<void> {
    // The primary key covers the version and the entry's digest hash (computed once per write),
    // so a digest over tombstones is index-only.
    await q.query(`CREATE TABLE "product_tombstones" (
      "id" uuid NOT NULL,
      "version" integer NOT NULL,
      "purged_at" timestamptz NOT NULL,
      "entry_hash" bigint GENERATED ALWAYS AS (('x' || left(md5("id"::text || ':' || "version"::text || ':' || 'purged'), 16))::bit(64)::bigint) STORED,
      CONSTRAINT "product_tombstones_pkey" PRIMARY KEY ("id") INCLUDE ("version", "entry_hash")
    )`);
    // Purges made before this table existed: every one audited its version and time.
    await q.query(`INSERT INTO "product_tombstones" ("id", "version", "purged_at")
      SELECT DISTINCT ON ("entity_id") "entity_id"::uuid, ("details"->>'version')::integer, "at"
        FROM "audit_log"
       WHERE "entity_type" = 'product' AND "action" = 'product.purged'
       ORDER BY "entity_id", "at" DESC`);
    // Range digests read each product's digest hash, computed once per write, from this index
    // alone; entry listings read id, version and status from it.
    await q.query(`ALTER TABLE "products" ADD COLUMN "entry_hash" bigint
      GENERATED ALWAYS AS (('x' || left(md5("id"::text || ':' || "version"::text || ':' || "status"), 16))::bit(64)::bigint) STORED`);
    await q.query(
      `CREATE INDEX "ix_products_entries" ON "products" ("id") INCLUDE ("version", "status", "entry_hash")`,
    );
    // inbox_messages and dead_letters, as inboxTableDdl() (@app/inbox) wrote them.
    await q.query(`CREATE TABLE "inbox_messages" (
      "consumer" text NOT NULL,
      "message_id" text NOT NULL,
      "event_type" text NOT NULL,
      "received_at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("consumer", "message_id")
    )`);
    await q.query(
      `CREATE INDEX "ix_inbox_messages_received_at" ON "inbox_messages" ("received_at")`,
    );
    await q.query(`CREATE TABLE "dead_letters" (
      "id" bigserial PRIMARY KEY,
      "queue" text NOT NULL,
      "message_id" text,
      "event_type" text,
      "subject" text,
      "reason" text NOT NULL,
      "attempts" integer NOT NULL DEFAULT 0,
      "headers" jsonb NOT NULL DEFAULT '{}'::jsonb,
      "body" bytea NOT NULL,
      "content_type" text,
      "parked_at" timestamptz NOT NULL DEFAULT now(),
      "status" text NOT NULL DEFAULT 'parked'
        CHECK ("status" IN ('parked', 'requeued', 'discarded')),
      "resolved_at" timestamptz,
      "resolved_by" text,
      "resolution_note" text
    )`);
    await q.query(
      `CREATE INDEX "ix_dead_letters_listing" ON "dead_letters" ("queue", "status", "parked_at" DESC)`,
    );
    await q.query(`CREATE UNIQUE INDEX "ux_dead_letters_parked_message" ON "dead_letters" ("queue", "message_id")
      WHERE "status" = 'parked'`);
    // purge_ledger and purge_receipts, as purgeLedgerTableDdl() (@app/mirror-sync) wrote them.
    await q.query(`CREATE TABLE "purge_ledger" (
      "aggregate_type" text NOT NULL,
      "aggregate_id" text NOT NULL,
      "version" integer NOT NULL,
      "purged_at" timestamptz NOT NULL,
      "expected_mirrors" text[] NOT NULL,
      "completed_at" timestamptz,
      PRIMARY KEY ("aggregate_type", "aggregate_id")
    )`);
    await q.query(`CREATE INDEX "ix_purge_ledger_incomplete" ON "purge_ledger" ("purged_at")
      WHERE "completed_at" IS NULL`);
    await q.query(`CREATE TABLE "purge_receipts" (
      "aggregate_type" text NOT NULL,
      "aggregate_id" text NOT NULL,
      "mirror" text NOT NULL,
      "version" integer NOT NULL,
      "applied_at" timestamptz NOT NULL,
      "received_at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("aggregate_type", "aggregate_id", "mirror")
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'purge_receipts',
      'purge_ledger',
      'dead_letters',
      'inbox_messages',
      'product_tombstones',
    ]) {
      await q.query(`DROP TABLE "${table}"`);
    }
    await q.query('DROP INDEX "ix_products_entries"');
    await q.query('ALTER TABLE "products" DROP COLUMN "entry_hash"');
  }
}
