import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first schema, with the libs' tables as their DDL helpers wrote them then. Frozen: the SQL
 * below is what ran; a later schema change is a new migration (ADR 0015).
 */
export class CreateProducts1763800000000 implements MigrationInterface {
  name = 'CreateProducts1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "products" (
      "id" uuid PRIMARY KEY,
      "sku" text NOT NULL,
      "name" text NOT NULL,
      "description" text,
      "price_cents" integer NOT NULL CHECK ("price_cents" >= 0),
      "currency" char(3) NOT NULL,
      "status" text NOT NULL CHECK ("status" IN ('active', 'decommissioned')),
      "decommission_reason" text,
      "version" integer NOT NULL,
      "created_at" timestamptz NOT NULL,
      "updated_at" timestamptz NOT NULL,
      "updated_by" text NOT NULL
    )`);
    // A decommissioned product keeps its SKU but does not block a new product using it
    // (productLifecycle.partialUniqueIndexSql('products', ['sku']) wrote this).
    await q.query(
      `CREATE UNIQUE INDEX "uq_products_sku_visible" ON "products" ("sku") WHERE "status" IN ('active')`,
    );
    await q.query(`CREATE INDEX "ix_products_status" ON "products" ("status")`);
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
    // audit_log, as auditLogTableDdl() (@app/audit) wrote it.
    await q.query(`CREATE TABLE "audit_log" (
      "id" bigserial PRIMARY KEY,
      "at" timestamptz NOT NULL DEFAULT now(),
      "actor" text NOT NULL,
      "action" text NOT NULL,
      "entity_type" text NOT NULL,
      "entity_id" text NOT NULL,
      "details" jsonb NOT NULL DEFAULT '{}'::jsonb
    )`);
    await q.query(
      `CREATE INDEX "ix_audit_log_entity" ON "audit_log" ("entity_type", "entity_id", "at")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE "audit_log"');
    await q.query('DROP TABLE "outbox_messages"');
    await q.query('DROP TABLE "products"');
  }
}
