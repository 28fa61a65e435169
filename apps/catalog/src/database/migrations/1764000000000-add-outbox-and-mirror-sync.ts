import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Provable mirrors (ADR 0017): an outbox for the purge receipts this service now publishes, the
 * state of its mirror's seeding and reconciliation, and an index that keeps range digests of
 * the product mirror index-only. Frozen: the SQL below is what ran (ADR 0015).
 */
export class AddOutboxAndMirrorSync1764000000000 implements MigrationInterface {
  name = 'AddOutboxAndMirrorSync1764000000000';

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
    // outbox_messages, as outboxTableDdl() (@app/outbox) wrote it.
    await q.query(`CREATE TABLE "outbox_messages" (
      "id" bigserial PRIMARY KEY,
      "event_id" uuid NOT NULL UNIQUE,
      "lane" smallint NOT NULL,
      "aggregate_type" text NOT NULL,
      "aggregate_id" text NOT NULL,
      "aggregate_version" integer NOT NULL,
      "event_type" text NOT NULL,
      "exchange" text NOT NULL,
      "routing_key" text NOT NULL,
      "payload" jsonb NOT NULL,
      "headers" jsonb NOT NULL DEFAULT '{}'::jsonb,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "published_at" timestamptz,
      "attempts" integer NOT NULL DEFAULT 0,
      "next_attempt_at" timestamptz,
      "last_error" text,
      -- [{ at, error }], newest last, the last 20 only: what an operator reads before a requeue.
      "attempt_log" jsonb NOT NULL DEFAULT '[]'::jsonb,
      "dead_lettered_at" timestamptz,
      -- An operator gave up on a dead letter: kept for the record, never published or cleaned up.
      "discarded_at" timestamptz,
      "discarded_by" text,
      -- A discarded row stays dead-lettered, so no pending predicate can ever pick it up again.
      CONSTRAINT "ck_outbox_messages_discarded_is_dead_lettered"
        CHECK ("discarded_at" IS NULL OR "dead_lettered_at" IS NOT NULL)
    )`);
    await q.query(`CREATE INDEX "ix_outbox_messages_pending" ON "outbox_messages" ("id") INCLUDE ("lane")
      WHERE "published_at" IS NULL AND "dead_lettered_at" IS NULL`);
    await q.query(`CREATE INDEX "ix_outbox_messages_backoff" ON "outbox_messages" ("aggregate_type", "aggregate_id", "id")
      WHERE "published_at" IS NULL AND "dead_lettered_at" IS NULL AND "next_attempt_at" IS NOT NULL`);
    await q.query(`CREATE INDEX "ix_outbox_messages_published_at" ON "outbox_messages" ("published_at")
      WHERE "published_at" IS NOT NULL`);
    await q.query(`CREATE INDEX "ix_outbox_messages_dead_lettered" ON "outbox_messages" ("dead_lettered_at", "id")
      WHERE "dead_lettered_at" IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "outbox_messages"`);
    await q.query(`DROP TABLE "mirror_sync_state"`);
    await q.query(`DROP INDEX "ix_product_mirror_entries"`);
    await q.query(`ALTER TABLE "product_mirror" DROP COLUMN "entry_hash"`);
  }
}
